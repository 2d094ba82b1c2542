"""A consolidation simulated, then carried out whole: members with their history and provenance,
branches, staff and quota, accounts, tasks and report obligations; the simulated figures are the
executed ones; a failure half way leaves everything as it was; a second run does nothing."""

import datetime as dt

import pytest

from sohoi.conferences.models import Task, TaskUpdate
from sohoi.core.errors import ApplicationError
from sohoi.members.models import Membership
from sohoi.members.selectors import joined_between, left_between
from sohoi.mergers import execute
from sohoi.mergers.models import ProposalStatus
from sohoi.mergers.simulate import simulate
from sohoi.mergers.tests.scenario import DECIDED, build, consolidation
from sohoi.registry.models import Association, AssociationLink, Branch, LegalEvent, Status
from sohoi.staffing.models import QuotaDecision, Staff

pytestmark = pytest.mark.django_db


def _state():
    """Everything a reorganisation may touch, as rows: to compare before and after."""
    return {
        "memberships": sorted(
            Membership.objects.values_list("pk", "person_id", "association_id", "branch_id", "joined_on", "left_on")
        ),
        "branches": sorted(Branch.objects.values_list("pk", "association_id", "name", "closed_on")),
        "staff": sorted(Staff.objects.values_list("pk", "association_id", "ends_on")),
        "tasks": sorted(Task.objects.values_list("pk", "lead_association_id")),
        "associations": sorted(Association.objects.values_list("pk", "status")),
        "events": LegalEvent.objects.count(),
        "quotas": QuotaDecision.objects.count(),
    }


def test_the_simulation_shows_what_the_consolidation_would_do(cast):
    s = build(cast)
    simulation = simulate(consolidation(cast, s))
    [result] = simulation.results
    assert [(line.association.name, line.members, line.branches, line.staff) for line in simulation.sources] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", 3, 2, 1),  # lan, both, later (the former member is history)
        ("Hội Người cao tuổi tỉnh Thái Nguyên", 3, 1, 0),
    ]
    assert simulation.members_before == 6
    assert (result.members, result.carried.memberships, result.carried.in_several) == (5, 6, 1)
    assert [(p.full_name, what) for p, what in result.conflicts] == [("Nông Văn Thắng", "member_type")]
    # Phan Đình Phùng: the older branch (the Red Cross's, 2022) kept, the Elderly one's merged into it
    assert [(line.commune, [b.name for b in line.before], line.after) for line in result.branches] == [
        ("Phường Đức Xuân", ["Chi hội Đức Xuân"], "Chi hội Đức Xuân"),
        (
            "Phường Phan Đình Phùng",
            ["Chi hội Phan Đình Phùng", "Chi hội phường Phan Đình Phùng"],
            "Chi hội Phan Đình Phùng",
        ),
    ]
    assert (simulation.staff, simulation.quota, simulation.quota_year) == (1, 5, 2026)
    assert [t.title for t in simulation.tasks] == ["Vận động hội viên tham gia mô hình sinh kế"]
    assert [r.title for r in simulation.regimes] == ["Báo cáo riêng của hai hội"]
    assert simulation.congress_due == dt.date(2027, 2, 22)  # 60 working days after 20/11/2026, Tết 2027 off
    assert simulation.decision_due == dt.date(2027, 1, 26)  # 60 working days after 02/11/2026


def test_the_consolidation_is_carried_out_whole_and_as_simulated(cast):
    s = build(cast)
    proposal = consolidation(cast, s)
    simulation = simulate(proposal)
    before = {
        "open": Membership.objects.filter(left_on__isnull=True).count(),
        "all": Membership.objects.count(),
    }
    proposal = execute.proposal_execute(proposal=proposal, by=cast.province_officer)
    assert proposal.status == ProposalStatus.EXECUTED
    new = proposal.results.get().association
    assert (new.name, new.status, new.is_assigned_tasks) == ("Hội Hợp nhất tỉnh Thái Nguyên", Status.PERMITTED, True)
    s.a.refresh_from_db()
    s.b.refresh_from_db()
    assert (s.a.status, s.b.status) == (Status.CEASED, Status.CEASED)
    assert set(AssociationLink.objects.values_list("predecessor_id", "successor_id")) == {
        (s.a.pk, new.pk),
        (s.b.pk, new.pk),
    }

    # members: the simulated figures are the executed ones; every open membership continues
    open_new = Membership.objects.filter(association=new, left_on__isnull=True)
    assert open_new.count() == simulation.results[0].members == 5
    assert Membership.objects.count() == before["all"] + 5  # nothing deleted: the sources' stay as history
    assert Membership.objects.filter(left_on__isnull=True).count() == before["open"] - 6 + 5
    both = open_new.get(person=s.persons["both"])
    assert (both.member_since, both.joined_on, both.member_type) == (dt.date(2012, 1, 15), DECIDED, "associate")
    assert both.branch_id == s.branches["a_phan_dinh_phung"].pk  # his Elderly branch merged into the Red Cross's
    carried = Membership.objects.filter(person=s.persons["both"], association__in=[s.a, s.b]).order_by("joined_on")
    event_b = LegalEvent.objects.get(association=s.b, decision__number="345/QĐ-UBND")
    assert [(m.left_on, m.carried_to_id, m.left_event_id, m.left_reason) for m in carried] == [
        (DECIDED, both.pk, event_b.pk, "Hợp nhất thành hội mới: 345/QĐ-UBND"),
        (
            DECIDED,
            both.pk,
            LegalEvent.objects.get(association=s.a, decision__number="345/QĐ-UBND").pk,
            "Hợp nhất thành hội mới: 345/QĐ-UBND",
        ),
    ]
    later = open_new.get(person=s.persons["later"])
    assert (later.joined_on, later.member_since) == (dt.date(2026, 12, 15), dt.date(2026, 12, 15))
    assert open_new.get(person=s.persons["no_branch"]).branch_id is None
    # nobody joined or left: the figures of the period see members carried on
    assert joined_between(Membership.objects.filter(association=new), DECIDED, DECIDED).count() == 0
    assert left_between(Membership.objects.filter(association__in=[s.a, s.b]), DECIDED, DECIDED).count() == 0
    former = Membership.objects.get(person=s.persons["former"])
    assert (former.association_id, former.left_on, former.carried_to_id) == (s.a.pk, dt.date(2023, 5, 1), None)

    # branches: re-parented, the one in the same commune merged and closed; the closed one untouched
    branches = {key: Branch.objects.get(pk=b.pk) for key, b in s.branches.items()}
    assert [(k, b.association_id == new.pk, b.closed_on) for k, b in branches.items()] == [
        ("a_phan_dinh_phung", True, None),
        ("a_duc_xuan", True, None),
        ("b_phan_dinh_phung", False, DECIDED),
        ("b_closed", False, dt.date(2024, 1, 1)),
    ]
    assert Branch.objects.filter(association=new, closed_on__isnull=True).count() == len(simulation.results[0].branches)

    # staff and quota
    [old_staff] = Staff.objects.filter(association=s.a)
    [new_staff] = Staff.objects.filter(association=new)
    assert (old_staff.ends_on, new_staff.starts_on, new_staff.previous_id, new_staff.position) == (
        DECIDED,
        DECIDED,
        old_staff.pk,
        "office_head",
    )
    assert list(QuotaDecision.objects.filter(association=new).values_list("year", "quota", "number")) == [
        (2026, simulation.quota, "345/QĐ-UBND")
    ]

    # accounts, tasks, report obligations
    assert list(cast.officer_a.associations.values_list("pk", flat=True)) == [new.pk]
    assert list(cast.officer_b.associations.values_list("pk", flat=True)) == [new.pk]
    open_task = Task.objects.get(pk=s.tasks["open_b"].pk)
    assert open_task.lead_association_id == new.pk
    assert set(open_task.cooperating_associations.values_list("pk", flat=True)) == {s.a.pk, new.pk}
    line = TaskUpdate.objects.filter(task=open_task).latest("pk")
    assert (line.kind, line.text) == (
        "reassigned",
        "Hội Người cao tuổi tỉnh Thái Nguyên → Hội Hợp nhất tỉnh Thái Nguyên: Hợp nhất thành hội mới: 345/QĐ-UBND",
    )
    assert Task.objects.get(pk=s.tasks["done_a"].pk).lead_association_id == s.a.pk  # finished: history
    assert set(s.regime.associations.values_list("pk", flat=True)) == {s.a.pk, new.pk}


def test_a_second_run_does_nothing(cast):
    s = build(cast)
    proposal = execute.proposal_execute(proposal=consolidation(cast, s), by=cast.province_officer)
    after = _state()
    again = execute.proposal_execute(proposal=proposal, by=cast.province_officer)
    assert again.status == ProposalStatus.EXECUTED
    assert _state() == after


def test_a_failure_half_way_leaves_everything_as_it_was(cast, monkeypatch):
    s = build(cast)
    proposal = consolidation(cast, s)
    before = _state()

    def fails(**kwargs):
        raise RuntimeError("the server stopped")

    monkeypatch.setattr(execute, "tasks_reassign", fails)  # after events, branches, members and staff
    with pytest.raises(RuntimeError):
        execute.proposal_execute(proposal=proposal, by=cast.province_officer)
    assert _state() == before
    proposal.refresh_from_db()
    assert (proposal.status, proposal.results.get().association_id) == (ProposalStatus.APPROVED, None)


def test_only_an_approved_proposal_is_carried_out(cast):
    s = build(cast)
    proposal = consolidation(cast, s, approve=False)
    with pytest.raises(ApplicationError, match="Chỉ đề án đã được phê duyệt"):
        execute.proposal_execute(proposal=proposal, by=cast.province_officer)


def test_a_separation_moves_only_the_branches_the_plan_gives_the_new_association(cast):
    """Tách: the source continues; the branch given to the new association goes with its members."""
    from sohoi.mergers import services
    from sohoi.mergers.models import BranchAction

    s = build(cast)
    proposal = services.proposal_create(
        kind="separation",
        title="Tách chi hội Đức Xuân",
        sources=[s.a],
        results=[{"name": "Hội Chữ thập đỏ phường Đức Xuân"}],
        by=cast.province_officer,
    )
    services.branch_plan_set(
        proposal=proposal,
        branch=s.branches["a_duc_xuan"],
        action=BranchAction.KEEP,
        result=proposal.results.get(),
        by=cast.province_officer,
    )
    services.proposal_submit(proposal=proposal, by=cast.province_officer)
    services.proposal_approve(
        proposal=proposal, number="9/QĐ-UBND", issued_on=DECIDED, authority="UBND tỉnh", by=cast.province_officer
    )
    simulated = simulate(proposal).results[0].members
    execute.proposal_execute(proposal=proposal, by=cast.province_officer)
    new = proposal.results.get().association
    s.a.refresh_from_db()
    assert (s.a.status, new.status) == (Status.ACTIVE, Status.PERMITTED)
    moved = Membership.objects.filter(association=new, left_on__isnull=True)
    assert sorted(m.person.full_name for m in moved) == ["Hà Văn Nam", "Nông Văn Thắng"] and simulated == 2
    assert list(
        Membership.objects.filter(association=s.a, left_on__isnull=True).values_list("person__full_name", flat=True)
    ) == ["Hoàng Thị Lan"]
    assert Branch.objects.get(pk=s.branches["a_duc_xuan"].pk).association_id == new.pk
    assert Staff.objects.filter(association=s.a, ends_on__isnull=True).count() == 1  # the source keeps its staff


def _approved(cast, proposal):
    from sohoi.mergers import services

    services.proposal_submit(proposal=proposal, by=cast.province_officer)
    services.proposal_approve(
        proposal=proposal, number="9/QĐ-UBND", issued_on=DECIDED, authority="UBND tỉnh", by=cast.province_officer
    )
    return proposal


def _open_members(association) -> list[str]:
    memberships = Membership.objects.filter(association=association, left_on__isnull=True)
    return sorted(memberships.values_list("person__full_name", flat=True))


def test_a_split_gives_each_new_association_its_branches_and_their_members(cast):
    """Chia: the source ceases; each branch goes to the result the plan names, its members with it; the
    staff go to the first result."""
    from sohoi.mergers import services
    from sohoi.mergers.models import BranchAction

    s = build(cast)
    proposal = services.proposal_create(
        kind="split",
        title="Chia Hội Chữ thập đỏ",
        sources=[s.a],
        results=[{"name": "Hội Chữ thập đỏ phía Bắc"}, {"name": "Hội Chữ thập đỏ phía Nam"}],
        by=cast.province_officer,
    )
    north, south = proposal.results.order_by("pk")
    for key, result in (("a_phan_dinh_phung", north), ("a_duc_xuan", south)):
        services.branch_plan_set(
            proposal=_fresh(proposal), branch=s.branches[key], action=BranchAction.KEEP, result=result, by=None
        )
    simulated = [r.members for r in simulate(proposal).results]
    before = Membership.objects.count()
    execute.proposal_execute(proposal=_approved(cast, proposal), by=cast.province_officer)
    north.refresh_from_db()
    south.refresh_from_db()
    s.a.refresh_from_db()
    assert (s.a.status, north.association.status, south.association.status) == (
        Status.CEASED,
        Status.PERMITTED,
        Status.PERMITTED,
    )
    assert _open_members(north.association) == ["Hoàng Thị Lan"]
    assert _open_members(south.association) == ["Hà Văn Nam", "Nông Văn Thắng"]
    assert simulated == [1, 2]
    assert _open_members(s.a) == []
    assert Membership.objects.count() == before + 3  # the source's three stay as history
    assert Branch.objects.get(pk=s.branches["a_phan_dinh_phung"].pk).association_id == north.association_id
    assert Branch.objects.get(pk=s.branches["a_duc_xuan"].pk).association_id == south.association_id
    assert Staff.objects.get(association=north.association, ends_on__isnull=True).person.full_name == "Lý Thị Hằng"
    assert set(AssociationLink.objects.values_list("predecessor_id", "successor_id")) == {
        (s.a.pk, north.association_id),
        (s.a.pk, south.association_id),
    }


def test_a_merger_into_an_existing_association_keeps_it_and_joins_the_members_it_has(cast):
    """Sáp nhập: B goes into A, which continues; a person in both keeps A's membership, once."""
    from sohoi.mergers import services

    s = build(cast)
    proposal = services.proposal_create(
        kind="merger", title="Sáp nhập", sources=[s.b], results=[{"association": s.a}], by=cast.province_officer
    )
    [result] = simulate(proposal).results
    execute.proposal_execute(proposal=_approved(cast, proposal), by=cast.province_officer)
    s.a.refresh_from_db()
    s.b.refresh_from_db()
    assert (s.a.status, s.b.status) == (Status.ACTIVE, Status.CEASED)
    assert _open_members(s.a) == ["Hoàng Thị Lan", "Hà Văn Nam", "Lò Thị Hoa", "Ma Văn Dũng", "Nông Văn Thắng"]
    assert result.members == 5
    thang = Membership.objects.get(association=s.a, person=s.persons["both"], left_on__isnull=True)
    assert (thang.joined_on, thang.member_number) == (dt.date(2018, 6, 1), "CTD-0042")  # A's, as it was
    assert _open_members(s.b) == []
    assert Branch.objects.get(pk=s.branches["b_phan_dinh_phung"].pk).closed_on == DECIDED  # into A's older one
    assert Task.objects.get(pk=s.tasks["open_b"].pk).lead_association_id == s.a.pk


def _fresh(proposal):
    from sohoi.mergers.models import Proposal

    return Proposal.objects.get(pk=proposal.pk)
