import datetime as dt

import pytest

from sohoi.audit.models import AuditEntry
from sohoi.core.errors import ApplicationError
from sohoi.registry import services
from sohoi.registry.models import (
    Association,
    AssociationLink,
    Decision,
    EventKind,
    LeadershipRole,
    LegalEvent,
    Position,
    Status,
    Term,
)
from sohoi.registry.selectors import association_deadlines
from tests.factories import AssociationFactory, UserFactory, active_association, chairman, commune, record

pytestmark = pytest.mark.django_db


def test_creating_an_association_starts_it_being_founded_and_audits_the_values():
    officer = UserFactory(username="sonoivu", role="province_officer")
    association = services.association_create(
        by=officer,
        name="  Hội  Khuyến học tỉnh Thái Nguyên ",
        abbreviation="KH",
        hq_commune=commune(),
        hq_street="Số 5",
    )
    assert association.name == "Hội Khuyến học tỉnh Thái Nguyên"
    assert association.name_folded == "hoi khuyen hoc tinh thai nguyen"
    assert association.status == Status.PROPOSED
    entry = AuditEntry.objects.get()
    assert (entry.actor_name, entry.action, entry.object_repr) == ("sonoivu", "create", association.name)
    assert entry.changes["name"] == [None, "Hội Khuyến học tỉnh Thái Nguyên"]
    assert entry.changes["hq_commune"] == [None, "Phường Phan Đình Phùng"]


def test_the_name_of_a_living_association_cannot_be_taken_twice():
    AssociationFactory(name="Hội Luật gia tỉnh Thái Nguyên")
    with pytest.raises(Exception) as error:
        services.association_create(by=None, name="Hội Luật gia tỉnh Thái Nguyên", hq_commune=commune())
    assert "Đã có hội mang tên này." in str(error.value)
    assert Association.objects.count() == 1


def test_permit_then_founding_congress_makes_the_association_active_with_term_one():
    association = AssociationFactory()
    record(association, EventKind.ESTABLISHMENT_PERMIT, dt.date(2022, 3, 1))
    association.refresh_from_db()
    assert (association.status, association.status_since) == (Status.PERMITTED, dt.date(2022, 3, 1))
    record(
        association,
        EventKind.FOUNDING_CONGRESS,
        dt.date(2022, 4, 20),
        leaders=[
            chairman("Nguyễn Văn An", 1960),
            services.LeaderData(full_name="Lò Thị Bình", position=Position.VICE_CHAIRMAN, birth_year=1968),
        ],
    )
    association.refresh_from_db()
    assert association.status == Status.ACTIVE
    term = Term.objects.get(association=association)
    assert (term.number, term.starts_on, term.ends_on) == (1, dt.date(2022, 4, 20), dt.date(2027, 4, 20))
    assert [(r.person.full_name, r.position, r.person.birth_display) for r in term.leaders.all()] == [
        ("Nguyễn Văn An", "chairman", "1960"),
        ("Lò Thị Bình", "vice_chairman", "1968"),
    ]


def test_a_term_congress_opens_the_next_term_and_ends_the_previous_leadership():
    association = active_association(founded=dt.date(2017, 1, 10))
    record(association, EventKind.TERM_CONGRESS, dt.date(2022, 1, 5), leaders=[chairman("Hà Văn Cường", 1962)])
    terms = list(Term.objects.filter(association=association).order_by("number"))
    assert [(t.number, t.starts_on, t.ends_on) for t in terms] == [
        (1, dt.date(2017, 2, 9), dt.date(2022, 2, 9)),
        (2, dt.date(2022, 1, 5), dt.date(2027, 1, 5)),
    ]
    assert LeadershipRole.objects.get(term=terms[0]).ends_on == dt.date(2022, 1, 5)
    assert LeadershipRole.objects.get(term=terms[1]).ends_on is None
    deadlines = association_deadlines(association, dt.date(2026, 11, 24))
    assert [(d.kind, d.due) for d in deadlines] == [
        ("annual_report", dt.date(2026, 12, 30)),
        ("term_congress", dt.date(2027, 1, 5)),
    ]


def test_a_dissolved_association_cannot_hold_a_congress_and_nothing_is_written():
    association = active_association()
    record(association, EventKind.DISSOLUTION, dt.date(2024, 5, 2))
    before = (LegalEvent.objects.count(), Decision.objects.count(), Term.objects.count())
    with pytest.raises(ApplicationError) as error:
        record(association, EventKind.TERM_CONGRESS, dt.date(2025, 1, 2), leaders=[chairman()])
    assert error.value.field == "kind"
    assert error.value.messages == [
        "Không thể ghi nhận “Đại hội nhiệm kỳ”: hội đã ở trạng thái “Đã giải thể”, "
        "không còn sự kiện pháp lý nào được ghi nhận."
    ]
    assert (LegalEvent.objects.count(), Decision.objects.count(), Term.objects.count()) == before


def test_a_suspended_association_can_only_resume_or_be_dissolved():
    association = active_association()
    record(association, EventKind.SUSPENSION, dt.date(2026, 6, 1), suspended_until=dt.date(2026, 11, 27))
    with pytest.raises(ApplicationError) as error:
        record(association, EventKind.RENAME, dt.date(2026, 7, 1), new_name="Hội Mới")
    assert error.value.messages == [
        "Không thể ghi nhận “Đổi tên” khi hội đang ở trạng thái “Tạm đình chỉ”. "
        "Hiện chỉ được: Cho phép hoạt động trở lại, Giải thể."
    ]
    record(association, EventKind.RESUMPTION, dt.date(2026, 8, 1))
    association.refresh_from_db()
    assert (association.status, association.status_since) == (Status.ACTIVE, dt.date(2026, 8, 1))


def test_a_suspension_lasts_at_most_180_days():
    association = active_association()
    with pytest.raises(ApplicationError) as error:
        record(association, EventKind.SUSPENSION, dt.date(2026, 6, 1), suspended_until=dt.date(2026, 11, 29))
    assert error.value.field == "suspended_until"
    assert error.value.messages == [
        "Tạm đình chỉ tối đa 180 ngày (Nghị định 126/2024, Điều 33): ngày kết thúc phải từ 28/11/2026 trở về trước."
    ]


def test_decision_and_event_dates_cannot_be_in_the_future():
    association = AssociationFactory()
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ApplicationError) as error:
        record(association, EventKind.ESTABLISHMENT_PERMIT, tomorrow)
    assert (error.value.field, error.value.messages) == ("decision_date", ["Ngày quyết định không thể ở tương lai."])
    assert LegalEvent.objects.count() == 0


def test_events_are_recorded_in_date_order():
    association = active_association(founded=dt.date(2022, 3, 1))
    with pytest.raises(ApplicationError) as error:
        record(association, EventKind.CHARTER_APPROVAL, dt.date(2022, 3, 15))
    assert error.value.messages == ["Ngày sự kiện không thể trước sự kiện gần nhất đã ghi nhận của hội (31/03/2022)."]


def test_a_congress_without_a_chairman_is_refused_whole():
    association = AssociationFactory()
    record(association, EventKind.ESTABLISHMENT_PERMIT, dt.date(2022, 3, 1))
    counts = (LegalEvent.objects.count(), Decision.objects.count())
    leaders = [services.LeaderData(full_name="Lò Văn Dũng", position=Position.VICE_CHAIRMAN)]
    with pytest.raises(ApplicationError) as error:
        record(association, EventKind.FOUNDING_CONGRESS, dt.date(2022, 4, 1), leaders=leaders)
    assert error.value.messages == ["Đại hội phải bầu chủ tịch: hãy thêm chủ tịch vào danh sách lãnh đạo."]
    association.refresh_from_db()
    assert association.status == Status.PERMITTED
    assert (LegalEvent.objects.count(), Decision.objects.count()) == counts


def test_rename_keeps_the_old_name_in_the_history():
    association = active_association(name="Hội Bảo trợ người tàn tật tỉnh Thái Nguyên")
    event = record(
        association,
        EventKind.RENAME,
        dt.date(2023, 6, 1),
        new_name="Hội Bảo trợ người khuyết tật và trẻ mồ côi tỉnh Thái Nguyên",
    )
    association.refresh_from_db()
    assert association.name == "Hội Bảo trợ người khuyết tật và trẻ mồ côi tỉnh Thái Nguyên"
    assert (event.old_value, event.new_value) == (
        "Hội Bảo trợ người tàn tật tỉnh Thái Nguyên",
        "Hội Bảo trợ người khuyết tật và trẻ mồ côi tỉnh Thái Nguyên",
    )


def test_headquarters_change_moves_the_association():
    association = active_association()
    event = record(
        association, EventKind.HQ_CHANGE, dt.date(2025, 9, 3), new_hq_commune=commune("01840"), new_hq_street="Tổ 1"
    )
    association.refresh_from_db()
    assert association.hq_address == "Tổ 1, Phường Đức Xuân"
    assert (event.old_value, event.new_value) == (
        "Số 1, đường Hoàng Văn Thụ, Phường Phan Đình Phùng",
        "Tổ 1, Phường Đức Xuân",
    )


def test_consolidation_of_the_two_former_provinces_associations_forms_a_new_one():
    tn = active_association(name="Hội Chữ thập đỏ tỉnh Thái Nguyên")
    bk = active_association(name="Hội Chữ thập đỏ tỉnh Bắc Kạn", hq_commune=commune("01840"))
    new = AssociationFactory(name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)")
    record(tn, EventKind.CONSOLIDATION, dt.date(2025, 8, 20), other_sources=[bk], targets=[new])
    for association in (tn, bk, new):
        association.refresh_from_db()
    assert [(a.status, a.status_since) for a in (tn, bk, new)] == [
        (Status.CEASED, dt.date(2025, 8, 20)),
        (Status.CEASED, dt.date(2025, 8, 20)),
        (Status.PERMITTED, dt.date(2025, 8, 20)),
    ]
    links = sorted(AssociationLink.objects.values_list("predecessor__name", "successor__name", "kind"))
    assert links == [
        ("Hội Chữ thập đỏ tỉnh Bắc Kạn", "Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)", "consolidation"),
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", "Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)", "consolidation"),
    ]
    assert Decision.objects.get(events__association=new) == Decision.objects.get(
        events__association=tn, events__kind="consolidation"
    )
    deadlines = association_deadlines(new, dt.date(2025, 9, 1))
    assert [(d.kind, d.due) for d in deadlines] == [("new_congress", dt.date(2025, 11, 14))]


def test_consolidation_needs_two_sources_and_a_new_association():
    tn = active_association()
    new = AssociationFactory()
    with pytest.raises(ApplicationError) as error:
        record(tn, EventKind.CONSOLIDATION, dt.date(2025, 8, 20), targets=[new])
    assert (error.value.field, error.value.messages) == (
        "other_sources",
        ["“Hợp nhất thành hội mới” cần ít nhất 2 hội ở bên bị hợp nhất/sáp nhập/chia: hãy chọn các hội còn lại."],
    )
    other = active_association()
    with pytest.raises(ApplicationError) as error:
        record(tn, EventKind.CONSOLIDATION, dt.date(2025, 8, 20), other_sources=[other], targets=[other])
    assert error.value.field == "targets"
    tn.refresh_from_db()
    assert tn.status == Status.ACTIVE
    assert LegalEvent.objects.filter(kind=EventKind.CONSOLIDATION).count() == 0


def test_merger_into_an_existing_association_keeps_the_receiver_active():
    small = active_association(name="Hội Văn nghệ dân gian tỉnh Bắc Kạn")
    big = active_association(name="Hội Văn học Nghệ thuật tỉnh Bắc Kạn")
    record(small, EventKind.MERGER, dt.date(2022, 9, 12), targets=[big])
    small.refresh_from_db()
    big.refresh_from_db()
    assert (small.status, big.status) == (Status.CEASED, Status.ACTIVE)
    assert big.predecessor_links.get().predecessor == small


def test_branches_are_opened_and_closed_with_their_leaders():
    association = active_association()
    branch = services.branch_create(
        association=association,
        by=None,
        name="Chi hội Đức Xuân",
        commune=commune("01840"),
        established_on=dt.date(2015, 1, 1),
        head_name="Hoàng Văn Minh",
        deputy_name="",
    )
    assert (branch.head.full_name, branch.deputy, branch.is_active) == ("Hoàng Văn Minh", None, True)
    with pytest.raises(ApplicationError) as error:
        services.branch_update(branch=branch, by=None, closed_on=dt.date(2014, 1, 1), head_name="Hoàng Văn Minh")
    assert error.value.messages == ["Chi hội không thể giải thể trước ngày thành lập."]
    branch.refresh_from_db()
    services.branch_update(branch=branch, by=None, closed_on=dt.date(2024, 1, 1), head_name="Hoàng Văn Minh")
    branch.refresh_from_db()
    assert (branch.is_active, branch.closed_on) == (False, dt.date(2024, 1, 1))
