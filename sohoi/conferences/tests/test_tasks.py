import datetime as dt

import pytest
from django.utils import timezone

from sohoi.conferences import services
from sohoi.conferences.models import Department, Task, TaskUpdate
from sohoi.conferences.status import TaskStatus, task_status
from sohoi.core.errors import ApplicationError

pytestmark = pytest.mark.django_db

HELD = dt.date(2023, 7, 4)


@pytest.fixture
def home_affairs():
    return Department.objects.create(name="Sở Nội vụ", is_home_affairs=True)


@pytest.fixture
def conference(cast, home_affairs):
    return services.conference_create(
        data=services.ConferenceData(
            held_on=HELD,
            title="Hội nghị đánh giá kết quả hoạt động 6 tháng đầu năm 2023 của các hội",
            chair="Phạm Duy Hưng, Phó Chủ tịch UBND tỉnh",
            departments=[home_affairs],
            associations=[cast.association_a, cast.association_b],
            conclusions=["Rà soát các hội có chức năng tương đồng.", "", "Chăm lo đời sống hội viên."],
        ),
        by=cast.province_officer,
    )


def assign(conference, *, deadline=dt.date(2023, 9, 30), **kwargs) -> Task:
    data = {"title": "Tham mưu quy định độ tuổi tham gia hội", "deadline": deadline, **kwargs}
    if "lead_association" not in data:
        data.setdefault("lead_department", Department.objects.get(is_home_affairs=True))
    return services.task_create(conference=conference, data=services.TaskData(**data), by=None)


def done(task, day, by=None):
    task.conference.held_on = HELD
    task = services.task_report_done(task=task, result="Đã trình UBND tỉnh.", done_on=day, by=by)
    return services.task_confirm(task=task, accept=True, comment="", by=by)


def test_conclusions_are_numbered_without_the_blank_lines(conference):
    assert [(c.number, c.text) for c in conference.conclusions.all()] == [
        (1, "Rà soát các hội có chức năng tương đồng."),
        (2, "Chăm lo đời sống hội viên."),
    ]


def test_not_started_then_in_progress_then_overdue(conference):
    task = assign(conference)
    assert task_status(task, dt.date(2023, 7, 10)) == TaskStatus.NOT_STARTED
    task = services.task_progress(task=task, text="Đã dự thảo tờ trình.", percent=40, by=None)
    assert task_status(task, dt.date(2023, 9, 30)) == TaskStatus.IN_PROGRESS  # the deadline day is within it
    assert task_status(task, dt.date(2023, 10, 1)) == TaskStatus.OVERDUE


def test_done_on_the_deadline_is_on_time_and_a_day_after_is_late(conference):
    on_time = done(assign(conference), dt.date(2023, 9, 30))
    late = done(assign(conference), dt.date(2023, 10, 1))
    assert task_status(on_time, dt.date(2026, 11, 24)) == TaskStatus.DONE_ON_TIME
    assert task_status(late, dt.date(2026, 11, 24)) == TaskStatus.DONE_LATE


def test_reported_done_but_not_confirmed_is_not_done_yet(conference):
    task = services.task_report_done(task=assign(conference), result="Xong.", done_on=dt.date(2023, 9, 1), by=None)
    assert task_status(task, dt.date(2023, 9, 2)) == TaskStatus.IN_PROGRESS
    assert task_status(task, dt.date(2023, 10, 2)) == TaskStatus.OVERDUE
    task = services.task_confirm(task=task, accept=True, comment="", by=None)
    assert task_status(task, dt.date(2023, 10, 2)) == TaskStatus.DONE_ON_TIME


def test_an_extension_moves_the_deadline_and_the_status_with_it(conference, cast):
    task = assign(conference)
    task = services.task_progress(task=task, text="Đang lấy ý kiến.", percent=60, by=None)
    assert task_status(task, dt.date(2023, 10, 15)) == TaskStatus.OVERDUE
    task = services.task_extension_ask(
        task=task, new_deadline=dt.date(2023, 10, 31), reason="Chờ ý kiến Sở Tư pháp.", by=None
    )
    assert task.deadline == dt.date(2023, 9, 30)  # asked, not yet granted
    task = services.task_extension_decide(task=task, grant=True, comment="Đồng ý.", by=cast.province_officer)
    assert (task.deadline, task.original_deadline, task.requested_deadline) == (
        dt.date(2023, 10, 31),
        dt.date(2023, 9, 30),
        None,
    )
    assert task_status(task, dt.date(2023, 10, 15)) == TaskStatus.IN_PROGRESS
    task = done(task, dt.date(2023, 10, 20))
    assert task_status(task, dt.date(2026, 1, 1)) == TaskStatus.DONE_ON_TIME
    assert list(task.updates.values_list("kind", flat=True)) == [
        "created",
        "progress",
        "extension_asked",
        "extension_granted",
        "done",
        "confirmed",
    ]


def test_a_refused_extension_keeps_the_deadline(conference):
    task = assign(conference)
    task = services.task_extension_ask(task=task, new_deadline=dt.date(2023, 12, 31), reason="Thiếu người.", by=None)
    task = services.task_extension_decide(task=task, grant=False, comment="Không đồng ý.", by=None)
    assert (task.deadline, task.requested_deadline) == (dt.date(2023, 9, 30), None)


def test_a_regular_task_is_never_overdue(conference, cast):
    task = assign(conference, deadline=None, rhythm="half_year", lead_association=cast.association_a)
    task = services.task_progress(task=task, text="Thăm hỏi 120 hội viên ốm đau.", percent=50, by=None)
    assert task_status(task, dt.date(2030, 1, 1)) == TaskStatus.IN_PROGRESS


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"deadline": dt.date(2023, 7, 3)}, "Hạn xử lý (03/07/2023) không được trước ngày hội nghị (04/07/2023)."),
        ({"deadline": None}, "Hãy cho hạn xử lý, hoặc chu kỳ báo cáo nếu là nhiệm vụ thường xuyên."),
    ],
)
def test_bad_tasks_are_refused_in_vietnamese_and_write_nothing(conference, kwargs, message):
    with pytest.raises(ApplicationError) as error:
        assign(conference, **kwargs)
    assert error.value.messages == [message]
    assert (Task.objects.count(), TaskUpdate.objects.count()) == (0, 0)


def test_progress_over_100_and_updates_on_a_confirmed_task_are_refused(conference):
    task = assign(conference)
    with pytest.raises(ApplicationError) as error:
        services.task_progress(task=task, text="Xong hơn cả xong.", percent=120, by=None)
    assert error.value.messages == ["Tiến độ là tỷ lệ phần trăm từ 0 đến 100, không phải 120."]
    task = done(task, dt.date(2023, 9, 1))
    with pytest.raises(ApplicationError) as error:
        services.task_progress(task=task, text="Bổ sung.", percent=100, by=None)
    assert error.value.messages == ["Nhiệm vụ đã được xác nhận hoàn thành: không nhận thêm cập nhật."]
    task.refresh_from_db()
    assert (task.percent, task.updates.count()) == (100, 3)


def test_a_notice_dated_before_the_conference_is_refused(cast):
    with pytest.raises(ApplicationError) as error:
        services.conference_create(
            data=services.ConferenceData(
                held_on=HELD, title="Hội nghị", chair="Chủ tịch", notice_date=dt.date(2023, 7, 1)
            ),
            by=None,
        )
    assert error.value.messages == ["Thông báo kết luận (01/07/2023) không thể đề ngày trước hội nghị (04/07/2023)."]


def test_reminders_a_week_before_the_deadline_and_once_it_has_passed(conference, cast):
    soon = assign(conference, title="Gửi cán bộ đi đào tạo", deadline=dt.date(2023, 9, 30))
    overdue = assign(
        conference, title="Hoàn thiện báo cáo", deadline=dt.date(2023, 7, 14), lead_association=cast.association_a
    )
    later = assign(conference, title="Đề xuất luân chuyển", deadline=dt.date(2024, 3, 31))
    finished = assign(conference, title="Rà soát hội", deadline=dt.date(2023, 9, 25))
    services.task_report_done(task=finished, result="Đã rà soát.", done_on=dt.date(2023, 9, 20), by=None)
    due = services.reminders_due(dt.date(2023, 9, 23), days_before=7)
    assert [(t.title, kind) for t, kind in due] == [
        ("Hoàn thiện báo cáo", "overdue"),
        ("Gửi cán bộ đi đào tạo", "soon"),
    ]
    assert services.reminders_due(dt.date(2023, 9, 22), days_before=7) == [(overdue, "overdue")]
    assert later not in [t for t, _kind in due] and soon in [t for t, _kind in due]

    from sohoi.notices.models import Notice

    assert services.task_reminders_send(today=dt.date(2023, 9, 23), days_before=7) == 2
    assert sorted(Notice.objects.filter(kind="task_reminder").values_list("user__username", "text")) == [
        ("hoi.a", "Nhiệm vụ “Hoàn thiện báo cáo” (Hội Chữ thập đỏ tỉnh Thái Nguyên) đã quá hạn: hạn là 14/07/2023."),
        ("sonoivu", "Nhiệm vụ “Gửi cán bộ đi đào tạo” (Sở Nội vụ) đến hạn ngày 30/09/2023."),
    ]
    assert services.task_reminders_send(today=dt.date(2023, 9, 24), days_before=7) == 0  # each reminder once


def test_done_on_must_lie_between_the_conference_and_today(conference):
    task = assign(conference)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for day in (dt.date(2023, 7, 3), tomorrow):
        with pytest.raises(ApplicationError):
            services.task_report_done(task=task, result="Xong.", done_on=day, by=None)
    assert Task.objects.get().done_on is None
