"""The audit log reads in Vietnamese: fields by their labels, choices by theirs, the kind of object
named, "Hệ thống" where no person acted; the personal-data access log has its page, filters and
export, and the export itself is logged."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sohoi.audit.models import AccessKind, Action, AuditEntry, DataAccess
from sohoi.audit.services import access_log, audit_log

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_changes_read_with_labels_choices_dates_and_the_system_as_actor(cast):
    AuditEntry.objects.all().delete()
    audit_log(
        actor=None,
        action=Action.UPDATE,
        obj=cast.association_a,
        changes={"status": ["active", "ceased"], "status_since": ["2022-03-01", "2025-07-01"], "phone": ["", "0208"]},
        note="Hợp nhất",
    )
    audit_log(
        actor=cast.province_officer, action=Action.UPDATE, obj=cast.officer_a, changes={"is_active": [True, False]}
    )
    text = _text(cast.client("province_officer").get("/audit/").content.decode())
    assert "Hệ thống Sửa Hợp nhất Hội Chữ thập đỏ tỉnh Thái Nguyên Hội" in text
    assert "Trạng thái Đang hoạt động → Đã chấm dứt (chia, sáp nhập, hợp nhất)" in text
    assert "Trạng thái từ ngày 01/03/2022 → 01/07/2025" in text
    assert "Điện thoại — → 0208" in text
    assert "sonoivu Sửa hoi.a Người dùng Kích hoạt có → không" in text
    assert "hq_commune" not in text and "ceased" not in text


def test_the_audit_log_runs_the_same_queries_for_2_and_40_entries(cast):
    client = cast.client("province_officer")
    client.get("/audit/")
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/")
    for n in range(40):
        audit_log(
            actor=cast.province_officer, action=Action.UPDATE, obj=cast.association_b, changes={"phone": ["", str(n)]}
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/audit/")
    assert len(many) == len(few)


def test_the_access_log_page_filters_and_exports_and_the_export_is_logged(cast):
    access_log(
        actor=cast.officer_a,
        kind=AccessKind.EXPORT,
        what="Danh sách hội viên Hội Chữ thập đỏ",
        rows=120,
        reason="Đại hội",
    )
    access_log(actor=cast.officer_b, kind=AccessKind.VIEW, what="Hồ sơ Nông Thị Hoa", rows=1)
    client = cast.client("province_officer")
    page = client.get("/audit/access/", {"actor": "hoi.a"})
    assert [(a.actor_name, a.kind, a.rows, a.reason) for a in page.context["page"]] == [
        ("hoi.a", "export", 120, "Đại hội")
    ]
    assert [a.actor_name for a in client.get("/audit/access/", {"kind": "view"}).context["page"]] == ["hoi.b"]
    today = dt.date.today()
    assert len(client.get("/audit/access/", {"start": today.isoformat()}).context["page"].object_list) == 2
    bad = _text(client.get("/audit/access/", {"start": "hôm qua"}).content.decode())  # a bad date: no 500
    assert "Từ ngày: Nhập một ngày hợp lệ." in bad

    response = client.get("/audit/access/", {"format": "xlsx", "kind": "export"})
    assert response["Content-Disposition"].startswith('attachment; filename="nhat-ky-truy-cap-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Thời điểm", "Người dùng", "Truy cập", "Nội dung", "Số bản ghi", "Lý do"]
    assert rows[1][1:] == ["hoi.a", "Xuất", "Danh sách hội viên Hội Chữ thập đỏ", 120, "Đại hội"]
    logged = DataAccess.objects.latest("pk")
    assert (logged.actor_name, logged.kind, logged.what, logged.rows) == (
        "sonoivu",
        "export",
        "Nhật ký truy cập dữ liệu cá nhân",
        1,
    )
    assert cast.client("officer_a").get("/audit/access/").status_code == 403


def test_a_member_export_keeps_the_reason_given(cast):
    client = cast.client("officer_a")
    client.get(
        f"/associations/{cast.association_a.pk}/members/export.xlsx", {"status": "active", "reason": "Đại hội nhiệm kỳ"}
    )
    logged = DataAccess.objects.latest("pk")
    assert (logged.reason, logged.what) == (
        "Đại hội nhiệm kỳ",
        "Danh sách hội viên Hội Chữ thập đỏ tỉnh Thái Nguyên (status=active)",
    )
