"""The province merger of 07/2025: every Bắc Kạn association paired with its Thái Nguyên counterpart,
the proposals created in one step, simulated together, decided by one decision and carried out."""

import datetime as dt

import pytest

from sohoi.members.models import Membership
from sohoi.mergers import selectors
from sohoi.mergers.models import BatchRun, Proposal, ProposalStatus
from sohoi.mergers.tests.scenario import member, person
from sohoi.registry.models import Association, Status
from tests.factories import active_association

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinces(cast):
    made = {
        key: active_association(name=name, central_association=central)
        for key, name, central in [
            ("red_tn", "Hội Chữ thập đỏ tỉnh Thái Nguyên (cũ)", "Hội Chữ thập đỏ Việt Nam"),
            ("lawyers_tn", "Hội Luật gia tỉnh Thái Nguyên", "Hội Luật gia Việt Nam"),
            ("lawyers_bk", "Hội Luật gia tỉnh Bắc Kạn", "Hội Luật gia Việt Nam"),
            ("blind_bk", "Hội Người mù tỉnh Bắc Kạn", "Hội Người mù Việt Nam"),
            ("journalists_tn", "Hội Nhà báo tỉnh Thái Nguyên", "Hội Nhà báo Việt Nam"),
            ("press_bk", "Hội Những người làm báo tỉnh Bắc Kạn", "Hội Nhà báo Việt Nam"),
        ]
    }
    moved = person("Lục Văn Khải", "006060000099")
    member(moved, made["lawyers_tn"], "2021-01-01")
    member(moved, made["lawyers_bk"], "2016-05-01")
    member(person("Đinh Thị Vân"), made["lawyers_bk"], "2019-03-01")
    member(person("Bế Văn Hưng"), made["press_bk"], "2018-03-01")
    return made


def test_each_bac_kan_association_is_paired_by_name_or_by_its_central_association(cast, provinces):
    merger = selectors.province_pairs()
    assert [(p.continuing.name, p.joining.name, p.new_name) for p in merger.pairs] == [
        ("Hội Luật gia tỉnh Thái Nguyên", "Hội Luật gia tỉnh Bắc Kạn", "Hội Luật gia tỉnh Thái Nguyên (mới)"),
        ("Hội Nhà báo tỉnh Thái Nguyên", "Hội Những người làm báo tỉnh Bắc Kạn", "Hội Nhà báo tỉnh Thái Nguyên (mới)"),
    ]
    assert [a.name for a in merger.joining_alone] == ["Hội Người mù tỉnh Bắc Kạn"]  # continues under the new province


def test_the_proposals_are_created_simulated_decided_and_carried_out_together(
    cast, provinces, django_capture_on_commit_callbacks
):
    client = cast.client("province_officer")
    pairs = [f"{p.continuing.pk}-{p.joining.pk}" for p in selectors.province_pairs().pairs]
    response = client.post("/mergers/province/proposals/", {"pair": pairs}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã lập 2 đề án."]
    proposals = Proposal.objects.order_by("pk")
    assert [(p.kind, p.boundary_change, p.status) for p in proposals] == [("consolidation", True, "draft")] * 2
    page = client.get("/mergers/province/")
    totals = page.context["totals"]
    # the lawyer who moved is one person with two memberships: after, one membership
    assert (totals.associations_before, totals.associations_after) == (8, 6)
    assert (totals.memberships_before, totals.memberships_after, totals.persons) == (4, 3, 3)
    assert client.post("/mergers/province/proposals/", {"pair": pairs}).status_code == 302  # made once only
    assert Proposal.objects.count() == 2

    client.post("/mergers/province/submit/")
    client.post(
        "/mergers/province/approve/",
        {"number": "1234/QĐ-UBND", "issued_on": "2025-08-20", "authority": "UBND tỉnh Thái Nguyên"},
    )
    with django_capture_on_commit_callbacks(execute=True):  # the worker's task, run at once here
        response = client.post("/mergers/province/execute/", follow=True)
    assert [str(m) for m in response.context["messages"]][-1] == "Đang thực hiện lần lượt 2 đề án."
    run = BatchRun.objects.get()
    assert (run.status, run.done, run.total, run.percent) == ("done", 2, 2, 100)
    status = client.get("/mergers/province/run/").content.decode()
    assert "2 / 2 đề án đã thực hiện" in status and "hx-trigger" not in status  # finished: no more polling
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.EXECUTED}
    lawyers = Association.objects.get(name="Hội Luật gia tỉnh Thái Nguyên (mới)")
    [carried] = Membership.objects.filter(association=lawyers, person__cccd="006060000099")
    assert (carried.joined_on, carried.member_since) == (dt.date(2025, 8, 20), dt.date(2016, 5, 1))
    assert Association.objects.get(pk=provinces["lawyers_bk"].pk).status == Status.CEASED
    assert Association.objects.get(pk=provinces["blind_bk"].pk).status == Status.ACTIVE


def test_only_province_officers_act_on_the_province_merger(cast, provinces):
    assert cast.client("leader").get("/mergers/province/").status_code == 200
    assert cast.client("officer_a").get("/mergers/province/").status_code == 403
    for url in ("/mergers/province/proposals/", "/mergers/province/submit/", "/mergers/province/execute/"):
        assert cast.client("leader").post(url).status_code == 403
    assert not Proposal.objects.exists()


def test_a_run_that_fails_stops_at_that_proposal_and_keeps_the_ones_done(cast, provinces, monkeypatch):
    from sohoi.core.errors import ApplicationError
    from sohoi.mergers import execute, services

    merger = selectors.province_pairs()
    proposals = services.province_proposals_create(pairs=merger.pairs, by=None, batch="b")
    services.batch_submit(proposals=proposals, by=None, on=dt.date(2025, 8, 1))
    services.batch_approve(
        proposals=proposals, by=None, number="5/QĐ-UBND", issued_on=dt.date(2025, 8, 20), authority="UBND tỉnh"
    )
    original = execute.tasks_reassign
    calls = []

    def second_fails(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ApplicationError("Nhiệm vụ bị khóa.")
        return original(**kwargs)

    monkeypatch.setattr(execute, "tasks_reassign", second_fails)
    run = execute.batch_run(BatchRun.objects.create(batch="b", total=2))
    assert (run.status, run.done) == ("failed", 1)
    assert run.message == f"{proposals[1].title}: Nhiệm vụ bị khóa."
    assert list(Proposal.objects.order_by("pk").values_list("status", flat=True)) == ["executed", "approved"]
