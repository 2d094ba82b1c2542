"""The province officer records quota decisions, adds a staff member, records a transfer between two
associations and sees both associations' quota figures change."""

import pytest

from sohoi.accounts.models import Role
from tests.factories import UserFactory, active_association

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def quota_row(page, name):
    return page.locator("table.quota tbody tr", has_text=name).locator("td")


def test_quota_staff_and_a_transfer_change_both_quota_tables(live_server, signed_in, screenshot):
    for name in ("Hội Chữ thập đỏ tỉnh Thái Nguyên", "Hội Người cao tuổi tỉnh Thái Nguyên"):
        active_association(name=name, is_assigned_tasks=True)
    UserFactory(username="sonoivu", role=Role.PROVINCE_OFFICER)
    page = signed_in("sonoivu")
    page.get_by_role("link", name="Biên chế, cán bộ").click()
    for name, number in (
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", "15/QĐ-UBND"),
        ("Hội Người cao tuổi tỉnh Thái Nguyên", "16/QĐ-UBND"),
    ):
        page.get_by_role("button", name="Ghi nhận quyết định giao biên chế").click()
        page.locator("#id_association").select_option(label=name)
        page.get_by_label("Biên chế (vị trí)").fill("2")
        page.get_by_label("Số quyết định").fill(number)
        page.get_by_label("Ngày quyết định").fill("2026-01-05")
        page.get_by_role("button", name="Lưu").click()
        page.get_by_text("Đã ghi nhận quyết định giao biên chế.").wait_for()
    page.goto(f"{live_server.url}/staffing/?year=2026")
    assert quota_row(page, "Hội Chữ thập đỏ").nth(4).inner_text() == "2"  # two vacant posts

    page.get_by_role("link", name="Hội Chữ thập đỏ tỉnh Thái Nguyên").click()
    page.get_by_role("button", name="Thêm cán bộ").click()
    page.get_by_label("Họ và tên").fill("Hoàng Văn Luân")
    page.get_by_label("Ngày sinh").fill("1982-04-12")
    page.get_by_label("Chức vụ").select_option(label="Chuyên viên")
    page.get_by_label("Loại").select_option(label="Trong biên chế")
    page.locator("#id_starts_on").fill("2026-02-01")
    page.locator("#id_ends_on").fill("2026-01-01")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Ngày kết thúc (01/01/2026) không thể trước ngày bắt đầu (01/02/2026).").wait_for()
    page.locator("#id_ends_on").fill("")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã thêm cán bộ.").wait_for()

    page.goto(f"{live_server.url}/staffing/transfers/")
    page.get_by_role("button", name="Đề xuất luân chuyển, điều động").click()
    page.get_by_label("Cán bộ").select_option(label="Hoàng Văn Luân — Hội Chữ thập đỏ tỉnh Thái Nguyên")
    page.get_by_label("Đến hội").select_option(label="Hội Người cao tuổi tỉnh Thái Nguyên")
    page.get_by_label("Chức vụ mới").select_option(label="Chánh Văn phòng")
    page.get_by_label("Loại").select_option(label="Điều động")
    page.get_by_label("Lý do").fill("Tăng cường cán bộ cho Hội Người cao tuổi.")
    page.get_by_label("Ngày đề xuất").fill("2026-03-02")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã ghi nhận đề xuất.").wait_for()
    page.get_by_role("link", name="Quyết định").click()
    page.get_by_role("radio", name="Đồng ý", exact=True).check()
    page.get_by_label("Số quyết định").fill("45/QĐ-SNV")
    page.get_by_label("Ngày quyết định").fill("2026-03-10")
    page.get_by_label("Có hiệu lực từ").fill("2026-04-01")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã ghi nhận quyết định.").wait_for()

    page.goto(f"{live_server.url}/staffing/?year=2026")
    red_cross, elderly = quota_row(page, "Hội Chữ thập đỏ"), quota_row(page, "Hội Người cao tuổi")
    assert [red_cross.nth(i).inner_text() for i in (1, 2, 4)] == ["2", "0", "2"]
    assert [elderly.nth(i).inner_text() for i in (1, 2, 4)] == ["2", "1", "1"]
    screenshot(page, "staffing-quota-after-transfer")
