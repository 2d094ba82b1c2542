import datetime as dt

from sohoi.registry.models import EventKind
from tests.factories import AssociationFactory, record


def test_the_api_returns_the_association_with_its_fields(cast):
    a = cast.association_a
    data = cast.client("officer_a").get(f"/api/associations/{a.pk}").json()
    assert data == {
        "id": a.pk,
        "name": "Hội Chữ thập đỏ tỉnh Thái Nguyên",
        "abbreviation": "HTN",
        "scope_level": "provincial",
        "status": "active",
        "hq_address": "Số 1, đường Hoàng Văn Thụ, Phường Phan Đình Phùng",
        "phone": "",
        "email": "",
        "website": "",
        "is_assigned_tasks": False,
        "managing_agency": "",
        "central_association": "",
        "status_since": "2022-03-31",
        "fields": [],
    }


def test_the_api_deadlines_match_the_page(cast):
    a = cast.association_a
    rows = cast.client("leader").get(f"/api/associations/{a.pk}/deadlines").json()
    assert [row["kind"] for row in rows] == ["annual_report", "term_congress"]
    assert rows[1] == {"kind": "term_congress", "due": "2027-03-31", "basis": "NĐ 45/2010/NĐ-CP Điều 20 k3"}


def test_the_public_api_lists_only_legally_existing_associations_without_personal_data(cast):
    AssociationFactory(name="Hội đang vận động")
    dissolved = cast.association_b
    record(dissolved, EventKind.DISSOLUTION, dt.date(2024, 1, 1))
    rows = cast.client("anonymous").get("/api/public/associations").json()
    assert [r["name"] for r in rows] == ["Hội Chữ thập đỏ tỉnh Thái Nguyên", "Hội Người cao tuổi tỉnh Thái Nguyên"]
    assert set(rows[0]) == {
        "id",
        "name",
        "abbreviation",
        "scope_level",
        "status",
        "hq_address",
        "phone",
        "email",
        "website",
    }


def test_the_openapi_schema_names_the_endpoints(cast):
    paths = cast.client("anonymous").get("/api/openapi.json").json()["paths"]
    assert sorted(paths) == [
        "/api/associations",
        "/api/associations/{association_id}",
        "/api/associations/{association_id}/deadlines",
        "/api/public/associations",
        "/api/public/associations/{association_id}",
        "/api/reports/periods/{period_id}/completeness",
        "/api/staffing/quotas",
        "/api/tasks",
    ]
