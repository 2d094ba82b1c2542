"""A conference's tasks as .xlsx, and as a summary report in the Decree 30/2020 format (.docx)."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sohoi.conferences.selectors import Row, overview
from sohoi.conferences.status import TaskStatus
from sohoi.core import xlsx
from sohoi.core.docx import Letterhead, administrative_document

HEADER = [
    gettext_lazy("No."),
    gettext_lazy("Task"),
    gettext_lazy("Conclusion"),
    gettext_lazy("Lead unit"),
    gettext_lazy("Cooperating units"),
    gettext_lazy("Deadline"),
    gettext_lazy("Status"),
    gettext_lazy("Progress (%)"),
    pgettext_lazy("task", "Result"),
]


def _cooperating(task) -> str:
    names = [d.name for d in task.cooperating_departments.all()] + [a.name for a in task.cooperating_associations.all()]
    return "; ".join(names)


def _deadline(task) -> str:
    if task.deadline:
        return task.deadline.strftime("%d/%m/%Y")
    return _("Regular (%(rhythm)s)") % {"rhythm": task.get_rhythm_display().lower()}


def _rows(rows: list[Row]) -> list[list]:
    return [
        [
            n,
            r.task.title,
            r.task.conclusion.number if r.task.conclusion else "",
            str(r.task.lead),
            _cooperating(r.task),
            _deadline(r.task),
            TaskStatus(r.status).label,
            r.task.percent,
            r.task.result,
        ]
        for n, r in enumerate(rows, start=1)
    ]


def tasks_xlsx(conference, rows: list[Row]) -> bytes:
    return xlsx.table(f"Nhiem vu {conference.held_on:%d-%m-%Y}", [str(h) for h in HEADER], _rows(rows))


def tasks_docx(conference, rows: list[Row], today: dt.date) -> bytes:
    o = overview(rows)
    counts = {status: n for status, _label, n in o.by_status}
    notice = f" (Thông báo số {conference.notice_number})" if conference.notice_number else ""
    narrative = [
        f"Tại {conference.title.lower()} ngày {conference.held_on:%d/%m/%Y} do {conference.chair} chủ trì{notice}, "
        f"có {o.total} nhiệm vụ được giao. Đến ngày {today:%d/%m/%Y}: {counts['done_on_time']} nhiệm vụ hoàn thành "
        f"đúng hạn, {counts['done_late']} hoàn thành quá hạn, {counts['in_progress']} đang thực hiện trong hạn, "
        f"{counts['overdue']} quá hạn, {counts['not_started']} chưa triển khai.",
    ]
    body = [[r[0], r[1], r[3], r[5], r[6], r[7]] for r in _rows(rows)]
    return administrative_document(
        title=f"THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO TẠI {conference.title.upper()}",
        subtitle=f"Ngày {conference.held_on:%d/%m/%Y}",
        narrative=narrative,
        table_header=["STT", "Nhiệm vụ", "Chủ trì", "Hạn", "Trạng thái", "Tiến độ (%)"],
        table_rows=body,
        day=today,
        head=Letterhead(recipients=("UBND tỉnh (b/c);", "Các đơn vị được giao nhiệm vụ;", "Lưu: VT, TCBC.")),
        sections=[
            ("Kết quả các nhiệm vụ đã hoàn thành", [f"{r.task.title}: {r.task.result}" for r in rows if r.task.result])
        ],
    )
