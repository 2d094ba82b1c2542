"""An association officer downloads the template, uploads a list with good and bad rows, watches the
progress bar, reads the problems, imports the valid rows and downloads the rejected ones; and uploads a
list typed as a branch office types it, maps the column the import did not know, reads the warnings,
imports, and finds a repaired member on the person page."""

import datetime as dt
import io
import time

import pytest
from django.core.management import call_command
from django.db import OperationalError
from openpyxl import load_workbook
from playwright.sync_api import expect

from sohoi.accounts.models import Role
from sohoi.geo.selectors import home_communes
from sohoi.members.models import Membership
from sohoi.members.tests.test_import import GOOD, workbook
from sohoi.registry.models import Branch
from tests.browser.test_registry_flow import log_in
from tests.factories import UserFactory, active_association
from tests.member_lists import red_cross_branch_list

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def run_worker():
    """The queued tasks, run here. The live server's test database is SQLite in memory with a shared
    cache, where a page being read locks its tables for a moment and a writer is refused at once ("table
    is locked") instead of waiting, as it would on the real database: try again then."""
    for attempt in range(50):
        try:
            call_command("db_worker", batch=True, verbosity=0)
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.1)


def test_officer_imports_a_member_list(live_server, browser, screenshot, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    association = active_association(name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)")
    UserFactory(username="hoi.ctd", role=Role.ASSOCIATION_OFFICER, associations=[association])
    page = browser.new_page(locale="vi-VN", viewport={"width": 1100, "height": 900})
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, "hoi.ctd")
    page.goto(f"{live_server.url}/associations/{association.pk}/members/")
    page.get_by_role("button", name="Nhập từ Excel").click()

    with page.expect_download() as template:
        page.get_by_role("button", name="Tải tệp mẫu").click()
    book = load_workbook(io.BytesIO(template.value.path().read_bytes()))
    assert template.value.suggested_filename == "mau-danh-sach-hoi-vien.xlsx"
    assert book.sheetnames == ["Hội viên", "Danh mục", "Hướng dẫn"]

    upload = tmp_path / "danh-sach.xlsx"
    upload.write_bytes(
        workbook(
            [
                GOOD,
                [2, "NÔNG VĂN THƯỢNG", "1950", "Nam", "006050001235", "Tày", "Xã Ba Bể", "02/09/2010"],
                [3, "Ngày Không Có", "31/02/1960", "Nam", "", "Kinh", "05443", "01/01/2021"],
            ]
        )
    )
    page.get_by_label("Danh sách hội viên (.xlsx)").set_input_files(str(upload))
    page.get_by_label("Chỉ nhập các dòng hợp lệ").check()
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.locator("progress").wait_for()
    assert page.get_by_text("Đang chờ").is_visible()
    screenshot(page, "import-progress")

    run_worker()
    page.get_by_text("Đã kiểm tra: chờ xác nhận").wait_for()
    problems = page.locator("table.problems tbody tr")
    assert problems.count() == 1
    assert problems.first.inner_text().split("\t") == [
        "4",
        "Ngày sinh",
        "31/02/1960",
        "một ngày có thật (ngày này không tồn tại)",
    ]
    screenshot(page, "import-checked")

    with page.expect_download() as rejected:
        page.get_by_role("button", name="Tải các dòng bị từ chối (.xlsx)").click()
    rows = list(load_workbook(io.BytesIO(rejected.value.path().read_bytes())).active.iter_rows(values_only=True))
    assert rows[1][-1] == "Ngày sinh: “31/02/1960” — một ngày có thật (ngày này không tồn tại)"

    page.get_by_role("button", name="Nhập 2 dòng hợp lệ").click()
    page.locator("progress").wait_for()
    run_worker()
    page.get_by_text("Đã nhập", exact=True).first.wait_for()
    screenshot(page, "import-done")
    assert sorted(Membership.objects.filter(association=association).values_list("person__full_name", flat=True)) == [
        "Hoàng Thị Lan",
        "Nông Văn Thượng",
    ]
    page.close()


def test_officer_maps_a_column_reads_the_warnings_and_finds_a_repaired_member(
    live_server, browser, screenshot, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    association = active_association(name="Hội Chữ thập đỏ tỉnh Thái Nguyên (mới)")
    branch = Branch.objects.create(
        association=association,
        name="Chi hội Đức Xuân",
        commune=home_communes().get(code="01840"),
        established_on=dt.date(2010, 1, 1),
    )
    UserFactory(username="hoi.ctd", role=Role.ASSOCIATION_OFFICER, associations=[association])
    messy = red_cross_branch_list(branch.name)
    page = browser.new_page(locale="vi-VN", viewport={"width": 1100, "height": 900})
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, "hoi.ctd")
    page.goto(f"{live_server.url}/associations/{association.pk}/members/import/")
    upload = tmp_path / "ds-chi-hoi.xlsx"
    upload.write_bytes(messy.content)
    page.get_by_label("Danh sách hội viên (.xlsx)").set_input_files(str(upload))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.locator("progress").wait_for()
    run_worker()
    page.get_by_text("Đã kiểm tra: chờ xác nhận").wait_for()
    assert page.get_by_text("Các cột chưa nhận ra được").is_visible()
    page.get_by_label("Thôn/xóm cư trú").select_option(label="Địa chỉ thường trú")
    screenshot(page, "import-mapping")
    page.get_by_role("button", name="Kiểm tra lại danh sách với các cột này").click()
    page.get_by_text("Đã lưu các cột; danh sách đang được kiểm tra lại.").wait_for()
    run_worker()
    page.get_by_text("Đã kiểm tra: chờ xác nhận").wait_for()
    warnings = page.locator("table.warnings tbody tr")
    assert warnings.count() == len(messy.repaired)
    first = messy.members[messy.repaired[0] - 6]  # the list's first member is on row 6
    assert warnings.first.inner_text().split("\t") == [
        str(messy.repaired[0]),
        "CCCD/CMND",
        str(int(first.cccd)),
        f"đã khôi phục số 0 ở đầu: {first.cccd}",
    ]
    assert page.locator("#skipped-rows").inner_text() == (
        f"Các dòng bỏ qua vì không phải dữ liệu hội viên: {messy.skipped[0]}"
    )
    screenshot(page, "import-warnings")
    page.get_by_role("button", name=f"Nhập cả {len(messy.members)} dòng").click()
    page.locator("progress").wait_for()
    run_worker()
    page.get_by_text("Đã nhập", exact=True).first.wait_for()

    page.get_by_role("button", name="Xem danh sách hội viên").click()
    page.get_by_role("searchbox").fill(first.cccd)
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.locator("#results tbody").get_by_role("link", name=first.name, exact=True).click()
    facts = page.locator("dl.facts")
    facts.wait_for()
    text = facts.inner_text()
    assert first.cccd in text
    assert first.address in text
    screenshot(page, "import-repaired-person")
    page.close()


def test_province_officer_records_the_charter_rule_with_the_day_it_took_effect(live_server, browser, screenshot):
    """The Elderly Association's 60 came with the charter of 06/04/2022: the officer records it, and the
    import page says so to the association."""
    association = active_association(name="Hội Người cao tuổi tỉnh Thái Nguyên (mới)")
    UserFactory(username="sonoivu", role=Role.PROVINCE_OFFICER)
    page = browser.new_page(locale="vi-VN", viewport={"width": 1100, "height": 900})
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, "sonoivu")
    page.goto(f"{live_server.url}/associations/{association.pk}/members/import/")
    expect(page.get_by_text("Không có quy định về tuổi")).to_be_visible()
    page.get_by_role("link", name="Sửa quy định").click()
    page.get_by_label("Tuổi tối thiểu khi vào hội").fill("60")
    page.get_by_label("Tuổi tối thiểu theo ngoại lệ").fill("55")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Ghi rõ điều kiện điều lệ cho phép kết nạp theo ngoại lệ.")).to_be_visible()
    page.get_by_label("Điều kiện ngoại lệ").fill("tích cực tham gia hoạt động hội")
    page.get_by_label("Có hiệu lực từ").fill("2022-04-06")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu quy định về tuổi của điều lệ.")).to_be_visible()
    expect(
        page.get_by_text(
            "Tuổi khi kết nạp từ 60; từ 55 theo ngoại lệ (tích cực tham gia hoạt động hội); "
            "áp dụng với hội viên kết nạp từ 06/04/2022."
        )
    ).to_be_visible()
    screenshot(page, "charter-rule")
