import datetime as dt

import pytest

from sohoi.audit.models import DataAccess
from sohoi.core.errors import ApplicationError
from sohoi.members import selectors, services
from sohoi.members.models import EligibilityRule, Membership
from sohoi.people.models import Person
from tests.factories import commune

ELDERLY_RULE = {
    "min_age": 60,
    "exception_min_age": 55,
    "exception_note": "tích cực tham gia hoạt động hội",
    "source": "Điều lệ Hội NCT Việt Nam, Điều 9",
}


def add(
    association, name="Lò Văn Pọm", cccd="006158001234", sex="F", birth_year=1958, joined=dt.date(2020, 1, 1), **extra
):
    data = services.PersonData(
        full_name=name,
        cccd=cccd,
        sex=sex,
        birth_year=birth_year,
        ethnicity=extra.pop("ethnicity", "02"),
        address_commune=extra.pop("commune", None),
    )
    return services.membership_create(association=association, person_data=data, joined_on=joined, by=None, **extra)


def test_one_person_many_memberships_matched_by_cccd(cast):
    first = add(cast.association_a)
    second = add(cast.association_b, name="LÒ VĂN PỌM", cccd=" 006 158 001 234 ")
    assert first.person_id == second.person_id
    assert Person.objects.filter(cccd="006158001234").count() == 1
    assert first.person.birth_display == "1958"


def test_a_person_already_in_the_association_is_refused(cast):
    add(cast.association_a)
    with pytest.raises(ApplicationError) as error:
        add(cast.association_a, joined=dt.date(2021, 1, 1))
    assert error.value.messages == ["Lò Văn Pọm đã là hội viên của hội này từ ngày 01/01/2020."]
    assert Membership.objects.count() == 1


def test_an_invalid_cccd_is_refused_with_its_reason(cast):
    with pytest.raises(ApplicationError) as error:
        add(cast.association_a, cccd="006058001234", sex="F", birth_year=1958)
    assert (error.value.field, error.value.messages) == (
        "cccd",
        ["Chữ số thứ 4 (0) cho biết giới tính nam, nhưng giới tính đã nhập là nữ."],
    )
    assert Person.objects.filter(cccd="006058001234").count() == 0


def test_the_elderly_rule_admits_55_to_59_only_as_an_exception(cast):
    EligibilityRule.objects.create(association=cast.association_b, **ELDERLY_RULE)
    joined = dt.date(2024, 6, 1)
    with pytest.raises(ApplicationError) as error:
        add(cast.association_b, cccd="019167000001", birth_year=1967, joined=joined)
    assert error.value.messages == [
        "Khi kết nạp ngày 01/06/2024, người này 57 tuổi, chưa đủ tuổi tối thiểu (60); từ 55 tuổi chỉ được kết "
        "nạp theo ngoại lệ (tích cực tham gia hoạt động hội): ghi “Có” ở cột “Kết nạp theo ngoại lệ”, hoặc đánh "
        "dấu “Kết nạp theo ngoại lệ của điều lệ”."
    ]
    assert (
        add(
            cast.association_b, cccd="019167000001", birth_year=1967, joined=joined, eligibility_exception=True
        ).eligibility_exception
        is True
    )
    with pytest.raises(ApplicationError) as error:
        add(cast.association_b, cccd="019172000002", birth_year=1972, joined=joined)
    assert error.value.messages == [
        "Khi kết nạp ngày 01/06/2024, người này 52 tuổi, chưa đủ tuổi tối thiểu theo điều lệ (60)."
    ]
    assert add(cast.association_b, cccd="019160000003", birth_year=1960, joined=joined).person.full_name == "Lò Văn Pọm"


def test_violations_list_members_that_a_later_rule_excludes(cast):
    young = add(cast.association_b, name="Hà Văn Trẻ", cccd="019080000004", sex="M", birth_year=1980)
    add(cast.association_b, name="Hà Thị Già", cccd="019150000005", sex="F", birth_year=1950)
    EligibilityRule.objects.create(association=cast.association_b, **ELDERLY_RULE)
    rows = selectors.eligibility_violations(cast.association_b, dt.date(2026, 11, 24))
    assert [(m.person.full_name, problem) for m, problem in rows] == [
        ("Hà Văn Trẻ", "Khi kết nạp ngày 01/01/2020, người này 40 tuổi, chưa đủ tuổi tối thiểu theo điều lệ (60).")
    ]
    assert young.pk == rows[0][0].pk


def test_a_rule_does_not_judge_who_joined_before_it_was_in_force(cast):
    """The Elderly Association's 60 came in with the charter of 06/04/2022: a member who joined in 2005
    at 52 (and is 73 today) was lawfully admitted, and is no violation; one who joined after it at 52 is."""
    EligibilityRule.objects.create(association=cast.association_b, effective_from=dt.date(2022, 4, 6), **ELDERLY_RULE)
    old = add(
        cast.association_b, name="Hà Văn Cũ", cccd="019053000006", sex="M", birth_year=1953, joined=dt.date(2005, 5, 1)
    )
    assert old.joined_on == dt.date(2005, 5, 1)
    with pytest.raises(ApplicationError) as error:
        add(
            cast.association_b,
            name="Hà Văn Mới",
            cccd="019072000007",
            sex="M",
            birth_year=1972,
            joined=dt.date(2024, 6, 1),
        )
    assert error.value.messages == [
        "Khi kết nạp ngày 01/06/2024, người này 52 tuổi, chưa đủ tuổi tối thiểu theo điều lệ (60)."
    ]
    assert selectors.eligibility_violations(cast.association_b, dt.date(2026, 11, 24)) == []


def test_status_comes_from_the_dates_when_read(cast):
    m = add(cast.association_a, joined=dt.date(2020, 1, 1))
    services.membership_end(membership=m, left_on=dt.date(2025, 3, 1), reason="Chuyển nơi cư trú", by=None)
    qs = selectors.membership_list(cast.association_a)
    assert selectors.with_status(qs, dt.date(2025, 2, 28)).get().status == "active"
    assert selectors.with_status(qs, dt.date(2025, 3, 1)).get().status == "ended"


def test_a_membership_cannot_end_before_it_began(cast):
    m = add(cast.association_a, joined=dt.date(2020, 1, 1))
    with pytest.raises(ApplicationError) as error:
        services.membership_end(membership=m, left_on=dt.date(2019, 12, 31), reason="", by=None)
    assert error.value.messages == ["Tư cách hội viên không thể kết thúc trước ngày bắt đầu (01/01/2020)."]
    m.refresh_from_db()
    assert m.left_on is None


def test_search_by_cccd_or_by_name_without_diacritics(cast):
    add(cast.association_a)
    add(cast.association_a, name="Nguyễn Thị Đào", cccd="019170000006", sex="F", birth_year=1970)
    qs = selectors.membership_list(cast.association_a)
    today = dt.date(2026, 11, 24)
    assert [m.person.full_name for m in selectors.member_search(qs, today=today, q="nguyen thi dao")] == [
        "Nguyễn Thị Đào"
    ]
    # the beginning of the given name finds the person too; the middle of a name does not
    assert [m.person.full_name for m in selectors.member_search(qs, today=today, q="Đà")] == ["Nguyễn Thị Đào"]
    assert [m.person.full_name for m in selectors.member_search(qs, today=today, q="thi dao")] == []
    assert [m.person.full_name for m in selectors.member_search(qs, today=today, q="006158001234")] == ["Lò Văn Pọm"]
    # the leading zero Excel drops is put back
    assert [m.person.full_name for m in selectors.member_search(qs, today=today, q="6158001234")] == ["Lò Văn Pọm"]
    assert [m.person.full_name for m in selectors.member_search(qs, today=today, age_band="60-69")] == ["Lò Văn Pọm"]


def test_figures_count_memberships_and_unique_persons(cast):
    add(cast.association_a, commune=commune("01840"))
    add(cast.association_b)  # the same person, a second membership
    add(
        cast.association_b,
        name="Hoàng Văn Đức",
        cccd="019065000007",
        sex="M",
        birth_year=1965,
        joined=dt.date(2026, 3, 1),
        ethnicity="01",
    )
    both = Membership.objects.all()
    figures = selectors.member_figures(both, start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 24))
    assert (figures.memberships, figures.persons, figures.joined, figures.left) == (3, 2, 1, 0)
    assert figures.by_sex == [("F", 2), ("M", 1)]
    assert figures.by_ethnicity == [("Tày", 2), ("Kinh", 1)]
    assert dict(figures.by_age) == {"u30": 0, "30-59": 0, "60-69": 3, "70-79": 0, "80+": 0, "?": 0}


def test_pages_are_scoped_and_reads_are_logged(cast):
    m = add(cast.association_b)
    b = cast.association_b.pk
    answers = {
        role: cast.client(role).get(f"/associations/{b}/members/").status_code
        for role in ("province_officer", "officer_a", "officer_b", "leader", "anonymous")
    }
    assert answers == {"province_officer": 200, "officer_a": 404, "officer_b": 200, "leader": 200, "anonymous": 302}
    person_answers = {
        role: cast.client(role).get(f"/people/{m.person_id}/").status_code
        for role in ("province_officer", "officer_a", "officer_b", "leader", "anonymous")
    }
    assert person_answers == {
        "province_officer": 200,
        "officer_a": 404,
        "officer_b": 200,
        "leader": 200,
        "anonymous": 302,
    }
    assert cast.client("officer_a").get(f"/associations/{b}/members/?q=006158001234").status_code == 404
    assert list(DataAccess.objects.filter(actor_name="hoi.b").values_list("kind", "rows")) == [("view", 1), ("view", 1)]


def test_leaders_do_not_see_ethnicity(cast):
    add(cast.association_b)
    b = cast.association_b.pk
    assert "Tày" not in cast.client("leader").get(f"/associations/{b}/members/").content.decode()
    assert "Tày" in cast.client("officer_b").get(f"/associations/{b}/members/").content.decode()


def test_adding_a_member_through_the_page(cast):
    response = cast.client("officer_a").post(
        f"/associations/{cast.association_a.pk}/members/new/",
        {
            "full_name": "Ma Thị Hằng",
            "cccd": "006175000008",
            "birth_year": "1975",
            "sex": "F",
            "ethnicity": "07",
            "member_type": "official",
            "joined_on": "2025-05-05",
            "address_commune": "01840",
        },
    )
    assert response.status_code == 302
    m = Membership.objects.get(person__full_name="Ma Thị Hằng")
    assert (m.association_id, m.person.ethnicity, m.person.address_commune.code) == (
        cast.association_a.pk,
        "07",
        "01840",
    )


def test_province_figures_count_people_once_and_hide_ethnicity_from_leaders(cast):
    add(cast.association_a)
    add(cast.association_b)  # the same person
    page = cast.client("leader").get("/members/figures/")
    figures = page.context["figures"]
    assert (figures.memberships, figures.persons) == (2, 1)
    html = page.content.decode()
    assert '<meter min="0" max="2" value="2"></meter>' in html
    assert "Theo dân tộc" not in html
    assert "Theo dân tộc" in cast.client("province_officer").get("/members/figures/").content.decode()


def test_a_big_list_pages_without_counting_everything(cast, monkeypatch):
    from sohoi.core.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    monkeypatch.setattr("sohoi.members.views.PAGE_SIZE", 2)
    for i in range(3):
        add(cast.association_b, name=f"Hà Văn Số{i}", cccd=f"01906500001{i}", sex="M", birth_year=1965)
    page = cast.client("officer_b").get(f"/associations/{cast.association_b.pk}/members/")
    assert page.context["page"].paginator.count == 3
    assert "Trang 1 (hơn 2 dòng: hãy thu hẹp tìm kiếm)" in page.content.decode()


def test_a_province_officer_records_the_charter_rule_and_the_day_it_took_effect(cast):
    from sohoi.audit.models import AuditEntry

    url = f"/associations/{cast.association_b.pk}/members/rule/"
    form = {
        "min_age": "60",
        "exception_min_age": "55",
        "exception_note": "tích cực tham gia hoạt động hội",
        "source": "QĐ 288/QĐ-BNV",
        "effective_from": "2022-04-06",
    }
    assert cast.client("officer_b").post(url, form).status_code == 403
    response = cast.client("province_officer").post(url, form)
    assert response.status_code == 302
    rule = EligibilityRule.objects.get(association=cast.association_b)
    assert (rule.min_age, rule.max_age, rule.exception_min_age, rule.effective_from) == (
        60,
        None,
        55,
        dt.date(2022, 4, 6),
    )
    assert AuditEntry.objects.filter(object_id=str(rule.pk), action="create").count() == 1
    page = cast.client("officer_b").get(f"/associations/{cast.association_b.pk}/members/import/")
    assert (
        "Tuổi khi kết nạp từ 60; từ 55 theo ngoại lệ (tích cực tham gia hoạt động hội); "
        "áp dụng với hội viên kết nạp từ 06/04/2022 (QĐ 288/QĐ-BNV)."
    ) in page.content.decode()
    assert "Sửa quy định" not in page.content.decode()  # the association reads its charter's rule


def test_a_rule_that_contradicts_itself_is_refused_and_nothing_changes(cast):
    url = f"/associations/{cast.association_b.pk}/members/rule/"
    response = cast.client("province_officer").post(url, {"min_age": "60", "max_age": "50"})
    assert response.status_code == 200
    assert "Tuổi tối thiểu (60) không thể lớn hơn tuổi tối đa (50)." in response.content.decode()
    response = cast.client("province_officer").post(url, {"min_age": "60", "exception_min_age": "55"})
    assert "Ghi rõ điều kiện điều lệ cho phép kết nạp theo ngoại lệ." in response.content.decode()
    assert not EligibilityRule.objects.exists()
