"""Every page and API endpoint, for every member of the cast, with the exact answer."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import ROLES
from sohoi.activities.models import Activity
from sohoi.conferences.services import ConferenceData, TaskData, conference_create, task_create
from sohoi.core.models import CalendarDay
from sohoi.identity.models import CandidatePair, PersonMerge
from sohoi.members import services as membership_services
from sohoi.members.models import IdentityConflict, MemberImport
from sohoi.members.tests.test_import import HEADER, workbook
from sohoi.mergers.services import document_add, proposal_create
from sohoi.notices.models import Notice
from sohoi.people.services import person_create
from sohoi.registry import services
from sohoi.registry.models import EventKind
from sohoi.reporting.services import periods_generate, report_open
from sohoi.reporting.tests.test_reports import make_regime
from sohoi.staffing.models import LeaderAgeRule
from sohoi.staffing.services import course_create, staff_add, transfer_propose
from tests.factories import active_association, commune, decision

IMPORT_FILE = workbook([[1, "Xã Lạ", "1960", "Nam", "", "Kinh", "99999", "01/01/2021"]], header=HEADER)

# Answers in the order of ROLES: province_officer, officer_a, officer_b, leader, anonymous.
# 302 for the anonymous visitor is a redirect to the login page.
ALL = (200, 200, 200, 200, 200)
LOGGED_IN = (200, 200, 200, 200, 302)
PROVINCE_ONLY = (200, 403, 403, 403, 302)
READ_A = (200, 200, 404, 200, 302)
WRITE_A_PROVINCE = (200, 403, 404, 403, 302)
WRITE_A_BOTH = (200, 200, 404, 403, 302)
API_LOGGED_IN = (200, 200, 200, 200, 401)
API_READ_A = (200, 200, 404, 200, 401)

MATRIX = [
    ("/", (200, 200, 200, 200, 302)),
    ("/dashboard/", LOGGED_IN),
    ("/associations/", LOGGED_IN),
    ("/associations/?q=chu+thap+do", LOGGED_IN),
    ("/associations/new/", PROVINCE_ONLY),
    ("/associations/{a}/", READ_A),
    ("/associations/{a}/tab/history/", READ_A),
    ("/associations/{a}/tab/leadership/", READ_A),
    ("/associations/{a}/tab/branches/", READ_A),
    ("/associations/{a}/tab/deadlines/", READ_A),
    ("/associations/{a}/edit/", WRITE_A_BOTH),
    ("/associations/{a}/events/new/", WRITE_A_PROVINCE),
    ("/associations/{a}/events/new/?kind=term_congress", WRITE_A_PROVINCE),
    ("/associations/{a}/branches/new/", WRITE_A_BOTH),
    ("/associations/{a}/branches/{branch}/edit/", WRITE_A_BOTH),
    ("/associations/{a}/decisions/{decision}/file/", READ_A),
    ("/associations/{a}/members/", READ_A),
    ("/associations/{a}/members/?q=ma+van&status=active", READ_A),
    ("/associations/{a}/members/new/", WRITE_A_BOTH),
    ("/associations/{a}/members/{membership}/end/", WRITE_A_BOTH),
    ("/associations/{a}/members/violations/", READ_A),
    ("/associations/{a}/members/figures/", READ_A),
    ("/associations/{a}/activities/", READ_A),
    ("/associations/{a}/activities/?kind=charity&start=2026-01-01", READ_A),
    ("/associations/{a}/activities/?format=xlsx", READ_A),
    ("/associations/{a}/activities/new/", WRITE_A_BOTH),
    ("/associations/{a}/activities/{activity}/", WRITE_A_BOTH),
    ("/people/{person}/", READ_A),
    ("/associations/{a}/members/export.xlsx", READ_A),
    ("/associations/{a}/members/rule/", WRITE_A_PROVINCE),
    ("/associations/{a}/members/import/", WRITE_A_BOTH),
    ("/associations/{a}/members/import/template.xlsx", WRITE_A_BOTH),
    ("/associations/{a}/members/import/{job}/", WRITE_A_BOTH),
    ("/associations/{a}/members/import/{job}/rejected.xlsx", WRITE_A_BOTH),
    ("/members/figures/", (200, 403, 403, 200, 302)),
    ("/members/conflicts/", PROVINCE_ONLY),
    ("/people/{person}/edit/", (200, 200, 404, 403, 302)),
    ("/persons/review/", (200, 200, 200, 403, 302)),
    ("/persons/review/?decision=rejected", (200, 200, 200, 403, 302)),
    ("/persons/review/{pair}/", (200, 200, 404, 403, 302)),
    ("/persons/matching/", PROVINCE_ONLY),
    ("/persons/merges/", PROVINCE_ONLY),
    ("/mergers/overlap/", (200, 403, 403, 200, 302)),
    ("/mergers/overlap.xlsx", (200, 403, 403, 200, 302)),
    ("/mergers/proposals/", LOGGED_IN),
    ("/mergers/proposals/new/", PROVINCE_ONLY),
    ("/mergers/proposals/{proposal}/", READ_A),
    ("/mergers/proposals/{proposal}/annex.docx", READ_A),
    ("/mergers/proposals/{proposal}/run/", READ_A),
    ("/mergers/proposals/{proposal}/documents/{document}/", READ_A),
    ("/mergers/proposals/{proposal}/edit/", WRITE_A_PROVINCE),
    ("/mergers/province/", (200, 403, 403, 200, 302)),
    ("/mergers/province/run/", (200, 403, 403, 200, 302)),
    ("/associations/{a}/lineage/", READ_A),
    ("/members/conflicts/?show=resolved", PROVINCE_ONLY),
    ("/reports/", LOGGED_IN),
    ("/reports/periods/{period}/", (200, 403, 403, 200, 302)),
    ("/reports/periods/{period}/{a}/", READ_A),
    ("/reports/periods/{period}/{a}/?format=xlsx", READ_A),
    ("/reports/periods/{period}/consolidated/", (200, 403, 403, 200, 302)),
    ("/reports/periods/{period}/consolidated/?format=xlsx", (200, 403, 403, 200, 302)),
    ("/reports/periods/{period}/consolidated/?format=docx", (200, 403, 403, 200, 302)),
    ("/audit/", PROVINCE_ONLY),
    ("/reports/regimes/", PROVINCE_ONLY),
    ("/calendar/", PROVINCE_ONLY),
    ("/calendar/?year=2028", PROVINCE_ONLY),
    ("/staffing/rules/", PROVINCE_ONLY),
    ("/reports/regimes/new/", PROVINCE_ONLY),
    ("/reports/regimes/{regime}/", PROVINCE_ONLY),
    ("/audit/access/", PROVINCE_ONLY),
    ("/audit/access/?format=xlsx&kind=export", PROVINCE_ONLY),
    ("/notices/", LOGGED_IN),
    ("/notices/?archived=1", LOGGED_IN),
    ("/notices/settings/", LOGGED_IN),
    ("/notices/{notice}/", (404, 302, 404, 404, 302)),  # officer_a's own notice, opened: back to the list
    ("/tasks/", LOGGED_IN),
    ("/tasks/overview/", (200, 403, 403, 200, 302)),
    ("/tasks/conferences/", LOGGED_IN),
    ("/tasks/conferences/new/", PROVINCE_ONLY),
    ("/tasks/bodies/", PROVINCE_ONLY),
    ("/tasks/conferences/{conference}/", READ_A),
    ("/tasks/conferences/{conference}/?format=xlsx", READ_A),
    ("/tasks/conferences/{conference}/?format=docx", READ_A),
    ("/tasks/conferences/{conference}/tasks/new/", PROVINCE_ONLY),
    ("/tasks/{task}/", READ_A),
    ("/staffing/", LOGGED_IN),
    ("/staffing/?year=2026&format=xlsx", LOGGED_IN),
    ("/staffing/quotas/new/", PROVINCE_ONLY),
    ("/staffing/associations/{a}/", READ_A),
    ("/staffing/associations/{a}/?format=xlsx", READ_A),
    ("/staffing/associations/{a}/new/", PROVINCE_ONLY),
    ("/staffing/staff/{staff}/end/", PROVINCE_ONLY),
    ("/staffing/training/", LOGGED_IN),
    ("/staffing/training/?format=xlsx", LOGGED_IN),
    ("/staffing/training/new/", PROVINCE_ONLY),
    ("/staffing/training/{course}/", LOGGED_IN),
    ("/staffing/transfers/", LOGGED_IN),
    ("/staffing/transfers/new/", PROVINCE_ONLY),
    ("/staffing/transfers/{transfer}/decide/", PROVINCE_ONLY),
    ("/staffing/retirements/", LOGGED_IN),
    ("/staffing/retirements/?format=xlsx", LOGGED_IN),
    ("/staffing/leaders/", LOGGED_IN),
    ("/staffing/leaders/?format=xlsx", LOGGED_IN),
    ("/directory/", ALL),
    ("/directory/{a}/", ALL),
    ("/accounts/login/", ALL),
    ("/accounts/password/", LOGGED_IN),
    ("/accounts/password/reset/", ALL),
    ("/accounts/second-factor/", LOGGED_IN),
    ("/accounts/password/reset/sent/", ALL),
    ("/accounts/password/reset/complete/", ALL),
    ("/accounts/users/", PROVINCE_ONLY),
    ("/accounts/users/?role=leader&active=1&q=lan", PROVINCE_ONLY),
    ("/accounts/users/new/", PROVINCE_ONLY),
    ("/accounts/users/import/", PROVINCE_ONLY),
    ("/accounts/users/template.xlsx", PROVINCE_ONLY),
    ("/accounts/users/{user}/", PROVINCE_ONLY),
    ("/api/associations", API_LOGGED_IN),
    ("/api/associations/{a}", API_READ_A),
    ("/api/associations/{a}/deadlines", API_READ_A),
    ("/api/reports/periods/{period}/completeness", (200, 403, 403, 200, 401)),
    ("/api/tasks", API_LOGGED_IN),
    ("/api/staffing/quotas?year=2026", API_LOGGED_IN),
    ("/api/public/associations", ALL),
    ("/api/public/associations/{a}", ALL),
    ("/api/openapi.json", ALL),
    ("/api/docs", ALL),
]


@pytest.fixture
def objects(cast):
    a = cast.association_a
    branch = services.branch_create(
        association=a, by=None, name="Chi hội Đức Xuân", commune=commune("01840"), established_on=dt.date(2015, 1, 1)
    )
    scan = SimpleUploadedFile("qd.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    data = services.EventData(
        kind=EventKind.CHARTER_APPROVAL,
        occurred_on=dt.date(2022, 5, 2),
        decision=services.DecisionData(**{**decision(dt.date(2022, 5, 2)).__dict__, "file": scan}),
    )
    event = services.legal_event_record(association=a, data=data, by=None)
    membership = membership_services.membership_create(
        association=a,
        joined_on=dt.date(2023, 1, 1),
        by=None,
        person_data=membership_services.PersonData(
            full_name="Ma Văn Tính", cccd="006058001234", sex="M", birth_year=1958
        ),
    )
    job = MemberImport.objects.create(
        association=a,
        created_by=cast.province_officer,
        original_name="ds.xlsx",
        status="checked",
        file=SimpleUploadedFile("ds.xlsx", IMPORT_FILE),
    )
    job.problems.create(row=2, column="Xã, phường thường trú", value="99999", message="x")
    twin = membership_services.membership_create(
        association=a,
        joined_on=dt.date(2023, 1, 1),
        by=None,
        person_data=membership_services.PersonData(full_name="Ma Văn Tinh", sex="M", birth_year=1958),
    ).person
    first, second = sorted([membership.person, twin], key=lambda p: p.pk)
    pair = CandidatePair.objects.create(person_a=first, person_b=second, probability=0.9, match_weight=4, evidence=[])
    merge = PersonMerge.objects.create(survivor=person_create(full_name="Một"), alias=person_create(full_name="Hai"))
    conflict = IdentityConflict.objects.create(
        cccd="006058001234", person=membership.person, association=a, typed_name="Người Khác", created_by=None
    )
    [period] = periods_generate(regime=make_regime(), year=2026, by=None)
    report_open(period=period, association=a, by=None)
    conference = conference_create(
        data=ConferenceData(held_on=dt.date(2023, 7, 4), title="Hội nghị các hội", chair="Phó Chủ tịch"), by=None
    )
    task = task_create(
        conference=conference,
        data=TaskData(title="Chăm lo hội viên", lead_association=a, deadline=dt.date(2023, 12, 31)),
        by=None,
    )
    staff = staff_add(
        person=membership.person,
        association=a,
        position="specialist",
        kind="quota",
        starts_on=dt.date(2024, 1, 1),
        by=None,
    )
    course = course_create(
        name="Bồi dưỡng QLNN",
        kind="state_management",
        organiser="Trường Chính trị",
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 3, 5),
        by=None,
    )
    transfer = transfer_propose(
        staff=staff,
        to_association=cast.association_b,
        to_position="specialist",
        kind="transfer",
        reason="Tăng cường",
        proposed_on=dt.date(2026, 1, 5),
        by=None,
    )
    receiving = active_association(name="Hội Cựu giáo chức tỉnh Thái Nguyên")
    proposal = proposal_create(
        kind="merger", title="", sources=[a], results=[{"association": receiving}], by=cast.province_officer
    )
    document = document_add(
        proposal=proposal,
        title="Tờ trình",
        file=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4", content_type="application/pdf"),
        by=cast.province_officer,
    )
    return {
        "proposal": proposal.pk,
        "document": document.pk,
        "staff": staff.pk,
        "course": course.pk,
        "transfer": transfer.pk,
        "a": a.pk,
        "branch": branch.pk,
        "decision": event.decision_id,
        "membership": membership.pk,
        "person": membership.person_id,
        "job": job.pk,
        "conflict": conflict.pk,
        "pair": pair.pk,
        "merge": merge.pk,
        "period": period.pk,
        "conference": conference.pk,
        "task": task.pk,
        "user": cast.officer_b.pk,
        "regime": period.regime_id,
        "activity": Activity.objects.create(
            association=a, kind="charity", title="Trao quà", starts_on=dt.date(2026, 3, 1)
        ).pk,
        "leader_rule": LeaderAgeRule.objects.get().pk,
        "calendar_day": CalendarDay.objects.create(day=dt.date(2028, 5, 1), name="Quốc tế Lao động").pk,
        "rule": period.form.rules.first().pk,
        "notice": Notice.objects.create(user=cast.officer_a, text="Báo cáo bị trả lại").pk,
    }


@pytest.mark.parametrize(("url", "answers"), MATRIX, ids=[row[0] for row in MATRIX])
def test_every_url_answers_each_role_exactly(cast, objects, url, answers):
    url = url.format(**objects)
    got = tuple(cast.client(role).get(url).status_code for role in ROLES)
    assert got == answers


def test_anonymous_visitors_are_sent_to_the_login_page_with_next(cast, objects):
    response = cast.client("anonymous").get(f"/associations/{objects['a']}/")
    assert response["Location"] == f"/accounts/login/?next=/associations/{objects['a']}/"
    assert cast.client("anonymous").get("/")["Location"] == "/directory/"


WRITES = [
    ("/associations/new/", PROVINCE_ONLY),
    ("/associations/{a}/edit/", WRITE_A_BOTH),
    ("/associations/{a}/events/new/", WRITE_A_PROVINCE),
    ("/associations/{a}/branches/new/", WRITE_A_BOTH),
    ("/associations/{a}/members/new/", WRITE_A_BOTH),
    ("/associations/{a}/members/{membership}/end/", WRITE_A_BOTH),
    ("/associations/{a}/activities/new/", WRITE_A_BOTH),
    ("/associations/{a}/activities/{activity}/", WRITE_A_BOTH),
    ("/associations/{a}/members/import/", WRITE_A_BOTH),
    ("/associations/{a}/members/import/{job}/", WRITE_A_BOTH),
    ("/associations/{a}/members/import/{job}/columns/", WRITE_A_BOTH),
    ("/members/conflicts/{conflict}/resolve/", PROVINCE_ONLY),
    ("/people/{person}/edit/", (200, 200, 404, 403, 302)),
    ("/persons/review/{pair}/merge/", (200, 200, 404, 403, 302)),
    ("/persons/review/{pair}/decide/", (200, 200, 404, 403, 302)),
    ("/persons/review/merge-proposed/", PROVINCE_ONLY),
    ("/persons/matching/new/", PROVINCE_ONLY),
    ("/persons/merges/{merge}/undo/", PROVINCE_ONLY),
    ("/reports/periods/{period}/remind/", PROVINCE_ONLY),
    ("/reports/periods/{period}/consolidated/", (200, 403, 403, 403, 302)),
    ("/reports/periods/{period}/{a}/", (200, 200, 404, 403, 302)),
    ("/tasks/conferences/new/", PROVINCE_ONLY),
    ("/tasks/conferences/{conference}/tasks/new/", PROVINCE_ONLY),
    ("/tasks/bodies/", PROVINCE_ONLY),
    ("/tasks/{task}/", WRITE_A_PROVINCE),
    ("/staffing/quotas/new/", PROVINCE_ONLY),
    ("/staffing/associations/{a}/new/", PROVINCE_ONLY),
    ("/staffing/staff/{staff}/end/", PROVINCE_ONLY),
    ("/staffing/training/new/", PROVINCE_ONLY),
    ("/staffing/training/{course}/", PROVINCE_ONLY),
    ("/staffing/transfers/new/", PROVINCE_ONLY),
    ("/staffing/transfers/{transfer}/decide/", PROVINCE_ONLY),
    ("/mergers/proposals/new/", PROVINCE_ONLY),
    ("/mergers/proposals/{proposal}/edit/", WRITE_A_PROVINCE),
    ("/mergers/proposals/{proposal}/branches/{branch}/", WRITE_A_PROVINCE),
    ("/mergers/proposals/{proposal}/leaders/", WRITE_A_PROVINCE),
    ("/mergers/proposals/{proposal}/comments/", WRITE_A_BOTH),
    ("/mergers/proposals/{proposal}/documents/", WRITE_A_BOTH),
    ("/mergers/proposals/{proposal}/submit/", WRITE_A_PROVINCE),
    ("/mergers/proposals/{proposal}/approve/", WRITE_A_PROVINCE),
    ("/mergers/proposals/{proposal}/refuse/", WRITE_A_PROVINCE),
    ("/mergers/proposals/{proposal}/execute/", WRITE_A_PROVINCE),
    ("/mergers/province/proposals/", PROVINCE_ONLY),
    ("/mergers/province/submit/", PROVINCE_ONLY),
    ("/mergers/province/approve/", PROVINCE_ONLY),
    ("/mergers/province/execute/", PROVINCE_ONLY),
    ("/accounts/users/new/", PROVINCE_ONLY),
    ("/accounts/users/import/", PROVINCE_ONLY),
    ("/accounts/users/{user}/", PROVINCE_ONLY),
    ("/accounts/users/{user}/active/", PROVINCE_ONLY),
    ("/reports/regimes/new/", PROVINCE_ONLY),
    ("/reports/regimes/{regime}/", PROVINCE_ONLY),
    ("/reports/regimes/{regime}/indicators/", PROVINCE_ONLY),
    ("/reports/regimes/{regime}/indicators/members/remove/", PROVINCE_ONLY),
    ("/reports/regimes/{regime}/rules/", PROVINCE_ONLY),
    ("/reports/regimes/{regime}/rules/{rule}/remove/", PROVINCE_ONLY),
    ("/reports/regimes/{regime}/periods/", PROVINCE_ONLY),
    ("/calendar/", PROVINCE_ONLY),
    ("/calendar/{calendar_day}/remove/", PROVINCE_ONLY),
    ("/staffing/rules/leaders/", PROVINCE_ONLY),
    ("/staffing/rules/leaders/{leader_rule}/", PROVINCE_ONLY),
    ("/staffing/rules/leaders/{leader_rule}/remove/", PROVINCE_ONLY),
    ("/staffing/rules/training/", PROVINCE_ONLY),
    ("/accounts/users/{user}/password/", PROVINCE_ONLY),
    ("/accounts/users/{user}/second-factor/reset/", PROVINCE_ONLY),
]


@pytest.mark.parametrize(("url", "answers"), WRITES, ids=[row[0] for row in WRITES])
def test_writes_are_refused_to_whom_the_page_is_refused_and_write_nothing(cast, objects, url, answers):
    from sohoi.audit.models import AuditEntry

    url = url.format(**objects)
    before = AuditEntry.objects.count()
    for role, expected in zip(ROLES, answers, strict=True):
        if expected == 200:
            continue
        assert cast.client(role).post(url, {"name": "X", "kind": "dissolution"}).status_code == expected
    assert AuditEntry.objects.count() == before


def test_an_association_officer_sees_only_their_association_in_lists_and_api(cast):
    client = cast.client("officer_a")
    page = client.get("/associations/")
    assert [a.name for a in page.context["page"]] == ["Hội Chữ thập đỏ tỉnh Thái Nguyên"]
    assert [row["name"] for row in client.get("/api/associations").json()] == ["Hội Chữ thập đỏ tỉnh Thái Nguyên"]
    assert [a.name for a in cast.client("leader").get("/associations/").context["page"]] == [
        "Hội Chữ thập đỏ tỉnh Thái Nguyên",
        "Hội Người cao tuổi tỉnh Thái Nguyên",
    ]


def test_the_dashboard_lists_only_deadlines_in_scope(cast):
    rows = cast.client("officer_b").get("/dashboard/").context["rows"]
    assert {row[0].name for row in rows} == {"Hội Người cao tuổi tỉnh Thái Nguyên"}
