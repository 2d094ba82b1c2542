"""The proposal pages as each role uses them: a province officer drafts from the overlap list, plans
a branch, submits, records the decision and carries it out; an association officer reads and
comments on what touches their association; a leader reads; bad input gets a message, not a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sohoi.audit.models import AuditEntry
from sohoi.members.models import Membership
from sohoi.mergers.models import BranchAction, Proposal, ProposalStatus, RunStatus
from sohoi.mergers.tests.scenario import build
from sohoi.registry.models import Branch
from tests.factories import active_association

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    """The message of the last step (those of earlier steps not followed wait in the session too)."""
    return [str(m) for m in response.context["messages"]][-1:]


def _submitted(cast, s):
    """A consolidation of the two drafted and submitted through the pages."""
    client = cast.client("province_officer")
    client.post(
        "/mergers/proposals/new/", {"kind": "consolidation", "sources": [s.a.pk, s.b.pk], "result_name": "Hội Mới"}
    )
    proposal = Proposal.objects.get()
    client.post(f"/mergers/proposals/{proposal.pk}/submit/")
    return client, proposal


def test_a_province_officer_takes_a_proposal_from_draft_to_execution(cast):
    s = build(cast)
    client = cast.client("province_officer")
    page = client.get(f"/mergers/proposals/new/?sources={s.a.pk}&sources={s.b.pk}")
    assert page.context["form"]["sources"].value() == [str(s.a.pk), str(s.b.pk)]
    response = client.post(
        "/mergers/proposals/new/",
        {"kind": "consolidation", "sources": [s.a.pk, s.b.pk], "result_name": "Hội Hợp nhất tỉnh Thái Nguyên"},
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == f"/mergers/proposals/{proposal.pk}/"
    assert (
        proposal.title
        == "Hợp nhất thành hội mới: Hội Chữ thập đỏ tỉnh Thái Nguyên, Hội Người cao tuổi tỉnh Thái Nguyên"
    )

    # keep the Elderly branch as a branch of its own, renamed
    branch = s.branches["b_phan_dinh_phung"]
    response = client.post(
        f"/mergers/proposals/{proposal.pk}/branches/{branch.pk}/",
        {
            f"b{branch.pk}-action": BranchAction.KEEP,
            f"b{branch.pk}-new_name": "Chi hội Người cao tuổi phường Phan Đình Phùng",
        },
        follow=True,
    )
    assert _messages(response) == ["Đã lưu phương án của chi hội."]
    page = client.get(f"/mergers/proposals/{proposal.pk}/")
    [result] = page.context["simulation"].results
    assert [line.after for line in result.branches] == [
        "Chi hội Đức Xuân",
        "Chi hội Phan Đình Phùng",  # in Phan Đình Phùng both are kept, the older first
        "Chi hội Người cao tuổi phường Phan Đình Phùng",
    ]

    assert client.post(f"/mergers/proposals/{proposal.pk}/submit/")["Location"] == f"/mergers/proposals/{proposal.pk}/"
    response = client.post(
        f"/mergers/proposals/{proposal.pk}/approve/",
        {"number": "345/QĐ-UBND", "issued_on": "2026-11-20", "authority": "UBND tỉnh Thái Nguyên"},
        follow=True,
    )
    assert _messages(response) == ["Đã ghi quyết định phê duyệt: có thể thực hiện đề án."]
    response = client.post(f"/mergers/proposals/{proposal.pk}/execute/", follow=True)
    assert _messages(response) == ["Đã thực hiện việc sắp xếp hội."]
    proposal.refresh_from_db()
    new = proposal.results.get().association
    assert proposal.status == ProposalStatus.EXECUTED
    assert Membership.objects.filter(association=new, left_on__isnull=True).count() == 5
    assert Branch.objects.get(pk=branch.pk).name == "Chi hội Người cao tuổi phường Phan Đình Phùng"
    annex = client.get(f"/mergers/proposals/{proposal.pk}/annex.docx")
    assert annex["Content-Disposition"] == f'attachment; filename="phu-luc-de-an-{proposal.pk}.docx"'


def test_a_large_proposal_is_carried_out_by_the_worker_and_its_page_shows_the_progress(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.SOHOI_MERGER_INLINE_MEMBERSHIPS = 5  # the sources hold six open memberships
    s = build(cast)
    client, proposal = _submitted(cast, s)
    client.post(
        f"/mergers/proposals/{proposal.pk}/approve/",
        {"number": "345/QĐ-UBND", "issued_on": "2026-11-20", "authority": "UBND tỉnh Thái Nguyên"},
    )
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(f"/mergers/proposals/{proposal.pk}/execute/", follow=True)
    assert _messages(response) == ["Đang thực hiện việc sắp xếp hội; trang này cho biết tiến độ."]
    [run] = proposal.runs.all()
    proposal.refresh_from_db()
    assert (proposal.status, run.status, run.total, run.batch) == (ProposalStatus.APPROVED, RunStatus.QUEUED, 1, "")
    page = response.content.decode()
    assert f'hx-get="/mergers/proposals/{proposal.pk}/run/"' in page
    assert "Thực hiện việc sắp xếp" not in page  # no second start while it waits
    again = client.post(f"/mergers/proposals/{proposal.pk}/execute/", follow=True)
    assert _messages(again) == ["Đề án này đang được thực hiện."]

    queued[0]()  # the worker takes the run
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.EXECUTED
    assert proposal.executed_figures == {
        "branches": 2,
        "branches_merged": 1,  # the Elderly branch in Phan Đình Phùng, into the older Red Cross one
        "memberships": 5,
        "staff": 1,
        "accounts": 2,
        "tasks": 1,
        "regimes": 1,
    }
    status = client.get(f"/mergers/proposals/{proposal.pk}/run/").content.decode()
    assert "Xong" in status and "1 / 1" in status and "hx-get" not in status
    page = client.get(f"/mergers/proposals/{proposal.pk}/").content.decode()
    assert "Đã thực hiện" in page and "Lượt hội viên: 5" in page and "Chi hội: 2 (1 chi hội nhập vào)" in page
    assert cast.client("officer_b").get(f"/mergers/proposals/{proposal.pk}/run/").status_code == 200
    assert cast.client("leader").get(f"/mergers/proposals/{proposal.pk}/run/").status_code == 200


def test_a_proposal_the_law_does_not_allow_is_refused_with_a_message(cast):
    s = build(cast)
    response = cast.client("province_officer").post(
        "/mergers/proposals/new/", {"kind": "consolidation", "sources": [s.a.pk], "result_name": "Hội Mới"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["sources"] == [
        "“Hợp nhất thành hội mới” cần ít nhất 2 hội ở bên được sắp xếp."
    ]
    assert not Proposal.objects.exists()


def test_a_decision_dated_in_the_future_is_refused(cast):
    s = build(cast)
    client, proposal = _submitted(cast, s)
    response = client.post(
        f"/mergers/proposals/{proposal.pk}/approve/",
        {"number": "1/QĐ-UBND", "issued_on": "2027-01-05", "authority": "UBND tỉnh"},
        follow=True,
    )
    assert _messages(response) == ["Ngày quyết định không thể ở tương lai."]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_association_officers_see_and_comment_only_on_what_touches_them(cast):
    s = build(cast)
    other = active_association(name="Hội Cựu giáo chức tỉnh Thái Nguyên")
    from sohoi.mergers.services import proposal_create

    proposal = proposal_create(kind="merger", title="", sources=[s.a], results=[{"association": other}], by=None)
    assert [p.pk for p in cast.client("officer_a").get("/mergers/proposals/").context["proposals"]] == [proposal.pk]
    assert list(cast.client("officer_b").get("/mergers/proposals/").context["proposals"]) == []
    assert cast.client("officer_b").get(f"/mergers/proposals/{proposal.pk}/").status_code == 404
    response = cast.client("officer_a").post(
        f"/mergers/proposals/{proposal.pk}/comments/", {"text": "Đề nghị giữ tên chi hội."}, follow=True
    )
    assert _messages(response) == ["Đã thêm ý kiến."]
    assert [c.text for c in proposal.comments.all()] == ["Đề nghị giữ tên chi hội."]
    page = cast.client("leader").get(f"/mergers/proposals/{proposal.pk}/")
    assert (page.status_code, page.context["can_comment"], page.context["can_manage"]) == (200, False, False)


def test_the_list_runs_the_same_number_of_queries_for_1_and_4_proposals(cast):
    from sohoi.mergers.services import proposal_create

    s = build(cast)
    receivers = [active_association(name=f"Hội Nhận số {n} tỉnh Thái Nguyên") for n in range(4)]
    client = cast.client("province_officer")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/mergers/proposals/").status_code == 200
        return len(queries)

    proposal_create(kind="merger", title="", sources=[s.a], results=[{"association": receivers[0]}], by=None)
    one = count()
    for receiver in receivers[1:]:
        proposal_create(kind="merger", title="", sources=[s.b], results=[{"association": receiver}], by=None)
    assert count() == one


def test_every_step_is_audited(cast):
    s = build(cast)
    client, proposal = _submitted(cast, s)
    client.post(f"/mergers/proposals/{proposal.pk}/refuse/", {"reason": "Chưa đủ hồ sơ."})
    entries = AuditEntry.objects.filter(object_id=str(proposal.pk), content_type__model="proposal").order_by("pk")
    assert [(e.action, e.note) for e in entries] == [
        ("create", proposal.title),
        ("update", ""),
        ("update", "Chưa đủ hồ sơ."),
    ]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.submitted_on) == (ProposalStatus.REFUSED, timezone.localdate())


def test_bad_input_on_the_proposal_pages_gets_a_message_not_a_500(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    s = build(cast)
    client = cast.client("province_officer")
    response = client.post("/mergers/proposals/new/", {"kind": "merger", "sources": [s.a.pk]})
    assert response.context["form"].non_field_errors() == [
        "Sáp nhập cần chọn hội đang hoạt động nhận sáp nhập, không phải một trong các hội được sáp nhập."
    ]
    client, proposal = _submitted(cast, s)
    script = SimpleUploadedFile("to-trinh.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        f"/mergers/proposals/{proposal.pk}/documents/", {"title": "Tờ trình", "file": script}, follow=True
    )
    assert _messages(response) == [
        "Không thể đính kèm “to-trinh.exe”: chỉ nhận các tệp PDF, JPG, JPEG, PNG, DOC, DOCX, XLS, XLSX, ODT, ODS."
    ]
    assert not proposal.documents.exists()


def test_in_a_separation_the_page_gives_a_branch_to_the_new_association(cast):
    s = build(cast)
    client = cast.client("province_officer")
    client.post("/mergers/proposals/new/", {"kind": "separation", "sources": [s.a.pk], "result_name": "Hội Mới"})
    proposal = Proposal.objects.get()
    result = proposal.results.get()
    branch = s.branches["a_duc_xuan"]
    page = client.get(f"/mergers/proposals/{proposal.pk}/")
    form = dict(page.context["branch_forms"])[Branch.objects.get(pk=branch.pk)]
    assert form.fields["result"].empty_label == "Ở lại hội cũ"
    assert page.context["simulation"].results[0].members == 0  # every branch stays until one is given
    client.post(
        f"/mergers/proposals/{proposal.pk}/branches/{branch.pk}/",
        {f"b{branch.pk}-action": BranchAction.KEEP, f"b{branch.pk}-result": result.pk},
    )
    assert client.get(f"/mergers/proposals/{proposal.pk}/").context["simulation"].results[0].members == 2
