"""A province officer creates an association officer's account and returns a report; that officer
logs in with the temporary password, must choose their own, and finds the returned report on their
home page with its comment, and the notice of it."""

import pytest
from django.utils import timezone

from sohoi.reporting import services as reporting
from sohoi.reporting.tests.test_reports import GOOD, make_regime

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_officer_account_from_creation_to_the_returned_report(cast, live_server, browser, signed_in, screenshot):
    from sohoi.reporting.models import PeriodType

    today = timezone.localdate()
    regime = make_regime(PeriodType.MONTH)
    periods = reporting.periods_generate(regime=regime, year=today.year, by=None)
    periods += reporting.periods_generate(regime=regime, year=today.year + 1, by=None)
    period = next(p for p in periods if p.starts_on <= today <= p.ends_on)
    report = reporting.report_open(period=period, association=cast.association_b, by=cast.officer_b)
    reporting.report_submit(report=report, values=GOOD, revision=report.revision, by=cast.officer_b)

    page = signed_in("sonoivu")
    page.get_by_text("Quản trị", exact=True).click()
    page.get_by_role("link", name="Tài khoản", exact=True).click()
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill("hoi.nct.dongky")
    page.get_by_label("Họ và tên").fill("Nông Thị Hoa")
    page.get_by_label("Vai trò").select_option(label="Cán bộ hội")
    page.get_by_label("Các hội").select_option(label="Hội Người cao tuổi tỉnh Thái Nguyên")
    page.get_by_label("Thư điện tử").fill("hoa@example.vn")
    page.get_by_role("button", name="Lưu").click()
    password = page.locator(".temporary-password code").inner_text()
    screenshot(page, "accounts-temporary-password")

    # the province officer returns the Elderly Association's report
    page.goto(f"{live_server.url}/reports/periods/{period.pk}/{cast.association_b.pk}/")
    page.get_by_label("Nội dung cần chỉnh sửa").fill("Thiếu số hội viên nữ.")
    page.get_by_role("button", name="Trả lại để chỉnh sửa").click()
    page.get_by_text("Đã trả báo cáo cho hội.").wait_for()

    officer = browser.new_context(locale="vi-VN", viewport={"width": 1100, "height": 900}).new_page()
    officer.set_default_timeout(10_000)
    officer.goto(f"{live_server.url}/accounts/login/")
    officer.get_by_label("Tên đăng nhập").fill("hoi.nct.dongky")
    officer.get_by_label("Mật khẩu").fill(password)
    officer.get_by_role("button", name="Đăng nhập").click()
    officer.get_by_text("Mật khẩu của bạn do cán bộ cấp: hãy đặt mật khẩu của riêng bạn để tiếp tục.").wait_for()
    officer.goto(f"{live_server.url}/")  # every page leads back to the password until it is changed
    officer.get_by_text("Mật khẩu của bạn do cán bộ cấp").wait_for()
    officer.get_by_label("Mật khẩu cũ").fill(password)
    officer.locator("#id_new_password1").fill("Chi-hoi-Dong-Ky-2026")
    officer.get_by_label("Xác nhận mật khẩu mới").fill("Chi-hoi-Dong-Ky-2026")
    officer.get_by_role("button", name="Đổi mật khẩu").click()
    officer.goto(f"{live_server.url}/")
    officer.get_by_role("heading", name="Việc của tôi").wait_for()
    officer.get_by_text("Bị trả lại với ý kiến: Thiếu số hội viên nữ.").wait_for()
    assert officer.locator(".notices-link mark.badge").inner_text() == "1"
    screenshot(officer, "accounts-officer-home")
    officer.locator(".notices-link").click()
    officer.get_by_role("link", name="Báo cáo “Báo cáo 6 tháng các hội được giao biên chế", exact=False).click()
    officer.get_by_text("Thiếu số hội viên nữ.").first.wait_for()
    assert f"/reports/periods/{period.pk}/{cast.association_b.pk}/" in officer.url
    screenshot(officer, "accounts-returned-report")
