import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sohoi.registry.models import Association, Decision, EventKind, LegalEvent, Status
from tests.factories import AssociationFactory, active_association, record

VALID_ASSOCIATION = {
    "name": "Hội Khuyến học tỉnh Thái Nguyên",
    "abbreviation": "KH",
    "scope_level": "provincial",
    "hq_commune": "05443",
    "hq_street": "Số 10, đường Hoàng Văn Thụ",
}


def event_post(kind, **extra):
    return {
        "kind": kind,
        "occurred_on": "2024-05-02",
        "decision_number": "12/QĐ-UBND",
        "decision_date": "2024-05-02",
        "decision_authority": "UBND tỉnh Thái Nguyên",
        **extra,
    }


def test_registering_an_association_redirects_to_its_page(cast):
    response = cast.client("province_officer").post("/associations/new/", VALID_ASSOCIATION)
    association = Association.objects.get(name="Hội Khuyến học tỉnh Thái Nguyên")
    assert response.status_code == 302
    assert response["Location"] == f"/associations/{association.pk}/"
    assert (association.status, association.hq_commune.code) == (Status.PROPOSED, "05443")


def test_missing_required_fields_are_named_in_vietnamese_and_nothing_is_written(cast):
    response = cast.client("province_officer").post("/associations/new/", {"scope_level": "provincial"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Trường này là bắt buộc."],
        "hq_commune": ["Trường này là bắt buộc."],
    }
    assert Association.objects.count() == 2


def test_a_too_long_name_is_refused_at_the_field(cast):
    response = cast.client("province_officer").post("/associations/new/", {**VALID_ASSOCIATION, "name": "H" * 201})
    assert response.context["form"].errors["name"] == ["Giá trị này chỉ có tối đa 200 kí tự (hiện có 201)"]
    assert Association.objects.count() == 2


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("1840", "“1840” không phải mã xã: mã xã gồm đúng 5 chữ số, ví dụ 01840."),
        ("0184O", "“0184O” không phải mã xã: mã xã gồm đúng 5 chữ số, ví dụ 01840."),
        ("00070", "Không có xã, phường nào đang hiệu lực mang mã 00070 trong tỉnh."),
    ],
)
def test_a_malformed_or_foreign_commune_code_is_refused_at_the_field(cast, code, message):
    response = cast.client("province_officer").post("/associations/new/", {**VALID_ASSOCIATION, "hq_commune": code})
    assert response.status_code == 200
    assert response.context["form"].errors == {"hq_commune": [message]}
    assert Association.objects.count() == 2


def test_the_same_name_as_a_living_association_is_refused(cast):
    response = cast.client("province_officer").post(
        "/associations/new/", {**VALID_ASSOCIATION, "name": "Hội Chữ thập đỏ tỉnh Thái Nguyên"}
    )
    assert response.status_code == 200
    assert "Đã có hội mang tên này." in response.content.decode()
    assert Association.objects.filter(name="Hội Chữ thập đỏ tỉnh Thái Nguyên").count() == 1


def test_a_decision_date_in_the_future_is_refused_at_the_field(cast):
    a = cast.association_a
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = cast.client("province_officer").post(
        f"/associations/{a.pk}/events/new/", event_post("charter_amendment", decision_date=future)
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"decision_date": ["Ngày quyết định không thể ở tương lai."]}
    assert LegalEvent.objects.filter(association=a).count() == 2


def test_an_illegal_transition_is_explained_and_writes_nothing(cast):
    a = cast.association_a
    record(a, EventKind.DISSOLUTION, dt.date(2024, 1, 10))
    decisions = Decision.objects.count()
    response = cast.client("province_officer").post(
        f"/associations/{a.pk}/events/new/",
        event_post(
            "term_congress",
            **{
                "leaders-TOTAL_FORMS": "1",
                "leaders-INITIAL_FORMS": "0",
                "leaders-0-full_name": "Nguyễn Văn An",
                "leaders-0-position": "chairman",
            },
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Không thể ghi nhận “Đại hội nhiệm kỳ”: hội đã ở trạng thái “Đã giải thể”, "
        "không còn sự kiện pháp lý nào được ghi nhận."
    ]
    assert "Không thể ghi nhận “Đại hội nhiệm kỳ”" in response.content.decode()
    assert Decision.objects.count() == decisions


def test_recording_a_term_congress_with_leadership_through_the_page(cast):
    a = cast.association_a
    response = cast.client("province_officer").post(
        f"/associations/{a.pk}/events/new/",
        event_post(
            "term_congress",
            **{
                "leaders-TOTAL_FORMS": "3",
                "leaders-INITIAL_FORMS": "0",
                "leaders-0-full_name": "Hà Thị Lan",
                "leaders-0-position": "chairman",
                "leaders-0-birth_year": "1966",
                "leaders-0-sex": "F",
                "leaders-1-full_name": "Lý Văn Sơn",
                "leaders-1-position": "vice_chairman",
                "leaders-2-full_name": "",
                "leaders-2-position": "executive_board",
            },
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/associations/{a.pk}/tab/history/"
    term = a.terms.get(number=2)
    assert [(r.person.full_name, r.position) for r in term.leaders.all()] == [
        ("Hà Thị Lan", "chairman"),
        ("Lý Văn Sơn", "vice_chairman"),
    ]
    assert term.ends_on == dt.date(2029, 5, 2)


def test_the_association_officer_edits_only_contact_details(cast):
    a = cast.association_a
    response = cast.client("officer_a").post(
        f"/associations/{a.pk}/edit/",
        {
            "phone": "02083855000",
            "email": "ctd@example.vn",
            "website": "",
            "name": "Tên khác",
            "is_assigned_tasks": "on",
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.phone, a.email, a.name, a.is_assigned_tasks) == (
        "02083855000",
        "ctd@example.vn",
        "Hội Chữ thập đỏ tỉnh Thái Nguyên",
        False,
    )


def test_search_finds_names_typed_without_diacritics_and_abbreviations(cast):
    AssociationFactory(name="Hội Đông y tỉnh Thái Nguyên", abbreviation="ĐY")
    client = cast.client("province_officer")

    def names(query):
        return [a.name for a in client.get("/associations/", {"q": query}).context["page"]]

    assert names("chu thap do") == ["Hội Chữ thập đỏ tỉnh Thái Nguyên"]
    assert names("DONG Y") == ["Hội Đông y tỉnh Thái Nguyên"]
    assert names("Người cao") == ["Hội Người cao tuổi tỉnh Thái Nguyên"]
    assert names("ĐY") == ["Hội Đông y tỉnh Thái Nguyên"]


def test_filters_by_status_and_htmx_gets_only_the_results(cast):
    record(cast.association_b, EventKind.SUSPENSION, dt.date(2026, 6, 1), suspended_until=dt.date(2026, 11, 27))
    response = cast.client("leader").get("/associations/", {"status": "suspended"}, headers={"HX-Request": "true"})
    assert [a.name for a in response.context["page"]] == ["Hội Người cao tuổi tỉnh Thái Nguyên"]
    assert [t.name for t in response.templates] == ["registry/_list_results.html", "_pagination.html"]


def test_the_list_page_runs_the_same_number_of_queries_for_1_and_3_associations(cast):
    client = cast.client("province_officer")
    client.get("/associations/")  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get("/associations/")
    active_association()
    active_association()
    with CaptureQueriesContext(connection) as more:
        client.get("/associations/")
    assert len(more) == len(few)


def test_the_new_congress_deadline_shows_on_the_association_page(cast):
    new = AssociationFactory(name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)")
    other = active_association(name="Hội Chữ thập đỏ tỉnh Bắc Kạn")
    record(cast.association_a, EventKind.CONSOLIDATION, dt.date(2025, 8, 20), other_sources=[other], targets=[new])
    page = cast.client("province_officer").get(f"/associations/{new.pk}/tab/deadlines/").content.decode()
    assert "Hạn tổ chức đại hội của hội mới" in page
    assert "14/11/2025" in page


def test_the_public_directory_shows_no_leaders_or_persons(cast):
    page = cast.client("anonymous").get(f"/directory/{cast.association_a.pk}/").content.decode()
    assert "Hội Chữ thập đỏ tỉnh Thái Nguyên" in page
    assert "Nguyễn Văn An" not in page  # the chairman elected at the founding congress


def test_the_page_is_in_vietnamese_and_english_is_available(cast):
    client = cast.client("province_officer")
    assert "Đăng ký hội" in client.get("/associations/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/associations/"})
    assert "Register an association" in client.get("/associations/").content.decode()


def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(cast):
    client = cast.client("leader")
    page = client.get("/associations/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page["Content-Language"] == "vi"
    assert "Các hội" in page.content.decode()
