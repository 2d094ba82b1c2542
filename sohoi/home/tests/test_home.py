"""Each role lands on its own work: an association officer on its reports (a returned one with the
comment), the tasks it leads (overdue first), its deadlines and its last import; a province officer
on the work queue; a leader on the province at a glance."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sohoi.conferences import services as tasks
from sohoi.reporting import services as reporting
from sohoi.reporting.tests.test_reports import GOOD, make_regime

pytestmark = pytest.mark.django_db


def _period(today):
    """The monthly period whose data are being gathered today."""
    from sohoi.reporting.models import PeriodType

    regime = make_regime(PeriodType.MONTH)
    periods = reporting.periods_generate(regime=regime, year=today.year, by=None)
    periods += reporting.periods_generate(regime=regime, year=today.year + 1, by=None)
    return next(p for p in periods if p.starts_on <= today <= p.ends_on)


def _conference(cast):
    return tasks.conference_create(
        data=tasks.ConferenceData(held_on=dt.date(2026, 1, 10), title="Hội nghị đầu năm", chair="Phó Chủ tịch"),
        by=cast.province_officer,
    )


def _task(cast, conference, title, deadline, lead=None):
    data = tasks.TaskData(title=title, lead_association=lead or cast.association_a, deadline=deadline)
    return tasks.task_create(conference=conference, data=data, by=cast.province_officer)


def test_an_association_officer_finds_the_returned_report_with_its_comment_and_overdue_tasks_first(cast):
    today = timezone.localdate()
    period = _period(today)
    report = reporting.report_open(period=period, association=cast.association_a, by=cast.officer_a)
    report = reporting.report_submit(report=report, values=GOOD, revision=report.revision, by=cast.officer_a)
    reporting.report_return(report=report, comment="Thiếu số hội viên nữ.", by=cast.province_officer)
    conference = _conference(cast)
    later = _task(cast, conference, "Tổng kết năm", today + dt.timedelta(days=40))
    overdue = _task(cast, conference, "Báo cáo quý", dt.date(2026, 3, 31))
    _task(cast, conference, "Việc của hội khác", dt.date(2026, 2, 1), lead=cast.association_b)

    page = cast.client("officer_a").get("/")
    home = page.context["home"]
    assert page.templates[0].name == "home/association_officer.html"
    first = home.reports[0]
    assert (first.period, first.association, first.state, first.report.return_comment) == (
        period,
        cast.association_a,
        "returned",
        "Thiếu số hội viên nữ.",
    )
    assert {r.association for r in home.reports} == {cast.association_a}  # the other periods: not started
    assert [r.task.pk for r in home.tasks] == [overdue.pk, later.pk]
    text = page.content.decode()
    assert "Bị trả lại với ý kiến: Thiếu số hội viên nữ." in text
    assert "Việc của hội khác" not in text
    assert home.last_import is None and "Chưa nhập danh sách hội viên nào." in text


def test_a_province_officer_lands_on_the_work_queue(cast):
    today = timezone.localdate()
    period = _period(today)
    report = reporting.report_open(period=period, association=cast.association_b, by=cast.officer_b)
    reporting.report_submit(report=report, values=GOOD, revision=report.revision, by=cast.officer_b)
    conference = _conference(cast)
    done = _task(cast, conference, "Rà soát hội viên", dt.date(2027, 6, 30))
    tasks.task_report_done(task=done, result="Đã rà soát.", done_on=today, by=cast.officer_a)
    longer = _task(cast, conference, "Vận động quỹ", dt.date(2027, 3, 31))
    tasks.task_extension_ask(task=longer, new_deadline=dt.date(2027, 9, 30), reason="Mùa vụ.", by=cast.officer_a)

    page = cast.client("province_officer").get("/")
    home = page.context["home"]
    assert page.templates[0].name == "home/province_officer.html"
    assert ([r.pk for r in home.to_review], home.to_review_count) == ([report.pk], 1)
    assert [t.pk for t in home.to_confirm] == [done.pk]
    assert [t.pk for t in home.extensions] == [longer.pk]
    assert (home.pairs, home.conflicts, home.proposals) == (0, 0, [])
    assert "Việc cần xử lý" in page.content.decode()


def test_a_leader_sees_the_province_at_a_glance(cast):
    today = timezone.localdate()
    period = _period(today)
    report = reporting.report_open(period=period, association=cast.association_a, by=cast.officer_a)
    reporting.report_submit(report=report, values=GOOD, revision=report.revision, by=cast.officer_a)
    _task(cast, _conference(cast), "Báo cáo quý", dt.date(2026, 3, 31))
    page = cast.client("leader").get("/")
    home = page.context["home"]
    assert (home.live, home.memberships, home.proposals) == (2, 0, 0)
    assert home.associations == {"Đang hoạt động": 2}
    shown = dict(home.periods)
    assert (shown[period].expected, shown[period].submitted) == (2, 1)
    assert home.tasks == {"Quá hạn": 1}
    assert "1 / 2 đã nộp, 0 đã duyệt" in page.content.decode()


def test_anonymous_visitors_go_to_the_directory(cast):
    assert cast.client("anonymous").get("/")["Location"] == "/directory/"


@pytest.mark.parametrize("who", ["officer_a", "province_officer", "leader"])
def test_each_home_runs_the_same_queries_for_one_task_and_report_as_for_many(cast, who):
    today = timezone.localdate()
    period = _period(today)
    conference = _conference(cast)
    _task(cast, conference, "Một", today + dt.timedelta(days=10))
    client = cast.client(who)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(8):
        task = _task(cast, conference, f"Nhiệm vụ {n}", today + dt.timedelta(days=20 + n))
        tasks.task_report_done(task=task, result="Xong.", done_on=today, by=cast.officer_a)
    report = reporting.report_open(period=period, association=cast.association_a, by=cast.officer_a)
    reporting.report_submit(report=report, values=GOOD, revision=report.revision, by=cast.officer_a)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)
