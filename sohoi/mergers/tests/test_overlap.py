"""The overlap ranking: the texts compared by TF-IDF, the facts two associations share counted exactly,
the demo's overlapping kinds on top, the page and its .xlsx for province officers and leaders."""

import datetime as dt
import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sohoi.demo.data import KINDS, OVERLAP_HINTS
from sohoi.members.models import Membership
from sohoi.mergers import selectors
from sohoi.mergers.overlap import cosine, terms, tfidf
from sohoi.people.models import Person
from sohoi.registry.models import Association, Branch
from tests.factories import active_association, commune

TODAY = dt.date(2026, 12, 3)


def test_texts_are_compared_by_syllables_and_syllable_pairs():
    assert terms("Chăm sóc người khuyết tật; 2025") == {
        "chăm": 1,
        "sóc": 1,
        "người": 1,
        "khuyết": 1,
        "tật": 1,
        "chăm sóc": 1,
        "sóc người": 1,
        "người khuyết": 1,
        "khuyết tật": 1,
    }
    vectors = tfidf({1: "Trợ giúp người khuyết tật", 2: "trợ giúp người khuyết tật", 3: "Khám chữa bệnh bằng đông y"})
    assert round(cosine(vectors[1], vectors[2]), 6) == 1.0
    assert cosine(vectors[1], vectors[3]) == 0.0


def _member(person, association, left_on=None):
    Membership.objects.create(person=person, association=association, joined_on=dt.date(2020, 1, 1), left_on=left_on)


def test_shared_members_and_branch_communes_are_counted_exactly(cast):
    a, b = cast.association_a, cast.association_b
    persons = [Person.objects.create(full_name=f"Lò Văn {n}", name_folded=f"lo van {n}") for n in range(6)]
    for p in persons[:4]:
        _member(p, a)
    for p in persons[2:]:
        _member(p, b)
    _member(persons[0], b, left_on=dt.date(2024, 1, 1))  # left: not in both today
    place, other = commune(), commune("01840")
    for association, where in ((a, place), (b, place), (b, other)):
        Branch.objects.create(association=association, name=f"Chi hội {where.name}", commune=where,
                              established_on=dt.date(2021, 1, 1))  # fmt: skip
    o = next(o for o in selectors.overlap_pairs(TODAY) if {o.a.pk, o.b.pk} == {a.pk, b.pk})
    assert (o.a.members, o.b.members, o.shared_members, o.shared_communes) == (4, 4, 2, 1)
    assert (o.member_containment, round(o.member_jaccard, 4), o.signals["branches"]) == (0.5, 0.3333, 0.5)
    from sohoi.mergers.reasons import reasons

    assert reasons(o)[-2:] == ["2 hội viên chung (50% của hội nhỏ hơn; Jaccard 0,33)", "chi hội của cả hai ở 1 xã"]


def _kind(association: Association) -> str:
    """The demo's kind of an association ("Hội Người mù tỉnh Bắc Kạn" → "nguoi-mu"); "" for none."""
    return {name: key for key, name, *_rest in KINDS}.get(association.name.split(" tỉnh ")[0], "")


def test_on_the_demo_the_same_kinds_then_the_overlapping_kinds_come_first(db):
    call_command("load_demo")
    pairs = selectors.overlap_pairs(TODAY)
    kinds = [(_kind(Association.objects.get(pk=o.a.pk)), _kind(Association.objects.get(pk=o.b.pk))) for o in pairs]
    same = [k for k in kinds if k[0] == k[1]]
    assert kinds[: len(same)] == same  # a former Bắc Kạn association and its Thái Nguyên counterpart
    assert len(same) == 8
    following = kinds[len(same) : len(same) + 8]
    assert all(b in OVERLAP_HINTS.get(a, ()) or a in OVERLAP_HINTS.get(b, ()) for a, b in following), following


def test_the_page_lists_the_pairs_with_their_reasons_for_leaders_and_officers_only(cast):
    cast.association_a.functions = "Trợ giúp người khuyết tật, trẻ mồ côi; vận động nguồn lực nhân đạo."
    cast.association_a.save()
    cast.association_b.functions = "Trợ giúp người khuyết tật; vận động nguồn lực."
    cast.association_b.save()
    page = cast.client("leader").get("/mergers/overlap/", {"min_score": "0,1"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hội Chữ thập đỏ tỉnh Thái Nguyên" in text and "giống nhau" in text
    assert cast.client("officer_a").get("/mergers/overlap/").status_code == 403
    bad = cast.client("province_officer").get("/mergers/overlap/", {"min_score": "nhiều"})
    assert bad.status_code == 200 and "Nhập một số." in bad.content.decode()


def test_the_export_is_the_ranking_and_safe_from_formulas(cast):
    cast.association_a.name = "=HYPERLINK(1)"
    cast.association_a.save()
    response = cast.client("province_officer").get("/mergers/overlap.xlsx", {"min_score": "0"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Hội", "Hội", "Điểm")
    assert len(rows) == 2 and rows[1][0] == 1
    assert "'=HYPERLINK(1)" in rows[1][1:3]


def test_the_page_runs_the_same_number_of_queries_for_2_and_5_associations(cast):
    client = cast.client("province_officer")
    client.get("/mergers/overlap/")
    with CaptureQueriesContext(connection) as few:
        client.get("/mergers/overlap/")
    for _ in range(3):
        active_association()
    with CaptureQueriesContext(connection) as more:
        client.get("/mergers/overlap/")
    assert len(more) == len(few)
