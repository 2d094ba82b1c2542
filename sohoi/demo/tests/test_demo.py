import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from sohoi.accounts.models import User
from sohoi.conferences.models import Conference, Task
from sohoi.conferences.status import task_status
from sohoi.identity.models import CandidatePair, PersonMerge
from sohoi.members.models import Membership
from sohoi.mergers.models import Proposal
from sohoi.people.models import Person
from sohoi.registry.models import Association, Branch, Term
from sohoi.reporting.models import ConsolidatedReport, Report, ReportingPeriod
from sohoi.reporting.selectors import completeness
from sohoi.staffing.leaders import next_congress_warnings
from sohoi.staffing.models import Transfer
from sohoi.staffing.selectors import quota_table

pytestmark = pytest.mark.django_db


def test_the_demo_province_is_deterministic_and_loads_once(capsys):
    call_command("load_demo")
    statuses = dict(Association.objects.values_list("status").annotate(n=Count("id")))
    assert statuses == {"active": 29, "ceased": 13, "dissolved": 1, "permitted": 2, "proposed": 1, "suspended": 1}
    assert Association.objects.filter(name__endswith="tỉnh Bắc Kạn").count() == 16
    assert Branch.objects.count() == 143  # the new associations' branches are their predecessors'
    # The 2025 consolidations went through the merger proposals: members, branches, tasks carried over.
    proposals = Proposal.objects.filter(batch="Hợp nhất tỉnh Thái Nguyên và tỉnh Bắc Kạn")
    assert set(proposals.values_list("status", flat=True)) == {"executed"}
    assert proposals.count() == 6
    new_elderly = Association.objects.get(name="Hội Người cao tuổi tỉnh Thái Nguyên (mới)")
    predecessors = Membership.objects.filter(
        association__predecessor_links__isnull=True, carried_to__association=new_elderly
    )
    assert (predecessors.count(), predecessors.values("person").distinct().count()) == (9000, 8962)
    assert Membership.objects.filter(association=new_elderly, left_on__isnull=True).count() == 8962
    assert not Membership.objects.filter(association__status="ceased", left_on__isnull=True).exists()
    cared = Task.objects.get(title="Chăm lo đời sống vật chất, tinh thần của hội viên")  # the seed's 2023 task
    assert cared.lead_association == new_elderly
    assert cared.updates.latest("pk").text.startswith("Hội Người cao tuổi tỉnh Bắc Kạn → Hội Người cao tuổi tỉnh")
    new_red_cross = Association.objects.get(name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)")
    assert sorted(link.predecessor.name for link in new_red_cross.predecessor_links.all()) == [
        "Hội Chữ thập đỏ tỉnh Bắc Kạn",
        "Hội Chữ thập đỏ tỉnh Thái Nguyên",
    ]
    assert Term.objects.get(association=new_red_cross).number == 1
    assert Membership.objects.count() == 57859  # the predecessors' stay as history
    # The duplicates found: the pairs proposed for merging merged, the doubtful ones waiting for review.
    decisions = dict(CandidatePair.objects.values_list("decision").annotate(n=Count("id")))
    assert decisions == {"merged": 114, "pending": 104, "unsure": 40}
    assert PersonMerge.objects.count() == 114
    assert Person.objects.filter(memberships__isnull=False).distinct().count() == 32042
    both = Person.objects.filter(memberships__association=new_elderly, memberships__left_on__isnull=True).filter(
        memberships__association__name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)"
    )
    assert both.distinct().count() == 1724  # a fifth of the elders in the Red Cross too, and the merged pairs
    states = [
        (
            p.regime.title,
            p.year,
            str(p.starts_on),
            str(p.due_on),
            c.expected,
            c.submitted,
            c.late,
            c.returned,
            c.accepted,
        )
        for p in ReportingPeriod.objects.select_related("regime").order_by("ends_on", "regime__title")
        for c in [completeness(p)]
    ]
    assert states == [
        ("Báo cáo 6 tháng các hội được giao biên chế tỉnh Bắc Kạn", 2023, "2022-12-15", "2023-06-16", 13, 13, 0, 0, 13),
        ("Báo cáo 6 tháng các hội được giao biên chế", 2025, "2024-12-15", "2025-06-17", 27, 27, 3, 0, 27),
        ("Báo cáo năm các hội được giao biên chế", 2025, "2024-12-15", "2025-12-16", 31, 31, 1, 0, 31),
        ("Báo cáo 6 tháng các hội được giao biên chế", 2026, "2025-12-15", "2026-06-16", 23, 20, 1, 2, 16),
        ("Báo cáo năm các hội được giao biên chế", 2026, "2025-12-15", "2026-12-16", 25, 0, 0, 0, 0),
    ]
    assert ConsolidatedReport.objects.get().number == "86/BC-SNV"
    red_cross_2026 = Report.objects.get(
        association=new_red_cross, period__year=2026, period__regime__period_type="half_year"
    )
    assert (red_cross_2026.status, red_cross_2026.versions.count()) == ("returned", 1)
    statuses = Counter(task_status(t, dt.date(2026, 11, 24)) for t in Task.objects.all())
    assert statuses == {"done_on_time": 6, "done_late": 3, "in_progress": 4, "overdue": 3, "not_started": 1}
    assert Conference.objects.get(held_on=dt.date(2023, 7, 4)).tasks.count() == 9
    rows = quota_table(User.objects.get(username="sonoivu"), 2026, dt.date(2026, 11, 24))
    assert (len(rows), sum(r.quota for r in rows), sum(r.within for r in rows), sum(r.over for r in rows)) == (
        21,
        81,
        84,
        6,
    )
    assert Transfer.objects.filter(status="proposed").count() == 1
    warnings = next_congress_warnings(Association.objects.all())
    assert "Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)" in {w.association.name for w in warnings}
    officer = User.objects.get(username="hoi.ctd")
    assert [a.name for a in officer.associations.all()] == ["Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)"]
    call_command("load_demo")
    assert Association.objects.count() == 47
    assert "already has associations" in capsys.readouterr().out
