import pytest

from sohoi.geo.loader import load_units
from sohoi.geo.models import AdministrativeUnit, UnitSuccession
from sohoi.geo.selectors import home_communes

pytestmark = pytest.mark.django_db


def test_the_2025_units_are_loaded_with_string_codes():
    current = AdministrativeUnit.objects.filter(valid_to__isnull=True)
    assert current.filter(level="province").count() == 34
    assert current.filter(level="commune").count() == 3321
    assert AdministrativeUnit.objects.get(level="province", code="19").name == "Thái Nguyên"
    duc_xuan = AdministrativeUnit.objects.get(level="commune", code="01840")
    assert (duc_xuan.name, duc_xuan.parent.code) == ("Phường Đức Xuân", "19")


def test_thai_nguyen_has_92_communes_of_which_37_are_former_bac_kan():
    communes = list(home_communes().values_list("code", flat=True))
    assert len(communes) == 92
    assert sum(1 for code in communes if code < "05000") == 37


def test_former_bac_kan_and_its_districts_are_historical_and_map_to_thai_nguyen():
    bac_kan = AdministrativeUnit.objects.get(level="province", code="06")
    assert (bac_kan.name, bac_kan.is_historical, str(bac_kan.valid_to)) == ("Bắc Kạn", True, "2025-06-30")
    assert [s.successor.code for s in bac_kan.successions.all()] == ["19"]
    districts = AdministrativeUnit.objects.filter(level="district", parent=bac_kan).order_by("code")
    assert [d.name for d in districts][:2] == ["Thành phố Bắc Kạn", "Huyện Pác Nặm"]
    assert districts.count() == 8
    assert UnitSuccession.objects.filter(predecessor__in=districts, successor__code="19").count() == 8


def test_loading_again_creates_nothing():
    assert load_units(AdministrativeUnit, UnitSuccession) == 0
