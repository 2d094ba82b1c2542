import pytest
from django.core.management import call_command
from django.db.models import Count

from sohoi.accounts.models import User
from sohoi.members.models import Membership
from sohoi.people.models import Person
from sohoi.registry.models import Association, Branch, Term
from sohoi.reporting.models import ReportingPeriod

pytestmark = pytest.mark.django_db


def test_the_demo_province_is_deterministic_and_loads_once(capsys):
    call_command("load_demo")
    statuses = dict(Association.objects.values_list("status").annotate(n=Count("id")))
    assert statuses == {"active": 29, "ceased": 13, "dissolved": 1, "permitted": 2, "proposed": 1, "suspended": 1}
    assert Association.objects.filter(name__endswith="tỉnh Bắc Kạn").count() == 16
    assert Branch.objects.count() == 163
    new_red_cross = Association.objects.get(name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)")
    assert sorted(link.predecessor.name for link in new_red_cross.predecessor_links.all()) == [
        "Hội Chữ thập đỏ tỉnh Bắc Kạn",
        "Hội Chữ thập đỏ tỉnh Thái Nguyên",
    ]
    assert Term.objects.get(association=new_red_cross).number == 1
    assert Membership.objects.count() == 29385
    assert Person.objects.filter(memberships__isnull=False).distinct().count() == 27768
    both = Person.objects.filter(memberships__association__name="Hội Người cao tuổi tỉnh Thái Nguyên (mới)").filter(
        memberships__association__name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)"
    )
    assert both.count() == 1617
    periods = ReportingPeriod.objects.order_by("year")
    assert [(p.year, str(p.starts_on), str(p.ends_on), str(p.due_on)) for p in periods] == [
        (2025, "2024-12-15", "2025-06-14", "2025-06-17"),
        (2026, "2025-12-15", "2026-06-14", "2026-06-16"),
    ]
    officer = User.objects.get(username="hoi.ctd")
    assert [a.name for a in officer.associations.all()] == ["Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)"]
    call_command("load_demo")
    assert Association.objects.count() == 47
    assert "already has associations" in capsys.readouterr().out
