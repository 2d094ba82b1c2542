"""An association officer reviews three pairs of records the matching found: merges one, choosing whose
birth date to keep, says two records are two people, leaves one for later; the association's count of
persons falls by the one merged."""

import datetime as dt

import pytest

from sohoi.accounts.models import Role
from sohoi.identity.models import CandidatePair
from sohoi.members.services import PersonData, membership_create
from sohoi.people.models import Person
from tests.browser.test_registry_flow import log_in
from tests.factories import UserFactory, active_association

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _member(association, name, **data):
    return membership_create(
        association=association, joined_on=dt.date(2020, 1, 1), by=None, person_data=PersonData(full_name=name, **data)
    ).person


def _pair(a, b, probability):
    a, b = sorted([a, b], key=lambda p: p.pk)
    return CandidatePair.objects.create(
        person_a=a,
        person_b=b,
        probability=probability,
        match_weight=5,
        evidence=[["Họ và tên", "cùng họ tên", 6.1], ["Ngày sinh", "cùng năm sinh", 2.3]],
    )


def test_officer_reviews_three_pairs(live_server, browser, screenshot):
    association = active_association(name="Hội Người cao tuổi tỉnh Thái Nguyên (mới)")
    UserFactory(username="hoi.nct", role=Role.ASSOCIATION_OFFICER, associations=[association])
    lan = _member(association, "Hoàng Thị Lan", sex="F", birth_date=dt.date(1950, 3, 12), cccd="006150001111")
    lan2 = _member(association, "HOÀNG THỊ LAN", sex="F", birth_date=dt.date(1950, 12, 3), address_text="Thôn Nà Pài")
    minh = _member(association, "Nông Văn Minh", sex="M", birth_year=1948)
    minh2 = _member(association, "Nông Văn Minh", sex="M", birth_year=1949)
    ha = _member(association, "Ma Thị Hà", sex="F", birth_year=1955)
    ha2 = _member(association, "Ma Thi Ha", sex="F", birth_year=1955)
    first, second, third = _pair(lan, lan2, 0.97), _pair(minh, minh2, 0.81), _pair(ha, ha2, 0.66)

    page = browser.new_page(locale="vi-VN", viewport={"width": 1100, "height": 900})
    page.set_default_timeout(10_000)
    log_in(page, live_server.url, "hoi.nct")
    page.goto(f"{live_server.url}/associations/{association.pk}/members/figures/")
    assert page.locator("article", has_text="Số người").locator("strong").inner_text() == "6"

    page.get_by_role("link", name="Trùng người?").click()
    assert page.locator("table.pairs tbody tr").count() == 3
    screenshot(page, "identity-queue")

    page.get_by_role("link", name="97%").click()
    assert page.locator("tr.differs").count() == 4  # the name as typed, birth date, CCCD, address
    page.get_by_label("12/03/1950").check()  # A's birth date, against B's 03/12/1950
    screenshot(page, "identity-pair")
    page.get_by_role("button", name="Gộp hai hồ sơ").click()
    page.wait_for_load_state()
    screenshot(page, "identity-after-merge")
    page.get_by_text("Đã gộp hai hồ sơ.").wait_for()

    page.get_by_role("link", name="81%").click()
    page.get_by_role("button", name="Hai người khác nhau").click()
    page.get_by_text("Đã ghi nhận: Không phải một người.").wait_for()

    page.get_by_role("link", name="66%").click()
    page.get_by_role("button", name="Chưa chắc").click()
    page.get_by_text("Đã ghi nhận: Chưa chắc.").wait_for()
    assert page.locator("table.pairs tbody tr").count() == 1  # "not sure" stays open
    screenshot(page, "identity-reviewed")

    decisions = dict(CandidatePair.objects.values_list("pk", "decision"))
    assert decisions == {first.pk: "merged", second.pk: "rejected", third.pk: "unsure"}
    kept = Person.objects.get(pk=min(lan.pk, lan2.pk))
    assert (kept.birth_display, kept.cccd, kept.address_text) == ("12/03/1950", "006150001111", "Thôn Nà Pài")
    page.goto(f"{live_server.url}/associations/{association.pk}/members/figures/")
    assert page.locator("article", has_text="Số người").locator("strong").inner_text() == "5"
    page.close()
