"""After a consolidation the result's first report is compared with the sum of its predecessors'
reports of the period before, and the document says so ("so với tổng của các hội hợp nhất")."""

import datetime as dt

import pytest

from sohoi.registry.models import EventKind
from sohoi.reporting import services
from sohoi.reporting.document import default_narrative
from sohoi.reporting.selectors import completeness, consolidation
from sohoi.reporting.tests.test_reports import GOOD, make_regime
from tests.factories import AssociationFactory, record

pytestmark = pytest.mark.django_db


def _accepted(period, association, members: int) -> None:
    report = services.report_open(period=period, association=association, by=None)
    values = {**GOOD, "members": str(members), "women": "1", "new_members": "1"}
    report = services.report_submit(report=report, values=values, revision=report.revision, by=None)
    services.report_accept(report=report, by=None)


def test_the_result_is_compared_with_the_sum_of_its_predecessors(cast):
    regime = make_regime()
    [first_2025] = services.periods_generate(regime=regime, year=2025, by=None)
    [first_2026] = services.periods_generate(regime=regime, year=2026, by=None)  # 15/12/2025–14/06/2026
    _accepted(first_2025, cast.association_a, 3000)
    _accepted(first_2025, cast.association_b, 2000)
    new = AssociationFactory(name="Hội Hợp nhất tỉnh Thái Nguyên (mới)")
    record(
        cast.association_a,
        EventKind.CONSOLIDATION,
        dt.date(2025, 8, 20),
        other_sources=[cast.association_b],
        targets=[new],
    )
    _accepted(first_2026, new, 4900)  # the persons in both counted once now
    data = consolidation(first_2026)
    [line] = data.lineage
    assert (line.association, [p.name for p in line.predecessors]) == (
        new,
        ["Hội Chữ thập đỏ tỉnh Thái Nguyên", "Hội Người cao tuổi tỉnh Thái Nguyên"],
    )
    assert (line.values["members"], line.previous["members"], line.change("members")) == (4900, 5000, -100)
    narrative = default_narrative(first_2026, data, completeness(first_2026))
    assert narrative[-1] == (
        "Hội Hợp nhất tỉnh Thái Nguyên (mới): tổng số hội viên 4.900, -100 so với tổng của các hội hợp nhất "
        "(Hội Chữ thập đỏ tỉnh Thái Nguyên, Hội Người cao tuổi tỉnh Thái Nguyên: 5.000)."
    )
    page = cast.client("province_officer").get(f"/reports/periods/{first_2026.pk}/consolidated/")
    assert "So với các hội hợp nhất" in page.content.decode()
