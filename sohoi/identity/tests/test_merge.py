"""Merging two records of one person loses nothing and can be undone exactly; a reviewer's decisions
are remembered; the queue is scoped; a person's data can be corrected."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sohoi.audit.models import AuditEntry
from sohoi.identity import services
from sohoi.identity.matching.propose import propose
from sohoi.identity.matching.score import Pair
from sohoi.identity.models import CandidatePair, Decision, MatchRun, PersonMerge
from sohoi.members import selectors as member_selectors
from sohoi.members.models import Membership
from sohoi.members.services import PersonData, membership_create
from sohoi.people.models import Person


def _member(association, name, **person):
    return membership_create(
        association=association,
        joined_on=person.pop("joined", dt.date(2020, 1, 1)),
        by=None,
        person_data=PersonData(full_name=name, **person),
    )


def _table_state() -> dict:
    """Everything a merge may touch, as stored."""
    return {
        "persons": sorted(Person.objects.values_list(*[f.attname for f in Person._meta.concrete_fields])),
        "memberships": sorted(
            Membership.objects.values_list("pk", "person_id", "association_id", "left_on", "left_reason")
        ),
        "audit": sorted(AuditEntry.objects.filter(content_type__model="person").values_list("pk", "object_id")),
    }


@pytest.fixture
def twins(cast):
    """One woman registered twice: in the Red Cross with her CCCD and phone, in the Elderly Association
    (and, by mistake, the Red Cross again) with her full birth date and address but no CCCD."""
    red = _member(
        cast.association_a, "Hoàng Thị Lan", cccd="006150001111", sex="F", birth_year=1950, phone="0912000111"
    )
    old = _member(
        cast.association_b,
        "Hoàng Thị Lan",
        sex="F",
        birth_date=dt.date(1950, 3, 12),
        address_text="Thôn Nà Pài",
        joined=dt.date(2015, 5, 1),
    )
    Membership.objects.create(person=old.person, association=cast.association_a, joined_on=dt.date(2021, 2, 1))
    return red.person, old.person


def test_a_merge_moves_everything_and_an_unmerge_restores_every_row_exactly(cast, twins):
    survivor, alias = twins
    before = _table_state()
    merge = services.person_merge(
        survivor=survivor, alias=alias, by=cast.province_officer, choose={"birth_date": "alias"}
    )
    survivor.refresh_from_db()
    alias.refresh_from_db()
    assert (survivor.birth_display, survivor.cccd, survivor.phone, survivor.address_text) == (
        "12/03/1950",
        "006150001111",
        "0912000111",
        "Thôn Nà Pài",  # the survivor had none: the alias's
    )
    assert alias.merged_into == survivor
    memberships = Membership.objects.filter(person=survivor).order_by("association_id", "joined_on")
    assert [(m.association_id, m.joined_on, m.left_on) for m in memberships] == [
        (cast.association_a.pk, dt.date(2020, 1, 1), None),
        # her second Red Cross record: ended the day it began, not lost
        (cast.association_a.pk, dt.date(2021, 2, 1), dt.date(2021, 2, 1)),
        (cast.association_b.pk, dt.date(2015, 5, 1), None),
    ]
    assert not Membership.objects.filter(person=alias).exists()
    assert PersonMerge.objects.get() == merge

    services.person_unmerge(merge=merge, by=cast.province_officer)
    after = _table_state()
    assert after["persons"] == before["persons"]
    assert after["memberships"] == before["memberships"]
    earlier = dict(before["audit"])
    assert {pk: obj for pk, obj in after["audit"] if pk in earlier} == earlier  # back to whom they were about
    with pytest.raises(ValidationError):
        services.person_unmerge(merge=merge, by=cast.province_officer)


def test_two_different_cccd_numbers_are_two_people(cast):
    a = _member(cast.association_a, "Nguyễn Thị Lan", cccd="019160000001", sex="F", birth_year=1960).person
    b = _member(cast.association_b, "Nguyễn Thị Lan", cccd="019160000002", sex="F", birth_year=1960).person
    with pytest.raises(ValidationError) as error:
        services.person_merge(survivor=a, alias=b, by=None)
    assert error.value.messages == ["Hai hồ sơ có số CCCD khác nhau: đây là hai người."]


def test_a_merge_that_fails_half_way_changes_nothing(cast, twins, monkeypatch):
    survivor, alias = twins
    before = _table_state()
    original = PersonMerge.save

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(PersonMerge, "save", broken)
    with pytest.raises(RuntimeError):
        services.person_merge(survivor=survivor, alias=alias, by=None)
    monkeypatch.setattr(PersonMerge, "save", original)
    assert _table_state() == before


def test_figures_count_one_person_after_the_merge(cast, twins):
    survivor, alias = twins
    province = member_selectors.province_memberships(cast.province_officer)
    today = dt.date(2026, 11, 1)
    red_cross = cast.association_a.memberships.all()
    year_2021 = {"start": dt.date(2021, 1, 1), "end": dt.date(2021, 12, 31)}
    before = member_selectors.member_figures(province, start=dt.date(2026, 1, 1), end=today)
    joined_before = member_selectors.member_figures(red_cross, **year_2021).joined
    services.person_merge(survivor=survivor, alias=alias, by=None)
    after = member_selectors.member_figures(province, start=dt.date(2026, 1, 1), end=today)
    assert (before.persons, after.persons) == (2, 1)
    assert cast.client("province_officer").get(f"/people/{alias.pk}/")["Location"] == f"/people/{survivor.pk}/"
    # Her second record's joining of the Red Cross in 2021 was no new member, nor its end a leaving.
    in_2021 = member_selectors.member_figures(red_cross, **year_2021)
    assert (joined_before, in_2021.joined, in_2021.left) == (1, 0, 0)
    services.person_unmerge(merge=PersonMerge.objects.get(), by=None)
    assert member_selectors.member_figures(red_cross, **year_2021).joined == 1  # two records again


def test_a_rejected_pair_is_never_proposed_again_and_a_decided_one_keeps_its_decision(cast, twins):
    survivor, alias = twins
    a, b = sorted([survivor.pk, alias.pk])
    run = MatchRun.objects.create()
    assert propose(run, [Pair(a, b, 0.7, 3.0)], upper=0.99) == (0, 1)
    pair = CandidatePair.objects.get()
    services.pair_decide(pair=pair, decision=Decision.REJECTED, by=cast.province_officer)
    assert propose(MatchRun.objects.create(), [Pair(a, b, 0.999, 9.0)], upper=0.99) == (0, 0)
    assert list(CandidatePair.objects.values_list("decision", "probability")) == [("rejected", 0.7)]


def test_the_queue_is_scoped_by_role_and_association(cast, twins):
    survivor, alias = twins
    a, b = sorted([survivor.pk, alias.pk])
    pair = CandidatePair.objects.create(person_a_id=a, person_b_id=b, probability=0.9, match_weight=4, evidence=[])
    # both are members of the Red Cross (association A); only one of the Elderly Association (B)
    answers = {
        role: cast.client(role).get(f"/persons/review/{pair.pk}/").status_code
        for role in ("province_officer", "officer_a", "officer_b", "leader", "anonymous")
    }
    assert answers == {"province_officer": 200, "officer_a": 200, "officer_b": 404, "leader": 403, "anonymous": 302}
    assert [p.pk for p in cast.client("officer_a").get("/persons/review/").context["page"]] == [pair.pk]
    assert list(cast.client("officer_b").get("/persons/review/").context["page"]) == []


def test_a_reviewer_merges_from_the_pair_page_choosing_a_field(cast, twins):
    survivor, alias = twins
    a, b = sorted([survivor.pk, alias.pk])
    pair = CandidatePair.objects.create(person_a_id=a, person_b_id=b, probability=0.9, match_weight=4, evidence=[])
    page = cast.client("officer_a").get(f"/persons/review/{pair.pk}/")
    form = page.context["form"]
    assert [name for name, *_rest in form.conflicts] == ["birth_date"]  # both have one, and they differ
    response = cast.client("officer_a").post(
        f"/persons/review/{pair.pk}/merge/", {"survivor": "a", "field_birth_date": "b"}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    kept = Person.objects.get(pk=a)
    assert (pair.decision, kept.birth_display, Person.objects.get(pk=b).merged_into_id) == ("merged", "12/03/1950", a)


def test_a_person_is_corrected_with_the_cccd_checked_again(cast, twins):
    survivor, _alias = twins
    client = cast.client("officer_a")
    url = f"/people/{survivor.pk}/edit/"
    data = {
        "full_name": "Hoàng Thị Lan",
        "cccd": "006160001111",
        "birth_year": "1950",
        "sex": "F",
        "phone": "0912000111",
        "address_text": "Bản Vài",
    }
    response = client.post(url, data)
    assert response.context["form"].errors == {
        "cccd": ["Các chữ số 4–6 (160) cho biết năm sinh 1960, nhưng năm sinh đã nhập là 1950."]
    }
    response = client.post(url, {**data, "cccd": "006150001111"})
    assert response.status_code == 302
    survivor.refresh_from_db()
    assert survivor.address_text == "Bản Vài"
    entry = AuditEntry.objects.filter(object_id=str(survivor.pk), content_type__model="person").latest("at")
    assert entry.changes == {"address_text": ["", "Bản Vài"]}
    assert cast.client("officer_b").get(url).status_code == 404  # not her association


def _proposed(run, a, b, probability=0.999):
    return CandidatePair.objects.create(
        run=run, person_a=a, person_b=b, probability=probability, match_weight=12.0, decision=Decision.PROPOSED
    )


def test_every_proposed_pair_is_merged_in_one_go_a_cluster_into_one_record(cast):
    """Three records of one man (two pairs) become one, kept as the record with the CCCD; a pair that can
    no longer be merged (its two CCCDs differ) waits for review as "not sure"; pending pairs are untouched."""
    a = _member(cast.association_a, "Nông Văn Sơn", sex="M", birth_year=1948).person
    b = _member(cast.association_b, "Nông Văn Sơn", cccd="006048000777", sex="M", birth_year=1948).person
    c = _member(cast.association_a, "Nông Sơn", sex="M", birth_year=1948, joined=dt.date(2019, 1, 1)).person
    d = _member(cast.association_b, "Lục Thị Hoa", cccd="019150000001", sex="F", birth_year=1950).person
    e = _member(cast.association_a, "Lục Thị Hoa", cccd="019150000002", sex="F", birth_year=1950).person
    f = _member(cast.association_b, "Ma Văn Tư", sex="M", birth_year=1960).person
    g = _member(cast.association_a, "Ma Văn Tư", sex="M", birth_year=1961).person
    run = MatchRun.objects.create()
    _proposed(run, a, b)
    _proposed(run, b, c, probability=0.995)
    _proposed(run, d, e)
    waiting = CandidatePair.objects.create(run=run, person_a=f, person_b=g, probability=0.7, match_weight=1.0)

    assert services.proposed_pairs_merge(by=cast.province_officer) == (2, 1)

    a, c, d = (Person.objects.get(pk=p.pk) for p in (a, c, d))
    assert (a.merged_into_id, c.merged_into_id, d.merged_into_id) == (b.pk, b.pk, None)
    assert sorted(Membership.objects.filter(person=b).values_list("association_id", flat=True)) == sorted(
        [cast.association_a.pk, cast.association_a.pk, cast.association_b.pk]
    )
    assert sorted(CandidatePair.objects.values_list("decision", flat=True)) == ["merged", "merged", "pending", "unsure"]
    assert CandidatePair.objects.get(pk=waiting.pk).decision == Decision.PENDING
    assert PersonMerge.objects.filter(survivor=b).count() == 2


def test_the_queue_button_merges_the_proposed_pairs(cast):
    a = _member(cast.association_a, "Triệu Thị Mai", sex="F", birth_year=1955).person
    b = _member(cast.association_b, "Triệu Thị Mai", sex="F", birth_year=1955).person
    _proposed(MatchRun.objects.create(), a, b)
    client = cast.client("province_officer")
    assert "Gộp tất cả các cặp được đề xuất" in client.get("/persons/review/").content.decode()
    response = client.post("/persons/review/merge-proposed/", follow=True)
    assert "Đã gộp 1 cặp." in response.content.decode()
    assert Person.objects.get(pk=b.pk).merged_into_id == a.pk
    assert "Gộp tất cả các cặp được đề xuất" not in client.get("/persons/review/").content.decode()


def test_an_old_cmnd_is_recorded_on_the_person_checked_for_nine_digits(cast, twins):
    survivor, _alias = twins
    client = cast.client("officer_a")
    url = f"/people/{survivor.pk}/edit/"
    data = {"full_name": "Hoàng Thị Lan", "cccd": "006150001111", "birth_year": "1950", "sex": "F"}
    response = client.post(url, {**data, "cmnd": "09012345"})
    assert response.context["form"].errors == {"cmnd": ["Số CMND có 9 chữ số; “09012345” có 8 ký tự."]}
    assert client.post(url, {**data, "cmnd": "090 123 456"}).status_code == 302
    survivor.refresh_from_db()
    assert survivor.cmnd == "090123456"
    assert "090123456" in client.get(f"/people/{survivor.pk}/").content.decode()
