import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from sohoi.conferences import services
from sohoi.conferences.models import Conference, Department, Task
from sohoi.conferences.tests.test_tasks import HELD, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(cast):
    home = Department.objects.create(name="Sở Nội vụ", is_home_affairs=True)
    conference = services.conference_create(
        data=services.ConferenceData(held_on=HELD, title="Hội nghị các hội 6 tháng đầu năm 2023", chair="Phó Chủ tịch"),
        by=None,
    )
    own = assign(
        conference, title="Chăm lo đời sống hội viên", lead_association=cast.association_a, deadline=dt.date(2099, 1, 1)
    )
    cooperating = assign(
        conference, title="Tuyên truyền pháp luật", lead_department=home, deadline=dt.date(2023, 12, 31)
    )
    cooperating.cooperating_associations.set([cast.association_b])
    other = assign(conference, title="Rà soát các hội", lead_department=home, deadline=dt.date(2023, 12, 31))
    return {"conference": conference, "own": own, "cooperating": cooperating, "other": other, "home": home}


def titles(page):
    return sorted(r.task.title for column in page.context["columns"] for r in column[2])


def test_each_officer_sees_only_the_tasks_of_their_association(cast, tasks):
    assert titles(cast.client("officer_a").get("/tasks/")) == ["Chăm lo đời sống hội viên"]
    assert titles(cast.client("officer_b").get("/tasks/")) == ["Tuyên truyền pháp luật"]
    assert titles(cast.client("province_officer").get("/tasks/")) == ["Rà soát các hội", "Tuyên truyền pháp luật"]
    assert len(titles(cast.client("province_officer").get("/tasks/?unit="))) == 3
    assert titles(cast.client("leader").get(f"/tasks/?unit=a{cast.association_a.pk}")) == ["Chăm lo đời sống hội viên"]
    assert cast.client("officer_a").get(f"/tasks/{tasks['other'].pk}/").status_code == 404
    assert cast.client("officer_b").get(f"/tasks/{tasks['own'].pk}/").status_code == 404
    conference = f"/tasks/conferences/{tasks['conference'].pk}/"
    assert [r.task.title for r in cast.client("officer_b").get(conference).context["rows"]] == [
        "Tuyên truyền pháp luật"
    ]


def test_a_cooperating_association_posts_progress_but_only_the_lead_marks_done(cast, tasks):
    url = f"/tasks/{tasks['cooperating'].pk}/"
    officer_b = cast.client("officer_b")
    response = officer_b.post(url, {"action": "progress", "progress-text": "Tổ chức 2 buổi.", "progress-percent": 30})
    assert response.status_code == 302
    assert Task.objects.get(pk=tasks["cooperating"].pk).percent == 30
    done = {"action": "done", "done-result": "Xong", "done-done_on": "2023-10-01"}
    assert officer_b.post(url, done).status_code == 403
    assert (
        cast.client("leader").post(url, {"action": "progress", "progress-text": "x", "progress-percent": 1}).status_code
        == 403
    )
    own = f"/tasks/{tasks['own'].pk}/"
    response = cast.client("officer_a").post(
        own, {"action": "progress", "progress-text": "Quá mức.", "progress-percent": 150}
    )
    assert response.context["forms"]["progress"].errors["percent"] == [
        "Tiến độ là tỷ lệ phần trăm từ 0 đến 100, không phải 150."
    ]
    assert cast.client("officer_a").post(own, {"action": "confirm"}).status_code == 403


def test_the_lead_reports_done_and_the_province_confirms_on_the_pages(cast, tasks):
    own = f"/tasks/{tasks['own'].pk}/"
    officer, province = cast.client("officer_a"), cast.client("province_officer")
    file = SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4 result")
    exe = SimpleUploadedFile("virus.exe", b"MZ")
    refused = officer.post(own, {"action": "done", "done-result": "x", "done-done_on": "2024-01-10", "done-file": exe})
    assert refused.context["forms"]["done"].errors["file"][0].startswith("Không thể đính kèm “virus.exe”")
    response = officer.post(
        own, {"action": "done", "done-result": "Thăm 120 hội viên.", "done-done_on": "2024-01-10", "done-file": file}
    )
    assert response.status_code == 302
    response = province.post(own, {"action": "reopen", "review-comment": ""})
    assert response.context["forms"]["review"].errors["comment"] == ["Hãy nêu nội dung còn thiếu."]
    assert province.post(own, {"action": "confirm", "review-comment": "Tốt."}).status_code == 302
    page = officer.get(own)
    assert page.context["status"] == "done_on_time"
    update = Task.objects.get(pk=tasks["own"].pk).updates.get(kind="done")
    assert officer.get(f"/tasks/{tasks['own'].pk}/files/{update.pk}/").status_code == 200
    assert cast.client("officer_b").get(f"/tasks/{tasks['own'].pk}/files/{update.pk}/").status_code == 404
    response = officer.post(own, {"action": "progress", "progress-text": "Thêm.", "progress-percent": 100})
    assert response.context["forms"]["progress"].non_field_errors() == [
        "Nhiệm vụ đã được xác nhận hoàn thành: không nhận thêm cập nhật."
    ]


def test_the_province_overview_counts_and_filters(cast, tasks):
    province = cast.client("province_officer")
    page = province.get("/tasks/overview/")
    assert [(s, n) for s, _label, n in page.context["o"].by_status] == [
        ("done_on_time", 0),
        ("done_late", 0),
        ("in_progress", 0),
        ("overdue", 2),
        ("not_started", 1),
    ]
    assert [(name, total) for name, _c, total in page.context["o"].by_unit] == [
        ("Sở Nội vụ", 2),
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", 1),
    ]
    assert [r.task.title for r in province.get("/tasks/overview/?status=not_started").context["rows"]] == [
        "Chăm lo đời sống hội viên"
    ]
    assert province.get("/tasks/overview/?due_within=30").context["rows"] == []
    unit = province.get(f"/tasks/overview/?unit=a{cast.association_b.pk}").context["rows"]
    assert [r.task.title for r in unit] == ["Tuyên truyền pháp luật"]


def test_recording_a_conference_and_a_task_on_the_pages(cast, tasks):
    from sohoi.reporting.services import periods_generate
    from sohoi.reporting.tests.test_reports import make_regime

    [period] = periods_generate(regime=make_regime(), year=2025, by=None)
    province = cast.client("province_officer")
    response = province.post(
        "/tasks/conferences/new/",
        {
            "held_on": "2025-07-15",
            "title": "Hội nghị triển khai hợp nhất các hội",
            "chair": "Phó Chủ tịch UBND tỉnh",
            "departments": [tasks["home"].pk],
            "associations": [cast.association_a.pk],
            "notice_number": "215/TB-UBND",
            "notice_date": "2025-07-18",
            "notice_file": SimpleUploadedFile("tb.pdf", b"%PDF-1.4 notice"),
            "conclusions": "Hoàn thiện điều lệ sau hợp nhất.\nKiện toàn chi hội.",
        },
    )
    conference = Conference.objects.get(notice_number="215/TB-UBND")
    assert response["Location"] == f"/tasks/conferences/{conference.pk}/"
    assert province.get(f"/tasks/conferences/{conference.pk}/notice/").status_code == 200
    new_task = f"/tasks/conferences/{conference.pk}/tasks/new/"
    bad = province.post(
        new_task, {"title": "Hoàn thiện điều lệ", "lead_association": cast.association_a.pk, "deadline": "2025-07-01"}
    )
    assert bad.context["form"].errors["deadline"] == [
        "Hạn xử lý (01/07/2025) không được trước ngày hội nghị (15/07/2025)."
    ]
    assert conference.tasks.count() == 0
    ok = province.post(
        new_task,
        {
            "conclusion": conference.conclusions.first().pk,
            "title": "Hoàn thiện điều lệ",
            "lead_association": cast.association_a.pk,
            "cooperating_departments": [tasks["home"].pk],
            "deadline": "2025-12-31",
            "period": period.pk,
        },
    )
    assert ok.status_code == 302
    task = conference.tasks.get()
    assert (str(task.lead), task.conclusion.number, list(task.cooperating_departments.all()), task.period) == (
        "Hội Chữ thập đỏ tỉnh Thái Nguyên",
        1,
        [tasks["home"]],
        period,
    )
    assert cast.client("officer_a").post(new_task, {"title": "x"}).status_code == 403


def test_the_task_list_of_a_conference_as_xlsx_and_docx(cast, tasks):
    province = cast.client("province_officer")
    url = f"/tasks/conferences/{tasks['conference'].pk}/"
    book = load_workbook(io.BytesIO(province.get(url + "?format=xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == (
        "STT",
        "Nhiệm vụ",
        "Kết luận",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời hạn",
        "Trạng thái",
        "Tiến độ (%)",
        "Kết quả",
    )
    assert rows[1][1:7] == (
        "Tuyên truyền pháp luật",
        None,
        "Sở Nội vụ",
        "Hội Người cao tuổi tỉnh Thái Nguyên",
        "31/12/2023",
        "Quá hạn",
    )
    doc = Document(io.BytesIO(province.get(url + "?format=docx").content))
    assert [c.text for c in doc.tables[1].rows[0].cells] == [
        "STT",
        "Nhiệm vụ",
        "Chủ trì",
        "Hạn",
        "Trạng thái",
        "Tiến độ (%)",
    ]
    assert len(doc.tables[1].rows) == 4
    body = [p.text for p in doc.paragraphs]
    assert any("có 3 nhiệm vụ được giao" in p and "2 quá hạn, 1 chưa triển khai" in p for p in body)


def test_the_api_lists_each_callers_tasks_with_their_status(cast, tasks):
    rows = cast.client("officer_b").get("/api/tasks").json()
    assert [(r["title"], r["lead"], r["status"]) for r in rows] == [("Tuyên truyền pháp luật", "Sở Nội vụ", "overdue")]
    assert [r["title"] for r in cast.client("leader").get("/api/tasks?status=not_started").json()] == [
        "Chăm lo đời sống hội viên"
    ]


def test_the_province_adds_a_body_once(cast, tasks):
    province = cast.client("province_officer")
    assert province.post("/tasks/bodies/", {"name": "Sở  Y tế"}).status_code == 302
    again = province.post("/tasks/bodies/", {"name": "sở y tế"})
    assert again.context["form"].errors["name"] == ["“sở y tế” đã có trong danh sách."]
    second = province.post("/tasks/bodies/", {"name": "Sở Nội vụ (2)", "is_home_affairs": "on"})
    assert second.context["form"].errors["is_home_affairs"] == ["Sở Nội vụ đã có trong danh sách."]
    assert [d.name for d in Department.objects.order_by("name")] == ["Sở Nội vụ", "Sở Y tế"]
    assert cast.client("officer_a").post("/tasks/bodies/", {"name": "X"}).status_code == 403
