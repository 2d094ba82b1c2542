"""A province officer opens the overlap list, drafts a proposal for the top pair, reads the
simulation, records the approving decision, carries it out, and finds the members, branches, staff
and tasks on the resulting association's pages."""

import pytest
from django.utils import timezone

from sohoi.mergers.tests.scenario import build
from sohoi.registry.models import Association

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FUNCTIONS = "Vận động nguồn lực nhân đạo, trợ giúp người có hoàn cảnh khó khăn, chăm lo đời sống hội viên."


def test_a_consolidation_from_the_overlap_list_to_the_result_page(cast, live_server, signed_in, screenshot):
    s = build(cast)
    Association.objects.filter(pk__in=[s.a.pk, s.b.pk]).update(functions=FUNCTIONS)
    today = timezone.localdate()

    page = signed_in("sonoivu")
    page.get_by_role("link", name="Các hội", exact=True).click()
    page.get_by_role("button", name="Chồng chéo chức năng").click()
    page.get_by_role("link", name="Lập đề án").first.click()
    page.get_by_label("Tên hội mới").fill("Hội Nhân đạo tỉnh Thái Nguyên")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã tạo dự thảo đề án").wait_for()

    # the simulation: six memberships become five persons, the Elderly branch merges into the Red Cross's
    page.get_by_text("Hội Nhân đạo tỉnh Thái Nguyên: 5 người được chuyển sang").wait_for()
    page.get_by_text("Nông Văn Thắng — loại hội viên").wait_for()
    page.get_by_text("Cán bộ chuyển sang: 1; tổng biên chế năm").wait_for()
    screenshot(page, "merger-simulation")

    page.get_by_role("button", name="Trình cấp có thẩm quyền").click()
    page.get_by_text("Đã trình đề án.").wait_for()
    page.get_by_label("Số quyết định").fill("345/QĐ-UBND")
    page.locator("#id_issued_on").fill(f"{today:%Y-%m-%d}")
    page.get_by_role("button", name="Ghi quyết định").click()
    page.get_by_text("Đã ghi quyết định phê duyệt: có thể thực hiện đề án.").wait_for()
    page.get_by_role("button", name="Thực hiện việc sắp xếp").click()
    page.get_by_text("Đã thực hiện việc sắp xếp hội.").wait_for()

    page.get_by_role("link", name="Hội Nhân đạo tỉnh Thái Nguyên").first.click()
    page.get_by_role("button", name="Hội viên", exact=True).click()
    page.get_by_text("Nông Văn Thắng").wait_for()
    page.get_by_text("Hoàng Thị Lan").wait_for()
    page.go_back()
    page.get_by_role("link", name="Chi hội", exact=True).click()
    page.get_by_text("Chi hội Phan Đình Phùng").wait_for()
    page.get_by_text("Chi hội Đức Xuân").wait_for()
    screenshot(page, "merger-result-branches")

    new = Association.objects.get(name="Hội Nhân đạo tỉnh Thái Nguyên")
    page.goto(f"{live_server.url}/staffing/associations/{new.pk}/")
    page.get_by_text("Lý Thị Hằng").wait_for()
    page.goto(f"{live_server.url}/tasks/{s.tasks['open_b'].pk}/")
    page.get_by_text("Hội Người cao tuổi tỉnh Thái Nguyên → Hội Nhân đạo tỉnh Thái Nguyên").wait_for()
    screenshot(page, "merger-task-passed-on")
