"""An association officer fills and submits the 6-month report; the province officer returns it with a
comment; it is revised and resubmitted, accepted, and the consolidated .docx is downloaded."""

import pytest
from docx import Document

from sohoi.accounts.models import Role
from sohoi.reporting.services import periods_generate
from sohoi.reporting.tests.test_reports import make_regime
from tests.factories import UserFactory, active_association

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_report_is_submitted_returned_resubmitted_accepted_and_consolidated(
    live_server, signed_in, screenshot, tmp_path
):
    association = active_association(name="Hội Chữ thập đỏ tỉnh Thái Nguyên")
    UserFactory(username="sonoivu", role=Role.PROVINCE_OFFICER)
    UserFactory(username="hoi.ctd", role=Role.ASSOCIATION_OFFICER, associations=[association])
    [period] = periods_generate(regime=make_regime(), year=2026, by=None)
    base = live_server.url

    officer = signed_in("hoi.ctd")
    officer.get_by_role("link", name="Báo cáo", exact=True).click()
    officer.get_by_role("link", name="Hội Chữ thập đỏ tỉnh Thái Nguyên").click()
    assert officer.get_by_label("Tổng số hội viên").input_value() == "0"  # pre-filled from the registry
    officer.get_by_label("Tổng số hội viên").fill("120")
    officer.get_by_label("Hội viên mới kết nạp").fill("10")
    officer.get_by_label("Hội viên nữ").fill("60")
    officer.get_by_label("Kinh phí vận động (đồng)").fill("15.000.000")
    officer.get_by_label("Kết quả đạt được").fill("Tổ chức 3 đợt hiến máu tình nguyện.")
    officer.get_by_role("button", name="Gửi báo cáo").click()
    officer.get_by_text("Đã gửi báo cáo.").wait_for()

    province = signed_in("sonoivu")
    province.get_by_role("link", name="Báo cáo", exact=True).click()
    province.get_by_role("link", name="Báo cáo 6 tháng các hội được giao biên chế 2026").click()
    province.get_by_role("link", name="Hội Chữ thập đỏ tỉnh Thái Nguyên").click()
    province.get_by_label("Nội dung cần chỉnh sửa").fill("Bổ sung kinh phí vận động đợt 2.")
    province.get_by_role("button", name="Trả lại để chỉnh sửa").click()
    province.get_by_text("Đã trả báo cáo cho hội.").wait_for()

    officer.reload()
    officer.get_by_text("Bổ sung kinh phí vận động đợt 2.").wait_for()
    officer.get_by_label("Kinh phí vận động (đồng)").fill("27.000.000")
    officer.get_by_role("button", name="Gửi báo cáo").click()
    officer.get_by_text("Đã gửi báo cáo.").wait_for()

    province.reload()
    province.get_by_text("Thay đổi so với phiên bản trước").wait_for()
    screenshot(province, "reporting-review")
    province.get_by_role("button", name="Tiếp nhận").click()
    province.get_by_text("Đã tiếp nhận báo cáo.").wait_for()
    assert officer.reload() and officer.get_by_label("Kinh phí vận động (đồng)").is_disabled()  # locked

    province.goto(f"{base}/reports/periods/{period.pk}/")
    province.get_by_role("button", name="Báo cáo tổng hợp").click()
    screenshot(province, "reporting-consolidated")
    with province.expect_download() as download:
        province.get_by_role("button", name="Tải .docx").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "bao-cao-tong-hop-2026-1.docx"
    rows = [[c.text for c in row.cells] for row in Document(path).tables[1].rows]
    assert rows[1] == ["Tổng số hội viên", "120", "—", "—"]
    assert rows[5] == ["Kinh phí vận động (đồng)", "27.000.000", "—", "—"]
