import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sohoi.notices.models import Notice
from sohoi.reporting import services
from sohoi.reporting.models import ConsolidatedReport, Report
from sohoi.reporting.selectors import expected_associations
from sohoi.reporting.tests.test_pages import post
from sohoi.reporting.tests.test_reports import GOOD, REGISTER_EMPTY, make_regime

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(cast):
    [period] = services.periods_generate(regime=make_regime(), year=2026, by=None)
    return period


def url_of(period, association):
    return f"/reports/periods/{period.pk}/{association.pk}/"


def download(client, url):
    response = client.get(url + "?format=xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def fill(workbook, **values) -> SimpleUploadedFile:
    sheet = workbook["Báo cáo"]
    rows = {sheet.cell(r, 2).value: r for r in range(6, sheet.max_row + 1)}
    for code, value in values.items():
        sheet.cell(rows[code], 4).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bao-cao.xlsx", buffer.getvalue())


def upload(client, url, file):
    return client.post(url, {"upload": "1", "file": file})


def test_the_downloaded_form_is_prefilled_and_the_filled_file_is_saved_as_the_draft(cast, period):
    officer, url = cast.client("officer_a"), url_of(period, cast.association_a)
    workbook = download(officer, url)
    sheet = workbook["Báo cáo"]
    assert sheet["A2"].value == "Hội Chữ thập đỏ tỉnh Thái Nguyên"
    assert [c.value for c in sheet[5]] == ["STT", "Mã", "Chỉ tiêu", "Giá trị"]
    assert [c.value for c in sheet[6]] == [1, "members", "Tổng số hội viên", 0]  # pre-filled on the cut-off date
    assert workbook["_sohoi"].sheet_state == "hidden"
    file = fill(workbook, members=3, new_members=1, women=2, money=15000000, results="Hiến máu 3 đợt.")
    response = upload(officer, url, file)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.values == {
        "members": "3",
        "new_members": "1",
        "women": "2",
        "branches": "0",
        "money": "15000000",
        "ethnic_minority": "0",
        # pre-filled from the activities register, empty for this period
        "beneficiaries": "0",
        "activities": "0",
        "production_models": "0",
        "legal_sessions": "0",
        "digital_activities": "0",
        "results": "Hiến máu 3 đợt.",
    }
    assert (report.status, report.revision) == ("draft", 1)


def test_a_filled_file_with_problems_is_refused_whole_with_the_row_and_column(cast, period):
    officer, url = cast.client("officer_a"), url_of(period, cast.association_a)
    file = fill(download(officer, url), members=3, women=9, money="nhiều", results="=HYPERLINK(1)")
    response = upload(officer, url, file)
    assert response.status_code == 200
    assert response.context["upload_form"].non_field_errors() == [
        "Dòng 8, cột D: “Hội viên nữ” (9) phải ≤ “Tổng số hội viên” (3).",
        "Dòng 10, cột D: “Kinh phí vận động (đồng)” phải là số nguyên, không phải “nhiều”.",
    ]
    assert Report.objects.get().values == {
        "members": 0,
        "new_members": 0,
        "women": 0,
        "branches": 0,
        "ethnic_minority": 0,
        **REGISTER_EMPTY,
    }


def test_an_upload_after_someone_else_saved_is_refused(cast, period):
    officer, url = cast.client("officer_a"), url_of(period, cast.association_a)
    workbook = download(officer, url)
    post(officer, url, "save", **GOOD)  # saved online after the download
    response = upload(officer, url, fill(workbook, members=5))
    assert response.context["upload_form"].non_field_errors()[0].startswith("Người khác đã lưu báo cáo này")
    assert Report.objects.get().values["members"] == "3"


def test_the_form_of_another_report_or_another_file_is_refused(cast, period):
    officer_a, officer_b = cast.client("officer_a"), cast.client("officer_b")
    other = download(officer_b, url_of(period, cast.association_b))
    response = upload(officer_a, url_of(period, cast.association_a), fill(other, members=1))
    assert response.context["upload_form"].non_field_errors() == [
        "Tệp này là mẫu của một báo cáo khác: hãy tải mẫu của báo cáo này."
    ]
    response = upload(officer_a, url_of(period, cast.association_a), SimpleUploadedFile("x.xlsx", b"not excel"))
    assert response.context["upload_form"].non_field_errors() == [
        "Tệp này không phải mẫu báo cáo tải từ Sổ Hội (.xlsx). Hãy tải lại mẫu và điền vào đó."
    ]


def test_a_submitted_report_takes_no_upload(cast, period):
    officer, url = cast.client("officer_a"), url_of(period, cast.association_a)
    workbook = download(officer, url)
    post(officer, url, "submit", **GOOD)
    assert upload(officer, url, fill(workbook, members=5)).status_code == 403


def test_reminders_go_to_the_associations_that_have_not_submitted_once_a_day(
    cast, period, django_capture_on_commit_callbacks
):
    cast.officer_a.email, cast.officer_b.email = "a@hoi.vn", "b@hoi.vn"
    cast.officer_a.save(), cast.officer_b.save()
    services.report_open(period=period, association=cast.association_a, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.reminders_send(period=period, today=dt.date(2026, 6, 20))
    assert count == 2
    assert [(n.user.username, n.text) for n in Notice.objects.order_by("user__username")] == [
        (
            "hoi.a",
            "Báo cáo “Báo cáo 6 tháng các hội được giao biên chế 2026” của Hội Chữ thập đỏ tỉnh Thái Nguyên "
            "đã quá hạn: hạn nộp là 16/06/2026.",
        ),
        (
            "hoi.b",
            "Báo cáo “Báo cáo 6 tháng các hội được giao biên chế 2026” của Hội Người cao tuổi tỉnh Thái Nguyên "
            "đã quá hạn: hạn nộp là 16/06/2026.",
        ),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@hoi.vn", "b@hoi.vn"]
    assert f"http://127.0.0.1:8000/reports/periods/{period.pk}/" in mail.outbox[0].body
    assert services.reminders_send(period=period, today=dt.date(2026, 6, 20)) == 0  # not twice a day
    assert services.reminders_send(period=period, today=dt.date(2026, 6, 21)) == 2


def test_the_reminder_button_and_the_notices_page(cast, period):
    province, officer = cast.client("province_officer"), cast.client("officer_a")
    period_url = f"/reports/periods/{period.pk}/"
    assert "Nhắc các hội chưa gửi báo cáo" in province.get(period_url).content.decode()
    response = province.post(period_url + "remind/", follow=True)
    assert "Đã gửi lời nhắc tới 2 hội." in response.content.decode()
    page = officer.get("/notices/")
    assert page.context["unread_notices"] == 1
    assert [n.url for n in page.context["page"]] == [url_of(period, cast.association_a)]
    assert officer.post("/notices/").status_code == 302
    assert officer.get("/notices/").context["unread_notices"] == 0
    assert {n.user for n in cast.client("officer_b").get("/notices/").context["page"]} == {cast.officer_b}
    assert cast.client("leader").get("/notices/").context["page"].object_list.count() == 0


def test_the_province_writes_the_number_and_narrative_that_go_into_the_docx(cast, period):
    from docx import Document

    province = cast.client("province_officer")
    url = f"/reports/periods/{period.pk}/consolidated/"
    page = province.get(url)
    assert page.context["form"]["narrative"].value().startswith("Thực hiện chế độ báo cáo")
    data = {
        "revision": 0,
        "parent_body": "UBND TỈNH THÁI NGUYÊN",
        "place": "Thái Nguyên",
        "number": "125/BC-SNV",
        "issued_on": "2026-07-02",
        "narrative": "Đoạn mở đầu.\nĐoạn thứ hai.",
        "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "signer_name": "Hoàng Văn Bình",
    }
    assert province.post(url, data).status_code == 302
    stale = province.post(url, {**data, "number": "126/BC-SNV"})
    assert stale.context["form"].non_field_errors()[0].startswith("Người khác đã lưu báo cáo này")
    assert ConsolidatedReport.objects.get().number == "125/BC-SNV"
    doc = Document(io.BytesIO(province.get(url + "?format=docx").content))
    left, right = doc.tables[0].rows[0].cells
    assert "Số: 125/BC-SNV" in [p.text for p in left.paragraphs]
    assert "Thái Nguyên, ngày 02 tháng 7 năm 2026" in [p.text for p in right.paragraphs]
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[3:5] == ["Đoạn mở đầu.", "Đoạn thứ hai."]
    assert "Hoàng Văn Bình" in [p.text for p in doc.tables[2].rows[0].cells[1].paragraphs]
    assert cast.client("leader").post(url, data).status_code == 403


def test_a_regime_can_name_the_associations_that_report(cast, period):
    regime = period.regime
    assert list(expected_associations(period)) == [cast.association_a, cast.association_b]
    regime.associations.set([cast.association_b])
    assert list(expected_associations(period)) == [cast.association_b]


def test_the_daily_command_reminds_from_three_days_before_the_deadline(cast, period):
    from django.core.management import call_command

    call_command("send_reminders", "--today", "2026-06-12", stdout=io.StringIO())  # due 16/06: too early
    assert Notice.objects.count() == 0
    call_command("send_reminders", "--today", "2026-06-13", stdout=io.StringIO())
    assert sorted(Notice.objects.values_list("user__username", flat=True)) == ["hoi.a", "hoi.b"]
    assert Notice.objects.first().text.endswith("cần gửi trước hạn 16/06/2026.")
    call_command("send_reminders", "--today", "2026-07-17", stdout=io.StringIO())  # 31 days late: stops
    assert Notice.objects.count() == 2


def test_the_completeness_api_is_for_the_province(cast, period):
    services.report_open(period=period, association=cast.association_a, by=None)
    data = cast.client("leader").get(f"/api/reports/periods/{period.pk}/completeness").json()
    assert (data["expected"], data["submitted"], data["missing"]) == (2, 0, 2)
    assert [(r["association"], r["state"]) for r in data["rows"]] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", "draft"),
        ("Hội Người cao tuổi tỉnh Thái Nguyên", "missing"),
    ]
    assert cast.client("officer_a").get(f"/api/reports/periods/{period.pk}/completeness").status_code == 403
