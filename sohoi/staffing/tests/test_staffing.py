import datetime as dt

import pytest

from sohoi.core.errors import ApplicationError
from sohoi.people.services import person_create
from sohoi.registry.models import EventKind, Position
from sohoi.registry.services import LeaderData
from sohoi.staffing import leaders, selectors, services
from sohoi.staffing.models import Course, QuotaDecision, Staff, Transfer
from tests.factories import record

pytestmark = pytest.mark.django_db


def person(name, sex="M", born=dt.date(1975, 5, 1)):
    return person_create(full_name=name, sex=sex, birth_date=born)


def hire(association, name, starts_on, ends_on=None, kind="quota", position="specialist", salary_grade="", **born):
    return services.staff_add(
        person=person(name, **born),
        association=association,
        position=position,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        salary_grade=salary_grade,
        by=None,
    )


def quota(association, year, posts, issued_on=dt.date(2026, 1, 5), number="12/QĐ-UBND"):
    return services.quota_record(
        association=association,
        year=year,
        quota=posts,
        number=number,
        issued_on=issued_on,
        authority="UBND tỉnh",
        by=None,
    )


def row_of(rows, association):
    return next(r for r in rows if r.association == association)


def test_quota_against_actual_over_a_year_with_people_joining_and_leaving(assigned):
    a = assigned.association_a
    quota(a, 2026, 4)
    hire(a, "Nông Văn Một", dt.date(2020, 3, 1))
    hire(a, "Hà Thị Hai", dt.date(2021, 1, 1), ends_on=dt.date(2026, 6, 30), sex="F")
    hire(a, "Lý Văn Ba", dt.date(2026, 9, 1))
    hire(a, "Ma Văn Bốn", dt.date(2026, 2, 1), kind="contract")
    hire(a, "Đặng Văn Năm", dt.date(2025, 1, 1), kind="retired", position="chairman", born=dt.date(1958, 1, 1))
    user = assigned.province_officer

    def figures(day):
        r = row_of(selectors.quota_table(user, 2026, day), a)
        return (r.quota, r.within, r.vacancies, r.over, r.contract, r.retired)

    assert figures(dt.date(2026, 1, 15)) == (4, 2, 2, 0, 0, 1)
    assert figures(dt.date(2026, 3, 1)) == (4, 2, 2, 0, 1, 1)
    assert figures(dt.date(2026, 7, 1)) == (4, 1, 3, 0, 1, 1)  # Hai left on 30/06
    assert figures(dt.date(2026, 12, 31)) == (4, 2, 2, 0, 1, 1)  # Ba joined on 01/09
    quota(a, 2026, 1, issued_on=dt.date(2026, 10, 1), number="99/QĐ-UBND")  # a later decision replaces it
    assert figures(dt.date(2026, 12, 31)) == (1, 2, 0, 1, 1, 1)


def test_an_officer_sees_only_their_association_in_the_quota_table(assigned):
    quota(assigned.association_a, 2026, 3)
    quota(assigned.association_b, 2026, 5)
    rows = selectors.quota_table(assigned.officer_b, 2026, dt.date(2026, 6, 1))
    assert [(r.association.name, r.quota) for r in rows] == [("Hội Người cao tuổi tỉnh Thái Nguyên", 5)]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: quota(c.association_a, 2026, -1),
            "Biên chế là số vị trí việc làm: không thể nhỏ hơn 0 (-1).",
        ),
        (
            lambda c: hire(c.association_a, "Hà Văn Sáu", dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 30)),
            "Ngày kết thúc (30/04/2026) không thể trước ngày bắt đầu (01/05/2026).",
        ),
        (
            lambda c: services.course_create(
                name="Bồi dưỡng QLNN",
                kind="state_management",
                organiser="Trường Chính trị tỉnh",
                starts_on=dt.date(2026, 5, 10),
                ends_on=dt.date(2026, 5, 1),
                by=None,
            ),
            "Ngày kết thúc (01/05/2026) không thể trước ngày bắt đầu (10/05/2026).",
        ),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(assigned, call, message):
    with pytest.raises(ApplicationError) as error:
        call(assigned)
    assert error.value.messages == [message]
    assert (QuotaDecision.objects.count(), Staff.objects.count(), Course.objects.count()) == (0, 0, 0)


def test_a_transfer_moves_the_person_and_both_quota_tables_change(assigned):
    a, b = assigned.association_a, assigned.association_b
    quota(a, 2026, 2)
    quota(b, 2026, 2)
    staff = hire(a, "Hoàng Văn Luân", dt.date(2019, 4, 1), salary_grade="2.67")
    with pytest.raises(ApplicationError) as error:
        services.transfer_propose(
            staff=staff,
            to_association=a,
            to_position="specialist",
            kind="transfer",
            reason="x",
            proposed_on=dt.date(2026, 3, 1),
            by=None,
        )
    assert error.value.messages == [
        "Luân chuyển, điều động phải sang một hội khác, không phải chính Hội Chữ thập đỏ tỉnh Thái Nguyên."
    ]
    assert Transfer.objects.count() == 0
    transfer = services.transfer_propose(
        staff=staff,
        to_association=b,
        to_position="office_head",
        kind="rotation",
        reason="Tăng cường cán bộ cho Hội Người cao tuổi.",
        proposed_on=dt.date(2026, 3, 1),
        by=None,
    )
    services.transfer_decide(
        transfer=transfer,
        approve=True,
        number="45/QĐ-SNV",
        decided_on=dt.date(2026, 3, 20),
        effective_on=dt.date(2026, 4, 1),
        by=None,
    )
    history = list(Staff.objects.filter(person=staff.person).order_by("starts_on"))
    assert [(s.association.name, s.position, s.starts_on, s.ends_on, s.salary_grade) for s in history] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", "specialist", dt.date(2019, 4, 1), dt.date(2026, 3, 31), "2.67"),
        ("Hội Người cao tuổi tỉnh Thái Nguyên", "office_head", dt.date(2026, 4, 1), None, "2.67"),
    ]
    before = selectors.quota_table(assigned.province_officer, 2026, dt.date(2026, 3, 31))
    after = selectors.quota_table(assigned.province_officer, 2026, dt.date(2026, 4, 1))
    assert [(r.within, r.vacancies) for r in before] == [(1, 1), (0, 2)]
    assert [(r.within, r.vacancies) for r in after] == [(0, 2), (1, 1)]
    with pytest.raises(ApplicationError):
        services.transfer_decide(
            transfer=transfer,
            approve=True,
            number="46",
            decided_on=dt.date(2026, 3, 20),
            effective_on=dt.date(2026, 4, 1),
            by=None,
        )


def congress(association, day, chairman, vice=None):
    roles = [LeaderData(full_name=chairman[0], position=Position.CHAIRMAN, birth_year=chairman[1])]
    if vice:
        roles.append(LeaderData(full_name=vice[0], position=Position.VICE_CHAIRMAN, birth_year=vice[1]))
    return record(association, EventKind.TERM_CONGRESS, day, leaders=roles)


def test_the_leader_age_rule_is_checked_at_the_nomination_date(assigned):
    a = assigned.association_a
    event = congress(a, dt.date(2026, 3, 1), chairman=("Hoàng Văn Cao", 1957), vice=("Lý Thị Phó", 1960))
    warnings = leaders.term_warnings(event.term)
    assert [(w.person.full_name, w.message) for w in warnings] == [
        (
            "Hoàng Văn Cao",
            "Hoàng Văn Cao 69 tuổi vào ngày 01/03/2026: quá 65, chỉ được làm chủ tịch trong trường hợp đặc biệt (≤ 70).",
        ),
        ("Lý Thị Phó", "Lý Thị Phó 66 tuổi vào ngày 01/03/2026: quá giới hạn 65 đối với phó chủ tịch."),
    ]
    assert {w.source for w in warnings} == {"Kết luận 32-KL/TW ngày 30/03/2022 của Ban Bí thư"}
    event = congress(a, dt.date(2026, 6, 1), chairman=("Nguyễn Văn Trẻ", 1961))  # 65 on the day: allowed
    assert leaders.term_warnings(event.term) == []
    event = congress(a, dt.date(2026, 9, 1), chairman=("Đinh Văn Già", 1955))  # 71: over even the exception
    assert [w.message for w in leaders.term_warnings(event.term)] == [
        "Đinh Văn Già 71 tuổi vào ngày 01/09/2026: quá giới hạn 70 đối với chủ tịch."
    ]


def test_a_chairman_is_limited_to_two_consecutive_terms(assigned):
    a = assigned.association_a
    second = congress(a, dt.date(2026, 1, 10), chairman=("Triệu Văn Hai", 1970))
    chairman = second.term.leaders.get(position=Position.CHAIRMAN).person
    first = a.terms.get(number=1)
    first.leaders.filter(position=Position.CHAIRMAN).update(person=chairman)  # chaired the first term too
    assert leaders.consecutive_chairman_terms(chairman, second.term) == 2
    assert leaders.term_warnings(second.term) == []
    [warning] = leaders.next_congress_warnings([a])
    assert warning.message == "Triệu Văn Hai sẽ làm chủ tịch 3 nhiệm kỳ liên tiếp: giới hạn là 2."
    assert warning.on == second.term.ends_on
    third = congress(a, dt.date(2026, 6, 1), chairman=("Khác Văn Ba", 1970))
    third.term.leaders.filter(position=Position.CHAIRMAN).update(person=chairman)
    assert [w.message for w in leaders.term_warnings(third.term)] == [
        "Triệu Văn Hai sẽ làm chủ tịch 3 nhiệm kỳ liên tiếp: giới hạn là 2."
    ]


def test_rules_apply_only_to_associations_assigned_tasks(cast):
    event = congress(cast.association_a, dt.date(2026, 3, 1), chairman=("Hoàng Văn Cao", 1950))
    assert leaders.term_warnings(event.term) == []


def test_training_gaps_and_retirements_ahead(assigned):
    a = assigned.association_a
    chair = hire(a, "Ma Văn Chủ", dt.date(2020, 1, 1), position="chairman", born=dt.date(1965, 3, 20))
    hire(a, "Hà Thị Kế", dt.date(2020, 1, 1), position="accountant", sex="F", born=dt.date(1970, 9, 2))
    course = services.course_create(
        name="Trung cấp lý luận chính trị",
        kind="political",
        organiser="Trường Chính trị tỉnh",
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2024, 9, 30),
        by=None,
    )
    services.attendance_add(course=course, person=chair.person, certificate="TC-115", by=None)
    gaps = selectors.training_gaps(assigned.province_officer)
    assert [(g.staff.person.full_name, g.missing) for g in gaps] == [
        ("Ma Văn Chủ", ["Quản lý nhà nước"]),
        ("Hà Thị Kế", ["Chuyên môn, nghiệp vụ"]),
    ]
    ahead = selectors.retirements_ahead(assigned.province_officer, dt.date(2026, 1, 1), 12)
    assert [(r.staff.person.full_name, r.retirement.age_text, r.retirement.last_day) for r in ahead] == [
        ("Ma Văn Chủ", "61 tuổi 6 tháng", dt.date(2026, 9, 30))
    ]
    assert len(selectors.retirements_ahead(assigned.province_officer, dt.date(2026, 1, 1), 30)) == 2
    assert selectors.retirements_ahead(assigned.officer_b, dt.date(2026, 1, 1), 30) == []
