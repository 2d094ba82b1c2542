"""The lineage page draws every association linked through reorganisations, oldest on the left."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sohoi.registry import selectors
from sohoi.registry.models import EventKind
from tests.factories import AssociationFactory, active_association, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(cast):
    """Folk arts merged into an arts union (2022), which then consolidated with another (2025)."""
    folk = active_association(name="Hội Văn nghệ dân gian tỉnh Bắc Kạn")
    arts_bk = active_association(name="Hội Văn học Nghệ thuật tỉnh Bắc Kạn")
    arts_tn = active_association(name="Hội Văn học Nghệ thuật tỉnh Thái Nguyên")
    record(folk, EventKind.MERGER, dt.date(2022, 9, 12), targets=[arts_bk])
    new = AssociationFactory(name="Hội Văn học Nghệ thuật tỉnh Thái Nguyên (mới)")
    record(arts_tn, EventKind.CONSOLIDATION, dt.date(2025, 8, 20), other_sources=[arts_bk], targets=[new])
    return folk, arts_bk, arts_tn, new


def test_the_graph_puts_each_generation_in_its_column(family):
    folk, _arts_bk, _arts_tn, new = family
    graph = selectors.lineage(new)
    assert [(n.association.name, n.x, n.y, n.current) for n in graph.nodes] == [
        ("Hội Văn nghệ dân gian tỉnh Bắc Kạn", 20, 20, False),
        ("Hội Văn học Nghệ thuật tỉnh Bắc Kạn", 480, 20, False),  # the two that consolidated side by side
        ("Hội Văn học Nghệ thuật tỉnh Thái Nguyên", 480, 108, False),
        ("Hội Văn học Nghệ thuật tỉnh Thái Nguyên (mới)", 940, 20, True),
    ]
    assert [(e.link.predecessor.name, e.link.successor.name, e.link.kind) for e in graph.edges] == [
        ("Hội Văn nghệ dân gian tỉnh Bắc Kạn", "Hội Văn học Nghệ thuật tỉnh Bắc Kạn", "merger"),
        ("Hội Văn học Nghệ thuật tỉnh Thái Nguyên", "Hội Văn học Nghệ thuật tỉnh Thái Nguyên (mới)", "consolidation"),
        ("Hội Văn học Nghệ thuật tỉnh Bắc Kạn", "Hội Văn học Nghệ thuật tỉnh Thái Nguyên (mới)", "consolidation"),
    ]
    assert (graph.width, graph.height) == (1240, 192)
    seen_from_folk = selectors.lineage(folk)  # the same family seen from its oldest member
    assert [(n.association.pk, n.x, n.y) for n in seen_from_folk.nodes] == [
        (n.association.pk, n.x, n.y) for n in graph.nodes
    ]
    assert [n.association.pk for n in seen_from_folk.nodes if n.current] == [folk.pk]


def test_the_page_draws_the_graph_for_whoever_may_see_the_association(cast, family):
    *_, new = family
    page = cast.client("leader").get(f"/associations/{new.pk}/lineage/")
    text = page.content.decode()
    assert page.status_code == 200 and "<svg" in text and "Hợp nhất thành hội mới" in text
    assert cast.client("officer_a").get(f"/associations/{new.pk}/lineage/").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        selectors.lineage(new)
    assert len(queries) == 4  # a query a generation and one more, then the associations
