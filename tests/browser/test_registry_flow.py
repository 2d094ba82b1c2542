"""A province officer registers an association, records its establishment and founding congress with
its leadership, and sees the next congress deadline; another association's officer cannot open it."""

import datetime as dt

import pytest

from sohoi.accounts.models import Role
from sohoi.registry.models import Association
from tests.factories import PASSWORD, UserFactory, active_association

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def record_event(page, kind_label, day: str, number: str):
    page.get_by_role("button", name="Ghi nhận sự kiện pháp lý").click()
    page.get_by_role("button", name=kind_label, exact=True).click()
    page.get_by_label("Ngày diễn ra sự kiện").fill(day)
    page.get_by_label("Số quyết định").fill(number)
    page.get_by_label("Ngày quyết định").fill(day)


def test_officer_registers_an_association_and_records_its_founding(live_server, browser, screenshot):
    UserFactory(username="sonoivu", role=Role.PROVINCE_OFFICER)
    other = active_association(name="Hội Người cao tuổi tỉnh Thái Nguyên")
    UserFactory(username="hoi.nct", role=Role.ASSOCIATION_OFFICER, associations=[other])
    base = live_server.url

    page = browser.new_page(locale="vi-VN", viewport={"width": 1100, "height": 900})
    page.set_default_timeout(10_000)
    log_in(page, base, "sonoivu")
    page.get_by_role("link", name="Các hội").first.click()
    page.get_by_role("button", name="Đăng ký hội").click()
    page.get_by_role("textbox", name="Tên", exact=True).fill("Hội Cựu giáo chức tỉnh Thái Nguyên")
    page.get_by_label("Tên viết tắt").fill("CGC")
    page.get_by_label("Giáo dục").check()
    page.get_by_label("Xã, phường nơi đặt trụ sở").select_option("05443")
    page.get_by_label("Địa chỉ trụ sở").fill("Số 12, đường Đội Cấn")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã đăng ký hội.").wait_for()
    assert page.locator(".status").first.inner_text() == "Đang vận động thành lập"

    record_event(page, "Cấp phép thành lập", "2024-03-01", "215/QĐ-UBND")
    page.get_by_role("button", name="Ghi nhận").click()
    page.get_by_text("Đã ghi nhận “Cấp phép thành lập”.").wait_for()

    record_event(page, "Đại hội thành lập", "2024-05-10", "88/QĐ-SNV")
    rows = page.locator("table.leaders tbody tr")
    rows.nth(0).locator("input[name$='full_name']").fill("Đặng Văn Thành")
    rows.nth(0).locator("input[name$='birth_year']").fill("1958")
    rows.nth(1).locator("input[name$='full_name']").fill("Triệu Thị Hoa")
    screenshot(page, "registry-founding-congress-form")
    page.get_by_role("button", name="Ghi nhận").click()
    page.get_by_text("Đã ghi nhận “Đại hội thành lập”.").wait_for()
    assert "Đại hội thành lập" in page.locator(".timeline").inner_text()

    page.get_by_role("link", name="Lãnh đạo").click()
    page.get_by_text("Đặng Văn Thành").wait_for()
    page.get_by_role("link", name="Thời hạn", exact=True).last.click()
    page.get_by_text("Hạn đại hội nhiệm kỳ tiếp theo").wait_for()
    row = page.locator("tr", has_text="Hạn đại hội nhiệm kỳ tiếp theo")
    assert "10/05/2029" in row.inner_text()
    screenshot(page, "registry-deadlines")

    association = Association.objects.get(name="Hội Cựu giáo chức tỉnh Thái Nguyên")
    assert (association.status, association.status_since) == ("active", dt.date(2024, 5, 10))

    outsider = browser.new_page(locale="vi-VN")
    log_in(outsider, base, "hoi.nct")
    response = outsider.goto(f"{base}/associations/{association.pk}/")
    assert response.status == 404
    assert outsider.get_by_role("heading", name="Không tìm thấy trang").is_visible()
    screenshot(outsider, "registry-outsider-404")
    page.close()
    outsider.close()


def test_the_registry_works_on_a_narrow_screen(live_server, browser, screenshot):
    UserFactory(username="lanhdao", role=Role.LEADER)
    active_association(name="Hội Khuyến học tỉnh Thái Nguyên")
    page = browser.new_page(locale="vi-VN", viewport={"width": 375, "height": 740})
    log_in(page, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/associations/")
    page.get_by_role("searchbox").fill("khuyen hoc")
    page.locator("#results").get_by_text("Hội Khuyến học tỉnh Thái Nguyên").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    screenshot(page, "registry-narrow-list")
    page.close()
