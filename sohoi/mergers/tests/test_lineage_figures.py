"""After a consolidation is carried out, the member figures and the completeness of reports put the
result beside the sum of its predecessors for the time before the event ("so với tổng của các hội
hợp nhất")."""

import datetime as dt

import pytest

from sohoi.members.selectors import predecessor_figures
from sohoi.mergers import execute
from sohoi.mergers.tests.scenario import build, consolidation
from sohoi.reporting import services as reporting
from sohoi.reporting.selectors import completeness
from sohoi.reporting.tests.test_reports import GOOD, create_form

pytestmark = pytest.mark.django_db


def test_member_figures_put_the_result_beside_its_predecessors_before_the_event(cast):
    s = build(cast)
    proposal = execute.proposal_execute(proposal=consolidation(cast, s), by=cast.province_officer)
    new = proposal.results.get().association
    before = predecessor_figures(new, start=dt.date(2026, 1, 1))
    # on 01/01/2026: Lan and Thắng in A; Thắng, Hoa and Dũng in B — Thắng counted once among the persons
    assert (before.day, before.event_on) == (dt.date(2026, 1, 1), dt.date(2026, 11, 20))
    assert [(a.pk, n) for a, n in before.rows] == [(s.a.pk, 2), (s.b.pk, 3)]
    assert (before.memberships, before.persons) == (5, 4)
    assert predecessor_figures(new, start=dt.date(2026, 11, 20)) is None  # the period starts with the result
    assert predecessor_figures(s.a, start=dt.date(2026, 1, 1)) is None  # no predecessor

    page = cast.client("province_officer").get(
        f"/associations/{new.pk}/members/figures/", {"start": "2026-01-01", "end": "2026-12-31"}
    )
    text = page.content.decode()
    assert "So với tổng của các hội hợp nhất" in text
    assert "Ngày 01/01/2026, trước khi tổ chức lại ngày 20/11/2026:" in text
    assert "5 lượt hội viên, 4 người" in text  # the predecessors
    assert "5 lượt hội viên, 5 người" in text  # the result on 31/12/2026, Nam who joined on 15/12 included
    later = cast.client("province_officer").get(
        f"/associations/{new.pk}/members/figures/", {"start": "2026-12-01", "end": "2026-12-31"}
    )
    assert "So với tổng của các hội hợp nhất" not in later.content.decode()


def test_completeness_shows_how_the_predecessors_stood_in_the_period_before(cast):
    s = build(cast)  # the scenario's regime expects A alone
    create_form(s.regime)
    [year_2025] = reporting.periods_generate(regime=s.regime, year=2025, by=None)
    report = reporting.report_open(period=year_2025, association=s.a, by=None)
    reporting.report_submit(report=report, values=GOOD, revision=report.revision, by=None)
    proposal = execute.proposal_execute(proposal=consolidation(cast, s), by=cast.province_officer)
    new = proposal.results.get().association
    [year_2026] = reporting.periods_generate(regime=s.regime, year=2026, by=None)
    c = completeness(year_2026)
    rows = {row.association.pk: row for row in c.rows}
    assert set(rows) == {s.a.pk, new.pk}  # A still alive part of 2026; B never expected by this regime
    assert [(a.pk, label) for a, label in rows[new.pk].predecessors] == [(s.a.pk, "Đã gửi")]
    assert rows[s.a.pk].predecessors == ()
    assert (c.previous, c.previous_expected, c.previous_submitted, c.merged) == (year_2025, 1, 1, 1)
    page = cast.client("province_officer").get(f"/reports/periods/{year_2026.pk}/").content.decode()
    assert "Kỳ trước (Báo cáo riêng của hai hội 2025): 1 hội phải báo cáo, 1 đã nộp." in page
    assert "Kỳ trước, là các hội hợp nhất: Hội Chữ thập đỏ tỉnh Thái Nguyên — Đã gửi" in page
