"""The province officer records a conference and assigns a task to an association; that association's
officer posts progress and marks it done; the province confirms it and the overview shows it done on time."""

import datetime as dt

import pytest
from django.utils import timezone

from sohoi.accounts.models import Role
from sohoi.conferences.models import Department
from tests.factories import UserFactory, active_association

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_conference_task_goes_from_assignment_to_done_on_time(live_server, signed_in, screenshot):
    association = active_association(name="Hội Chữ thập đỏ tỉnh Thái Nguyên")
    Department.objects.create(name="Sở Nội vụ", is_home_affairs=True)
    UserFactory(username="sonoivu", role=Role.PROVINCE_OFFICER)
    UserFactory(username="hoi.ctd", role=Role.ASSOCIATION_OFFICER, associations=[association])
    base, today = live_server.url, timezone.localdate()
    deadline = today + dt.timedelta(days=30)

    province = signed_in("sonoivu")
    province.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    province.get_by_role("button", name="Hội nghị").click()
    province.get_by_role("button", name="Ghi nhận hội nghị").click()
    province.locator("#id_held_on").fill(f"{today - dt.timedelta(days=2):%Y-%m-%d}")
    province.get_by_label("Tên hội nghị").fill("Hội nghị sơ kết công tác hội 6 tháng")
    province.get_by_label("Chủ trì").fill("Phó Chủ tịch UBND tỉnh")
    province.locator("#id_conclusions").fill("Các hội chăm lo đời sống hội viên.")
    province.get_by_role("button", name="Lưu").click()
    province.get_by_text("Đã ghi nhận hội nghị.").wait_for()
    province.get_by_role("button", name="Giao nhiệm vụ").click()
    province.get_by_label("Theo kết luận").select_option(label="1. Các hội chăm lo đời sống hội viên.")
    province.locator("#id_title").fill("Thăm hỏi hội viên có hoàn cảnh khó khăn")
    province.get_by_label("Hội chủ trì").select_option(label="Hội Chữ thập đỏ tỉnh Thái Nguyên")
    province.locator("#id_deadline").fill(f"{deadline:%Y-%m-%d}")
    province.get_by_role("button", name="Giao", exact=True).click()
    province.get_by_text("Đã giao nhiệm vụ.").wait_for()

    officer = signed_in("hoi.ctd")
    officer.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    officer.get_by_role("link", name="Thăm hỏi hội viên có hoàn cảnh khó khăn").click()
    officer.get_by_label("Nội dung đã thực hiện").fill("Đã thăm 40 hội viên.")
    officer.get_by_label("Tiến độ (%)").fill("150")
    officer.get_by_role("button", name="Ghi nhận tiến độ").click()
    officer.get_by_text("Tiến độ là tỷ lệ phần trăm từ 0 đến 100, không phải 150.").wait_for()
    officer.get_by_label("Tiến độ (%)").fill("50")
    officer.get_by_role("button", name="Ghi nhận tiến độ").click()
    officer.get_by_text("Đã ghi nhận tiến độ.").wait_for()
    officer.locator("summary", has_text="Báo cáo hoàn thành").click()  # opens the section
    officer.locator("#id_done-result").fill("Đã thăm 95 hội viên, trao 95 suất quà.")
    officer.locator("#id_done-done_on").fill(f"{today:%Y-%m-%d}")
    officer.get_by_role("button", name="Báo cáo hoàn thành").click()
    officer.get_by_text("Đã báo cáo hoàn thành; Sở Nội vụ sẽ xác nhận.").wait_for()
    screenshot(officer, "tasks-reported-done")

    province.goto(f"{base}/tasks/?unit=")
    province.get_by_role("link", name="Thăm hỏi hội viên có hoàn cảnh khó khăn").click()
    province.get_by_role("button", name="Xác nhận", exact=True).click()
    province.get_by_text("Đã xác nhận hoàn thành.").wait_for()
    province.goto(f"{base}/tasks/overview/")
    done_on_time = province.locator("article.task-done_on_time strong")
    assert done_on_time.inner_text() == "1"
    assert province.locator("table.tasks tbody tr").first.inner_text().count("Hoàn thành đúng hạn") == 1
    screenshot(province, "tasks-overview")
