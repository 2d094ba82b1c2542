import pytest

from sohoi.reporting.models import Report, ReportStatus
from sohoi.reporting.services import periods_generate
from sohoi.reporting.tests.test_reports import GOOD, make_regime


@pytest.fixture
def url(cast):
    [period] = periods_generate(regime=make_regime(), year=2026, by=None)
    return f"/reports/periods/{period.pk}/{cast.association_a.pk}/"


def post(client, url, action, revision=None, **values):
    report = Report.objects.first()
    data = {"revision": revision if revision is not None else (report.revision if report else 0), action: "1"}
    return client.post(url, {**data, **values})


def test_the_association_fills_submits_the_province_returns_and_accepts(cast, url):
    officer, province = cast.client("officer_a"), cast.client("province_officer")
    page = officer.get(url)
    assert page.context["form"]["members"].value() == 0  # pre-filled: no member on the cut-off date
    assert page.context["form"]["members"].help_text == (
        "Bắt buộc khi gửi báo cáo. Lấy từ sổ đăng ký tại ngày chốt số liệu: sửa lại nếu cần."
    )
    assert page.context["form"]["results"].help_text == "Bắt buộc khi gửi báo cáo."
    assert post(officer, url, "save", **{**GOOD, "members": "3"}).status_code == 302
    response = post(officer, url, "submit", **{**GOOD, "women": "9"})
    assert response.context["form"].errors["women"] == ["“Hội viên nữ” (9) phải ≤ “Tổng số hội viên” (3)."]
    assert post(officer, url, "submit", **GOOD).status_code == 302
    assert post(officer, url, "save", **GOOD).status_code == 403  # submitted: waiting for review
    response = post(province, url, "return", comment="")
    assert response.context["return_form"].errors["comment"] == ["Trường này là bắt buộc."]
    assert post(province, url, "return", comment="Bổ sung kinh phí").status_code == 302
    assert "Bổ sung kinh phí" in officer.get(url).content.decode()
    assert post(officer, url, "submit", **{**GOOD, "money": "20.000.000"}).status_code == 302
    page = province.get(url).content.decode()
    assert "Thay đổi so với phiên bản trước" in page
    assert post(province, url, "accept").status_code == 302
    report = Report.objects.get()
    assert (report.status, report.versions.count()) == (ReportStatus.ACCEPTED, 2)
    assert post(officer, url, "save", **GOOD).status_code == 403
    assert post(cast.client("leader"), url, "accept").status_code == 403


def test_a_stale_save_is_refused_and_the_typed_values_stay_on_the_page(cast, url):
    officer = cast.client("officer_a")
    officer.get(url)
    post(officer, url, "save", revision=0, **GOOD)
    response = post(officer, url, "save", revision=0, **{**GOOD, "money": "99"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0].startswith("Người khác đã lưu báo cáo này")
    assert response.context["form"]["money"].value() == "99"
    assert Report.objects.get().values["money"] == GOOD["money"]


def test_the_completeness_page_lists_every_expected_association(cast, url):
    cast.client("officer_a").get(url)
    period_url = url.rsplit("/", 2)[0] + "/"
    c = cast.client("province_officer").get(period_url).context["c"]
    assert [(r.association.name, r.state) for r in c.rows] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", "draft"),
        ("Hội Người cao tuổi tỉnh Thái Nguyên", "missing"),
    ]


def test_the_consolidated_xlsx_totals_the_accepted_reports(cast, url):
    import io

    from openpyxl import load_workbook

    officer, province = cast.client("officer_a"), cast.client("province_officer")
    officer.get(url)
    post(officer, url, "submit", **GOOD)
    post(province, url, "accept")
    period_url = url.rsplit("/", 2)[0] + "/"
    response = province.get(period_url + "consolidated/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Hội", "Tổng số hội viên", "Hội viên mới kết nạp")
    assert rows[1] == ("Hội Chữ thập đỏ tỉnh Thái Nguyên", 3, 1, 2, 0, 15000000, 0, 0, 0, 0, 0, 0)
    assert rows[2] == ("Tổng cộng", 3, 1, 2, 0, 15000000, 0, 0, 0, 0, 0, 0)


def test_the_consolidated_docx_carries_the_totals_of_the_accepted_reports(cast, url):
    import io

    from docx import Document

    officer, province = cast.client("officer_a"), cast.client("province_officer")
    officer.get(url)
    post(officer, url, "submit", **GOOD)
    post(province, url, "accept")
    response = province.get(url.rsplit("/", 2)[0] + "/consolidated/?format=docx")
    doc = Document(io.BytesIO(response.content))
    assert [[c.text for c in row.cells] for row in doc.tables[1].rows][:3] == [
        ["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng/giảm"],
        ["Tổng số hội viên", "3", "—", "—"],
        ["Hội viên mới kết nạp", "1", "—", "—"],
    ]
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[paragraphs.index("1. Kết quả đạt được") + 1] == (
        "Hội Chữ thập đỏ tỉnh Thái Nguyên: Tổ chức 3 đợt hiến máu."
    )
    assert paragraphs[3].startswith("Thực hiện chế độ báo cáo báo cáo 6 tháng các hội được giao biên chế, kỳ số liệu")
    annex = [[c.text for c in row.cells] for row in doc.tables[3].rows]
    assert annex[0][:4] == ["STT", "Hội", "Tổng số hội viên", "Hội viên mới kết nạp"]
    assert annex[1][:3] == ["1", "Hội Chữ thập đỏ tỉnh Thái Nguyên", "3"]
    assert annex[-1][:3] == ["", "Tổng cộng", "3"]
    assert doc.sections[1].orientation == 1  # the annex is landscape


def test_opening_a_report_creates_the_draft_once_and_audits_it(cast, url):
    from sohoi.audit.models import AuditEntry

    cast.client("officer_a").get(url)
    cast.client("officer_a").get(url)
    entry = AuditEntry.objects.get(content_type__model="report")
    assert (entry.actor_name, entry.action, entry.changes["members"]) == ("hoi.a", "create", [None, 0])
    assert cast.client("leader").get(url).status_code == 200
    assert Report.objects.count() == 1


def test_any_two_submitted_versions_can_be_compared(cast, url):
    officer, province = cast.client("officer_a"), cast.client("province_officer")
    officer.get(url)
    for money in ("1.000.000", "2.000.000", "3.000.000"):
        post(officer, url, "submit", **{**GOOD, "money": money})
        post(province, url, "return", comment="Sửa kinh phí")
    page = province.get(url)
    assert [v.number for v in page.context["compared"]] == [2, 3]
    assert page.context["changes"] == [("Kinh phí vận động (đồng)", "2.000.000", "3.000.000")]
    page = province.get(url + "?from=1&to=3")
    assert page.context["changes"] == [("Kinh phí vận động (đồng)", "1.000.000", "3.000.000")]
    assert province.get(url + "?from=2&to=2").context["changes"] == []
    assert [v.number for v in province.get(url + "?from=x&to=9").context["compared"]] == [2, 3]


def test_the_docx_totals_equal_the_sum_of_the_accepted_reports_only(cast, url):
    import io

    from docx import Document

    url_b = url.rsplit("/", 2)[0] + f"/{cast.association_b.pk}/"
    officer_a, officer_b, province = (cast.client(r) for r in ("officer_a", "officer_b", "province_officer"))
    officer_a.get(url)
    post(officer_a, url, "submit", **GOOD)
    post(province, url, "accept")
    officer_b.get(url_b)
    response = officer_b.post(url_b, {"revision": 0, "submit": "1", **GOOD, "members": "40", "money": "2.500.000"})
    assert response.status_code == 302, response.context["form"].errors
    period_url = url.rsplit("/", 2)[0] + "/"
    doc = Document(io.BytesIO(province.get(period_url + "consolidated/?format=docx").content))
    summary = {row.cells[0].text: row.cells[1].text for row in doc.tables[1].rows}
    assert (summary["Tổng số hội viên"], summary["Kinh phí vận động (đồng)"]) == ("3", "15.000.000")  # B not accepted
    post(province, url_b, "accept")
    doc = Document(io.BytesIO(province.get(period_url + "consolidated/?format=docx").content))
    summary = {row.cells[0].text: row.cells[1].text for row in doc.tables[1].rows}
    assert (summary["Tổng số hội viên"], summary["Kinh phí vận động (đồng)"]) == ("43", "17.500.000")
    annex = [[c.text for c in row.cells] for row in doc.tables[3].rows]
    assert [row[1:3] for row in annex[1:]] == [
        ["Hội Chữ thập đỏ tỉnh Thái Nguyên", "3"],
        ["Hội Người cao tuổi tỉnh Thái Nguyên", "40"],
        ["Tổng cộng", "43"],
    ]
