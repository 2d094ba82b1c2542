import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from sohoi.audit.models import DataAccess
from sohoi.staffing.models import QuotaDecision, Staff, Transfer
from sohoi.staffing.tests.test_staffing import hire, quota

pytestmark = pytest.mark.django_db


def test_recording_a_quota_and_staff_on_the_pages(assigned):
    province = assigned.client("province_officer")
    a = assigned.association_a
    bad = province.post(
        "/staffing/quotas/new/",
        {
            "association": a.pk,
            "year": 2026,
            "quota": -2,
            "number": "5/QĐ-UBND",
            "issued_on": "2026-01-05",
            "authority": "UBND tỉnh",
        },
    )
    assert bad.context["form"].errors["quota"] == ["Biên chế là số vị trí việc làm: không thể nhỏ hơn 0 (-2)."]
    assert QuotaDecision.objects.count() == 0
    ok = province.post(
        "/staffing/quotas/new/",
        {
            "association": a.pk,
            "year": 2026,
            "quota": 3,
            "number": "5/QĐ-UBND",
            "issued_on": "2026-01-05",
            "authority": "UBND tỉnh",
        },
    )
    assert ok["Location"] == "/staffing/?year=2026"
    staff = {
        "full_name": "Nông Thị Hoa",
        "sex": "F",
        "birth_date": "1980-02-03",
        "position": "specialist",
        "kind": "quota",
        "starts_on": "2026-03-01",
    }
    bad = province.post(f"/staffing/associations/{a.pk}/new/", {**staff, "ends_on": "2026-02-01"})
    assert bad.context["form"].errors["ends_on"] == [
        "Ngày kết thúc (01/02/2026) không thể trước ngày bắt đầu (01/03/2026)."
    ]
    assert Staff.objects.count() == 0
    assert province.post(f"/staffing/associations/{a.pk}/new/", staff).status_code == 302
    page = province.get("/staffing/?year=2026")
    row = next(r for r in page.context["rows"] if r.association == a)
    assert (row.quota, row.within, row.vacancies) == (3, 1, 2)
    assert 'class="vacant"' in page.content.decode()


def test_the_yearly_report_and_the_staff_export_are_safe_and_logged(assigned):
    a = assigned.association_a
    quota(a, 2026, 1)
    hire(a, '=HYPERLINK("x")', dt.date(2025, 1, 1))
    hire(a, "Lò Văn Hai", dt.date(2025, 6, 1))
    province = assigned.client("province_officer")
    book = load_workbook(io.BytesIO(province.get("/staffing/?year=2026&format=xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == (
        "Hội",
        "Biên chế",
        "Quyết định",
        "Trong biên chế",
        "Còn trống",
        "Vượt biên chế",
        "Hợp đồng lao động",
        "Cán bộ đã nghỉ hưu",
    )
    assert rows[1] == ("Hội Chữ thập đỏ tỉnh Thái Nguyên", 1, "12/QĐ-UBND", 2, 0, 1, 0, 0)
    book = load_workbook(io.BytesIO(province.get(f"/staffing/associations/{a.pk}/?format=xlsx").content))
    names = [r[0] for r in book.active.iter_rows(min_row=2, values_only=True)]
    assert names == ['\'=HYPERLINK("x")', "Lò Văn Hai"]
    assert (
        DataAccess.objects.filter(kind="export", what="Cán bộ của Hội Chữ thập đỏ tỉnh Thái Nguyên", rows=2).count()
        == 1
    )


def test_a_transfer_on_the_pages_changes_both_quota_tables(assigned):
    a, b = assigned.association_a, assigned.association_b
    quota(a, 2026, 1)
    quota(b, 2026, 1)
    staff = hire(a, "Hoàng Văn Luân", dt.date(2020, 1, 1))
    province = assigned.client("province_officer")
    same = province.post(
        "/staffing/transfers/new/",
        {
            "staff": staff.pk,
            "to_association": a.pk,
            "to_position": "specialist",
            "kind": "transfer",
            "reason": "x",
            "proposed_on": "2026-02-01",
        },
    )
    assert same.context["form"].errors["to_association"] == [
        "Luân chuyển, điều động phải sang một hội khác, không phải chính Hội Chữ thập đỏ tỉnh Thái Nguyên."
    ]
    province.post(
        "/staffing/transfers/new/",
        {
            "staff": staff.pk,
            "to_association": b.pk,
            "to_position": "office_head",
            "kind": "transfer",
            "reason": "Tăng cường",
            "proposed_on": "2026-02-01",
        },
    )
    transfer = Transfer.objects.get()
    decided = province.post(
        f"/staffing/transfers/{transfer.pk}/decide/",
        {"approve": "1", "number": "45/QĐ-SNV", "decided_on": "2026-02-10", "effective_on": "2026-03-01"},
    )
    assert decided.status_code == 302
    rows = province.get("/staffing/?year=2026").context["rows"]
    assert [(r.association.name, r.within, r.vacancies) for r in rows if r.association in (a, b)] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", 0, 1),
        ("Hội Người cao tuổi tỉnh Thái Nguyên", 1, 0),
    ]
    assert [
        s.person.full_name for s in assigned.client("officer_b").get(f"/staffing/associations/{b.pk}/").context["staff"]
    ] == ["Hoàng Văn Luân"]


def test_recording_a_congress_shows_the_leader_rule_warnings(assigned):
    province = assigned.client("province_officer")
    a = assigned.association_a
    data = {
        "kind": "term_congress",
        "occurred_on": "2026-03-01",
        "decision_number": "20/QĐ-SNV",
        "decision_date": "2026-03-01",
        "decision_authority": "Sở Nội vụ",
        "decision_signer": "",
        "note": "",
        "leaders-TOTAL_FORMS": "1",
        "leaders-INITIAL_FORMS": "0",
        "leaders-MIN_NUM_FORMS": "0",
        "leaders-MAX_NUM_FORMS": "1000",
        "leaders-0-full_name": "Hoàng Văn Cao",
        "leaders-0-position": "chairman",
        "leaders-0-birth_year": "1955",
        "leaders-0-sex": "M",
    }
    response = province.post(f"/associations/{a.pk}/events/new/?kind=term_congress", data, follow=True)
    page = response.content.decode()
    assert "Hoàng Văn Cao 71 tuổi vào ngày 01/03/2026: quá giới hạn 70 đối với chủ tịch." in page
    assert "(Kết luận 32-KL/TW ngày 30/03/2022 của Ban Bí thư)" in page
    leaders_page = province.get("/staffing/leaders/")
    assert [w.message for w in leaders_page.context["warnings"]][:1] == [
        "Hoàng Văn Cao 76 tuổi vào ngày 01/03/2031: quá giới hạn 70 đối với chủ tịch."
    ]


def test_pages_with_personal_data_are_logged(assigned):
    province = assigned.client("province_officer")
    for url in ("/staffing/retirements/?months=24", "/staffing/leaders/", "/staffing/training/"):
        assert province.get(url).status_code == 200
    assert sorted(DataAccess.objects.filter(kind="view").values_list("what", flat=True)) == [
        "Cảnh báo quy định tuổi lãnh đạo",
        "Sắp nghỉ hưu",
        "Thiếu đào tạo",
    ]


def test_the_quota_api_is_scoped(assigned):
    quota(assigned.association_a, 2026, 3)
    quota(assigned.association_b, 2026, 1)
    rows = assigned.client("officer_a").get("/api/staffing/quotas?year=2026").json()
    assert [(r["association"], r["quota"], r["vacancies"]) for r in rows] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", 3, 3)
    ]
    assert len(assigned.client("leader").get("/api/staffing/quotas?year=2026").json()) == 2
