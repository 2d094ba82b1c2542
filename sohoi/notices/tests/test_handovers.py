"""Every hand-over tells the people on the other side: a notice in the app, linked to the object, and
an e-mail as each user chose for its kind (at once, in one e-mail a day, or not at all); never to the
person who did it. Read notices are archived, never lost."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sohoi.conferences import services as tasks
from sohoi.notices.models import Delivery, Notice, NoticeKind, NoticePreference
from sohoi.notices.services import digests_send, notices_archive, notices_send
from sohoi.registry.services import deadline_notices_send
from sohoi.reporting import services as reporting
from sohoi.reporting.tests.test_reports import GOOD, make_regime

pytestmark = pytest.mark.django_db


def _notices(kind=None):
    qs = Notice.objects.order_by("user__username", "pk")
    if kind:
        qs = qs.filter(kind=kind)
    return [(n.user.username, n.text) for n in qs]


@pytest.fixture
def with_email(cast):
    for user in (cast.province_officer, cast.officer_a, cast.officer_b, cast.leader):
        user.email = f"{user.username}@example.vn"
        user.save()
    return cast


def _submitted_report(cast):
    [period] = reporting.periods_generate(regime=make_regime(), year=2026, by=None)
    report = reporting.report_open(period=period, association=cast.association_a, by=cast.officer_a)
    report = reporting.report_submit(report=report, values=GOOD, revision=report.revision, by=cast.officer_a)
    return period, report


def test_a_returned_report_tells_the_association_s_officers_with_the_comment(
    with_email, django_capture_on_commit_callbacks
):
    cast = with_email
    period, report = _submitted_report(cast)
    assert _notices(NoticeKind.REPORT_SUBMITTED) == [
        (
            "sonoivu",
            "Hội Chữ thập đỏ tỉnh Thái Nguyên đã gửi báo cáo “Báo cáo 6 tháng các hội được giao biên chế 2026”: "
            "hãy xem xét.",
        )
    ]
    with django_capture_on_commit_callbacks(execute=True):
        reporting.report_return(report=report, comment="Thiếu số hội viên nữ.", by=cast.province_officer)
    assert _notices(NoticeKind.REPORT_RETURNED) == [
        (
            "hoi.a",
            "Báo cáo “Báo cáo 6 tháng các hội được giao biên chế 2026” của Hội Chữ thập đỏ tỉnh Thái Nguyên "
            "bị trả lại để sửa: Thiếu số hội viên nữ.",
        )
    ]
    notice = Notice.objects.get(kind=NoticeKind.REPORT_RETURNED)
    assert (notice.kind, notice.url) == (
        NoticeKind.REPORT_RETURNED,
        f"/reports/periods/{period.pk}/{cast.association_a.pk}/",
    )
    [message] = mail.outbox
    assert (message.to, message.body.splitlines()[-1]) == (
        ["hoi.a@example.vn"],
        f"http://127.0.0.1:8000/reports/periods/{period.pk}/{cast.association_a.pk}/",
    )

    report = reporting.report_submit(report=report, values=GOOD, revision=report.revision + 1, by=cast.officer_a)
    reporting.report_accept(report=report, by=cast.province_officer)
    assert _notices(NoticeKind.REPORT_ACCEPTED) == [
        (
            "hoi.a",
            "Báo cáo “Báo cáo 6 tháng các hội được giao biên chế 2026” của Hội Chữ thập đỏ tỉnh Thái Nguyên đã được duyệt.",
        )
    ]


def _task(cast, **extra):
    conference = tasks.conference_create(
        data=tasks.ConferenceData(held_on=dt.date(2026, 7, 4), title="Hội nghị 6 tháng", chair="Phó Chủ tịch"),
        by=cast.province_officer,
    )
    data = tasks.TaskData(
        title="Vận động hội viên", lead_association=cast.association_a, deadline=dt.date(2027, 6, 30), **extra
    )
    return tasks.task_create(conference=conference, data=data, by=cast.province_officer)


def test_every_step_of_a_task_tells_the_other_side(cast):
    task = _task(cast, cooperating_associations=[cast.association_b])
    assigned = (
        "Nhiệm vụ mới từ “Hội nghị 6 tháng” giao Hội Chữ thập đỏ tỉnh Thái Nguyên: “Vận động hội viên”, hạn 30/06/2027."
    )
    assert _notices(NoticeKind.TASK_ASSIGNED) == [("hoi.a", assigned), ("hoi.b", assigned)]
    assert Notice.objects.filter(kind=NoticeKind.TASK_ASSIGNED).first().url == f"/tasks/{task.pk}/"

    tasks.task_progress(task=task, text="Đã họp chi hội.", percent=20, by=cast.officer_a)  # the lead itself
    assert _notices(NoticeKind.TASK_PROGRESS) == []
    cast.officer_b.first_name, cast.officer_b.last_name = "Hoa", "Nông Thị"
    tasks.task_progress(task=task, text="Đã vận động 30 hội viên.", percent=40, by=cast.officer_b)
    assert _notices(NoticeKind.TASK_PROGRESS) == [
        ("hoi.a", "Tiến độ “Vận động hội viên” (40%) do Nông Thị Hoa báo cáo: Đã vận động 30 hội viên.")
    ]

    tasks.task_extension_ask(task=task, new_deadline=dt.date(2027, 9, 30), reason="Mùa vụ.", by=cast.officer_a)
    assert _notices(NoticeKind.EXTENSION_ASKED) == [
        (
            "sonoivu",
            "Hội Chữ thập đỏ tỉnh Thái Nguyên đề nghị gia hạn “Vận động hội viên” từ 30/06/2027 đến 30/09/2027: Mùa vụ.",
        )
    ]
    tasks.task_extension_decide(task=task, grant=False, comment="Giữ hạn cũ.", by=cast.province_officer)
    tasks.task_extension_ask(task=task, new_deadline=dt.date(2027, 8, 31), reason="Mùa vụ.", by=cast.officer_a)
    tasks.task_extension_decide(task=task, grant=True, comment="", by=cast.province_officer)
    assert _notices(NoticeKind.EXTENSION_DECIDED) == [
        ("hoi.a", "Không đồng ý gia hạn “Vận động hội viên” đến 30/09/2027. Giữ hạn cũ."),
        ("hoi.a", "Đã đồng ý gia hạn “Vận động hội viên” đến 31/08/2027."),
    ]

    today = timezone.localdate()
    tasks.task_report_done(task=task, result="Đạt 100 hội viên.", done_on=today, by=cast.officer_a)
    assert _notices(NoticeKind.TASK_DONE) == [
        (
            "sonoivu",
            f"Hội Chữ thập đỏ tỉnh Thái Nguyên báo cáo đã hoàn thành “Vận động hội viên” ngày {today:%d/%m/%Y}: "
            "hãy xác nhận hoặc trả lại.",
        )
    ]
    tasks.task_confirm(task=task, accept=False, comment="Thiếu danh sách.", by=cast.province_officer)
    tasks.task_report_done(task=task, result="Đạt 100 hội viên, kèm danh sách.", done_on=today, by=cast.officer_a)
    tasks.task_confirm(task=task, accept=True, comment="", by=cast.province_officer)
    assert _notices(NoticeKind.TASK_CONFIRMED) == [
        ("hoi.a", "“Vận động hội viên” bị trả lại: Thiếu danh sách."),
        ("hoi.a", "Đã xác nhận hoàn thành “Vận động hội viên”."),
    ]
    assert not Notice.objects.filter(user=cast.leader).exists()


def test_legal_deadlines_reach_the_association_s_own_officers_once(cast):
    today = dt.date(2026, 12, 5)
    assert deadline_notices_send(today=today) == 2  # the annual report of each, due 30/12 (25 days)
    assert _notices(NoticeKind.DEADLINE) == [
        (
            "hoi.a",
            "Hạn báo cáo năm (trước ngày 31/12) của Hội Chữ thập đỏ tỉnh Thái Nguyên: 30/12/2026 "
            "(NĐ 126/2024/NĐ-CP Điều 24 k12).",
        ),
        (
            "hoi.b",
            "Hạn báo cáo năm (trước ngày 31/12) của Hội Người cao tuổi tỉnh Thái Nguyên: 30/12/2026 "
            "(NĐ 126/2024/NĐ-CP Điều 24 k12).",
        ),
    ]
    assert deadline_notices_send(today=today + dt.timedelta(days=1)) == 0
    assert deadline_notices_send(today=dt.date(2026, 11, 1)) == 0  # 60 days away: not yet


def test_proposals_submitted_and_approved_tell_the_province_the_leaders_and_the_associations(cast):
    from sohoi.mergers.tests.scenario import build, consolidation

    s = build(cast)
    consolidation(cast, s)
    submitted = "Đề án “Đề án hợp nhất hai hội” đã được trình."
    approved = "Đề án “Đề án hợp nhất hai hội” đã được phê duyệt theo quyết định 345/QĐ-UBND."
    assert _notices(NoticeKind.PROPOSAL_SUBMITTED) == [
        ("hoi.a", submitted),
        ("hoi.b", submitted),
        ("lanhdao", submitted),
    ]
    assert _notices(NoticeKind.PROPOSAL_APPROVED) == [("hoi.a", approved), ("hoi.b", approved), ("lanhdao", approved)]


def test_each_user_chooses_how_they_hear_of_each_kind(with_email, django_capture_on_commit_callbacks):
    cast = with_email
    client = cast.client("officer_a")
    page = client.get("/notices/settings/")
    assert page.context["form"]["report_returned"].value() == Delivery.EMAIL
    client.post(
        "/notices/settings/",
        dict.fromkeys(NoticeKind.values, Delivery.EMAIL) | {"report_returned": "app", "task_assigned": "digest"},
    )
    assert dict(NoticePreference.objects.filter(user=cast.officer_a).values_list("kind", "delivery"))[
        "task_assigned"
    ] == ("digest")
    with django_capture_on_commit_callbacks(execute=True):
        _period, report = _submitted_report(cast)
        reporting.report_return(report=report, comment="Sửa lại.", by=cast.province_officer)
        _task(cast, cooperating_associations=[cast.association_b])
    # hoi.a: the returned report in the app only, the task in the day's e-mail; sonoivu: the submission
    assert [m.to for m in mail.outbox] == [["sonoivu@example.vn"], ["hoi.b@example.vn"]]
    assert Notice.objects.filter(user=cast.officer_a).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 1
    digest = mail.outbox[-1]
    assert (digest.to, digest.subject) == (["hoi.a@example.vn"], "Sổ Hội: 1 thông báo trong ngày")
    assert "Vận động hội viên" in digest.body and "Sửa lại." not in digest.body
    assert digests_send() == 0  # sent once


def test_a_notice_opens_its_object_marked_read_and_old_read_ones_are_archived(cast):
    notices_send(users=[cast.officer_a], text="Xem báo cáo", url="/reports/", kind=NoticeKind.OTHER)
    notice = Notice.objects.get()
    client = cast.client("officer_a")
    assert '<mark class="badge">1</mark>' in client.get("/notices/").content.decode()
    assert client.get(f"/notices/{notice.pk}/")["Location"] == "/reports/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert cast.client("officer_b").get(f"/notices/{notice.pk}/").status_code == 404
    evil = Notice.objects.create(user=cast.officer_a, text="x", url="https://evil.example/")
    assert client.get(f"/notices/{evil.pk}/")["Location"] == "/notices/"

    Notice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - dt.timedelta(days=91))
    assert notices_archive() == 1
    assert [n.pk for n in client.get("/notices/").context["page"]] == [evil.pk]
    assert [n.pk for n in client.get("/notices/", {"archived": "1"}).context["page"]] == [notice.pk]


def test_the_notice_list_runs_the_same_queries_for_1_and_30_notices(cast):
    client = cast.client("officer_a")
    notices_send(users=[cast.officer_a], text="Một")
    client.get("/notices/")
    with CaptureQueriesContext(connection) as one:
        client.get("/notices/")
    for n in range(29):
        notices_send(users=[cast.officer_a], text=f"Thông báo {n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/notices/")
    assert len(one) == len(many)


def test_the_officer_who_uploaded_a_list_hears_when_it_is_checked_and_when_it_is_imported(
    cast, django_capture_on_commit_callbacks
):
    from sohoi.members.tests.test_import import GOOD as ROW
    from sohoi.members.tests.test_import import upload, workbook

    job = upload(
        cast,
        workbook([ROW, [2, "", "1960", "Nữ", "", "Tày", "01840", "01/06/2020"]]),
        capture=django_capture_on_commit_callbacks,
    )
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    assert _notices(NoticeKind.IMPORT_FINISHED) == [
        ("hoi.a", "Đã kiểm tra “danh-sach.xlsx” (Hội Chữ thập đỏ tỉnh Thái Nguyên): 1 dòng nhập được, 1 dòng có lỗi."),
        ("hoi.a", "Đã nhập 1 hội viên từ “danh-sach.xlsx” vào Hội Chữ thập đỏ tỉnh Thái Nguyên."),
    ]
    assert Notice.objects.filter(kind=NoticeKind.IMPORT_FINISHED).first().url == (
        f"/associations/{cast.association_a.pk}/members/import/{job.pk}/"
    )


def test_a_cccd_given_for_someone_else_tells_the_province_officers(cast):
    from sohoi.core.errors import ApplicationError
    from sohoi.members.services import PersonData, membership_create

    membership_create(
        association=cast.association_b,
        joined_on=dt.date(2020, 1, 1),
        by=None,
        person_data=PersonData(full_name="Nông Thị Hoa", cccd="006160004321", sex="F", birth_year=1960),
    )
    with pytest.raises(ApplicationError):
        membership_create(
            association=cast.association_a,
            joined_on=dt.date(2021, 1, 1),
            by=cast.officer_a,
            person_data=PersonData(full_name="Người Khác", cccd="006160004321", sex="F", birth_year=1960),
        )
    assert _notices(NoticeKind.IDENTITY_CONFLICT) == [
        ("sonoivu", "1 số CCCD do Hội Chữ thập đỏ tỉnh Thái Nguyên khai đã đăng ký cho người khác: hãy kiểm tra.")
    ]
    assert Notice.objects.get(kind=NoticeKind.IDENTITY_CONFLICT).url == "/members/conflicts/"
