"""Writes to the proposals: draft → submitted → approved by decision (or refused) → carried out
(mergers.execute). Each is atomic, validated and audited."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.accounts.models import Role, User
from sohoi.accounts.selectors import officers_of, province_officers
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log
from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text
from sohoi.mergers.models import (
    BranchAction,
    BranchPlan,
    InterimLeader,
    Proposal,
    ProposalComment,
    ProposalDocument,
    ProposalKind,
    ProposalResult,
    ProposalStatus,
)
from sohoi.mergers.plan import default_branch_plans
from sohoi.notices.models import NoticeKind
from sohoi.notices.services import notices_send
from sohoi.registry import law
from sohoi.registry.models import Association, Branch, EventKind, Status

EDITABLE = (ProposalStatus.DRAFT,)
PLAN_FIELDS = ["reason", "charter", "members_plan", "staff_plan", "assets_finance", "tasks_reports"]


def _locked(proposal: Proposal, *statuses) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if statuses and proposal.status not in statuses:
        raise ApplicationError(
            _("This proposal is “%(status)s”: it cannot be changed so.")
            % {"status": ProposalStatus(proposal.status).label}
        )
    return proposal


def _check_sides(kind: str, sources: list[Association], results: list[dict]) -> None:
    """Decree 126/2024 Art 32 (registry.law.SIDES): how many associations stand on each side."""
    if kind == ProposalKind.MERGER and not results:
        raise ApplicationError(
            _("A merger needs the active association that receives the others, not one of them."), field="results"
        )
    min_sources, min_results, max_results = law.SIDES[kind]
    label = EventKind(kind).label
    if len(sources) < min_sources:
        raise ApplicationError(
            _("“%(event)s” needs at least %(count)s associations on the source side.")
            % {"event": label, "count": min_sources},
            field="sources",
        )
    if not (min_results <= len(results) <= max_results):
        raise ApplicationError(
            _("“%(event)s” results in %(least)s to %(most)s associations: %(count)s given.")
            % {"event": label, "least": min_results, "most": max_results, "count": len(results)},
            field="results",
        )
    for source in sources:
        if source.status not in (Status.ACTIVE,):
            raise ApplicationError(
                _("“%(name)s” is “%(status)s”: only an active association can be reorganised.")
                % {"name": source.name, "status": Status(source.status).label},
                field="sources",
            )
    for result in results:
        existing = result.get("association")
        if kind == ProposalKind.MERGER:
            if existing is None or existing.status != Status.ACTIVE or existing in sources:
                raise ApplicationError(
                    _("A merger needs the active association that receives the others, not one of them."),
                    field="results",
                )
        elif not clean_text(result.get("name", "")):
            raise ApplicationError(_("Enter the name of each new association."), field="results")


@transaction.atomic
def proposal_create(
    *, kind: str, title: str, sources: list[Association], results: list[dict], by, boundary_change=False, **texts
) -> Proposal:
    """A draft with its sources, results (dicts: name, abbreviation, hq_commune, hq_street — or for a
    merger `association`), the plan's texts, and the default branch plan (plan.default_branch_plans)."""
    if kind not in ProposalKind.values:
        raise ApplicationError(_("Choose the kind of reorganisation."), field="kind")
    fresh = Association.objects.in_bulk([a.pk for a in sources])  # their status as the registry has it now
    sources = [fresh[a.pk] for a in sources]
    results = [
        {**r, "association": Association.objects.get(pk=r["association"].pk)} if r.get("association") else r
        for r in results
    ]
    _check_sides(kind, sources, results)
    title = clean_text(title) or f"{EventKind(kind).label}: {', '.join(a.name for a in sources)}"
    proposal = Proposal.objects.create(
        kind=kind,
        title=title[:300],
        boundary_change=boundary_change,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        batch=texts.pop("batch", ""),
        **{k: v.strip() for k, v in texts.items() if k in PLAN_FIELDS},
    )
    proposal.sources.set(sources)
    for result in results:
        ProposalResult.objects.create(
            proposal=proposal,
            name=clean_text(result.get("name", "")),
            abbreviation=clean_text(result.get("abbreviation", "")),
            hq_commune=result.get("hq_commune"),
            hq_street=clean_text(result.get("hq_street", "")),
            association=result.get("association"),
        )
    BranchPlan.objects.bulk_create(default_branch_plans(proposal))
    audit_log(actor=by, action=Action.CREATE, obj=proposal, note=title[:300])
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, by, **texts) -> Proposal:
    proposal = _locked(proposal, *EDITABLE)
    changes = {}
    for name in [*PLAN_FIELDS, "title"]:
        if name in texts:
            value = texts[name].strip()
            if getattr(proposal, name) != value:
                changes[name] = [getattr(proposal, name), value]
                setattr(proposal, name, value)
    if "boundary_change" in texts and proposal.boundary_change != bool(texts["boundary_change"]):
        changes["boundary_change"] = [proposal.boundary_change, bool(texts["boundary_change"])]
        proposal.boundary_change = bool(texts["boundary_change"])
    proposal.save()
    if changes:
        audit_log(actor=by, action=Action.UPDATE, obj=proposal, changes=changes)
    return proposal


_UNCHANGED = object()


@transaction.atomic
def branch_plan_set(
    *,
    proposal: Proposal,
    branch: Branch,
    action: str,
    by,
    into: Branch | None = None,
    new_name: str = "",
    result=_UNCHANGED,
) -> BranchPlan:
    """What becomes of one of the sources' branches. A branch merges only into a branch that is kept.
    `result`: the resulting association it goes to (None: the default, plan.plan_for); left out, as it was."""
    proposal = _locked(proposal, *EDITABLE)
    plan = BranchPlan.objects.get(proposal=proposal, branch=branch)
    if action == BranchAction.MERGE:
        if into is None or into.pk == branch.pk:
            raise ApplicationError(_("Choose the branch it merges into."), field="into")
        target = BranchPlan.objects.filter(proposal=proposal, branch=into).first()
        if target is not None and target.action == BranchAction.MERGE:
            raise ApplicationError(
                _("“%(name)s” merges into another branch itself: choose a branch that is kept.") % {"name": into.name},
                field="into",
            )
        if BranchPlan.objects.filter(proposal=proposal, into=branch).exists():
            raise ApplicationError(
                _("Other branches merge into “%(name)s”: it must be kept.") % {"name": branch.name}, field="action"
            )
    plan.action = action
    plan.into = into if action == BranchAction.MERGE else None
    plan.new_name = clean_text(new_name) if action == BranchAction.KEEP else ""
    if result is not _UNCHANGED:
        if result is not None and result.proposal_id != proposal.pk:
            raise ApplicationError(_("Choose one of this proposal's resulting associations."), field="result")
        plan.result = result
    plan.save()
    audit_log(actor=by, action=Action.UPDATE, obj=proposal, note=f"{branch.name}: {BranchAction(action).label}")
    return plan


@transaction.atomic
def interim_leader_add(*, proposal: Proposal, person, position: str, by) -> InterimLeader:
    proposal = _locked(proposal, *EDITABLE)
    leader = InterimLeader.objects.create(proposal=proposal, person=person, position=position)
    audit_log(actor=by, action=Action.UPDATE, obj=proposal, note=f"{person.full_name}: {position}")
    return leader


@transaction.atomic
def comment_add(*, proposal: Proposal, text: str, by) -> ProposalComment:
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write the comment."), field="text")
    comment = ProposalComment.objects.create(proposal=proposal, author=by, text=text)
    audit_log(actor=by, action=Action.UPDATE, obj=proposal, note=text[:300])
    return comment


@transaction.atomic
def document_add(*, proposal: Proposal, title: str, file, by) -> ProposalDocument:
    title = clean_text(title)
    if not title:
        raise ApplicationError(_("Give the document a title."), field="title")
    document = ProposalDocument.objects.create(proposal=proposal, title=title, file=file, uploaded_by=by)
    audit_log(actor=by, action=Action.UPDATE, obj=proposal, note=title)
    return document


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by, on: dt.date | None = None) -> Proposal:
    """The file goes to the deciding authority: from this day it has 60 working days (Art 32)."""
    proposal = _locked(proposal, ProposalStatus.DRAFT)
    proposal.status, proposal.submitted_on = ProposalStatus.SUBMITTED, on or timezone.localdate()
    proposal.save()
    audit_log(actor=by, action=Action.UPDATE, obj=proposal, changes={"status": ["draft", "submitted"]})
    text = _("The reorganisation proposal “%(title)s” was submitted.") % {"title": proposal.title}
    _tell(proposal, NoticeKind.PROPOSAL_SUBMITTED, text, by)
    return proposal


def _tell(proposal: Proposal, kind: str, text: str, by) -> None:
    """The province officers, the leaders and the officers of every association the proposal touches."""
    touched = [a.pk for a in proposal.sources.all()] + [
        r.association_id for r in proposal.results.all() if r.association_id
    ]
    users = [*province_officers(), *User.objects.filter(role=Role.LEADER, is_active=True), *officers_of(touched)]
    url = reverse("mergers:proposal", args=[proposal.pk])
    notices_send(users=users, kind=kind, text=text, url=url, by=by)


@transaction.atomic
def proposal_approve(
    *, proposal: Proposal, number: str, issued_on: dt.date, authority: str, by, signer: str = "", effective_on=None
) -> Proposal:
    """The decision that approves the proposal, kept for the execution to record on every side."""
    proposal = _locked(proposal, ProposalStatus.SUBMITTED)
    number, authority = clean_text(number), clean_text(authority)
    if not number:
        raise ApplicationError(_("Enter the decision number."), field="number")
    if not authority:
        raise ApplicationError(_("Enter the issuing authority."), field="authority")
    today = timezone.localdate()
    if issued_on > today:
        raise ApplicationError(_("The decision date cannot be in the future."), field="issued_on")
    effective_on = effective_on or issued_on
    if effective_on < issued_on:
        raise ApplicationError(_("The decision cannot take effect before it is issued."), field="effective_on")
    if effective_on > today:
        raise ApplicationError(
            _("The decision takes effect on %(day)s: record it on that day or later.")
            % {"day": f"{effective_on:%d/%m/%Y}"},
            field="effective_on",
        )
    proposal.status = ProposalStatus.APPROVED
    proposal.decision_number, proposal.decision_date, proposal.decision_authority = number, issued_on, authority
    proposal.decision_signer, proposal.effective_on = clean_text(signer), effective_on
    proposal.save()
    audit_log(actor=by, action=Action.UPDATE, obj=proposal, changes={"status": ["submitted", "approved"]}, note=number)
    text = _("The reorganisation proposal “%(title)s” was approved by decision %(number)s.") % {
        "title": proposal.title,
        "number": number,
    }
    _tell(proposal, NoticeKind.PROPOSAL_APPROVED, text, by)
    return proposal


@transaction.atomic
def proposal_refuse(*, proposal: Proposal, reason: str, by) -> Proposal:
    proposal = _locked(proposal, ProposalStatus.SUBMITTED)
    if not reason.strip():
        raise ApplicationError(_("Say why the proposal is refused."), field="reason")
    proposal.status, proposal.refusal_reason = ProposalStatus.REFUSED, reason.strip()
    proposal.save()
    audit_log(actor=by, action=Action.UPDATE, obj=proposal, changes={"status": ["submitted", "refused"]}, note=reason)
    return proposal


def province_batch() -> str:
    """The label the province merger's proposals share (settings.SOHOI_PROVINCE_MERGER names the provinces)."""
    merger = settings.SOHOI_PROVINCE_MERGER
    return f"Hợp nhất tỉnh {merger['continuing']} và tỉnh {merger['joining']}"


PROVINCE_REASON = (
    "Thực hiện Hướng dẫn 05/HD-MTTW-BTT: hội cùng tên, cùng lĩnh vực của hai tỉnh hợp nhất và mang tên đơn vị "
    "hành chính mới (khoản 4 Điều 32 Nghị định 126/2024/NĐ-CP)."
)


@transaction.atomic
def province_proposals_create(*, pairs, by, batch: str) -> list[Proposal]:
    """One consolidation proposal for each pair of the province merger (mergers.selectors.ProvincePair)
    that has none yet, in one step: boundary change (Art 32 k4), the new name the Guidance gives."""
    created = []
    for pair in pairs:
        if pair.proposal is not None:
            continue
        created.append(
            proposal_create(
                kind=ProposalKind.CONSOLIDATION,
                title=f"Đề án hợp nhất {pair.continuing.name} và {pair.joining.name}",
                sources=[pair.continuing, pair.joining],
                results=[{"name": pair.new_name, "abbreviation": pair.continuing.abbreviation}],
                boundary_change=True,
                reason=PROVINCE_REASON,
                batch=batch,
                by=by,
            )
        )
    return created


@transaction.atomic
def batch_submit(*, proposals, by, on=None) -> int:
    drafts = list(Proposal.objects.filter(pk__in=[p.pk for p in proposals], status=ProposalStatus.DRAFT).order_by("pk"))
    for proposal in drafts:
        proposal_submit(proposal=proposal, by=by, on=on)
    return len(drafts)


@transaction.atomic
def batch_approve(*, proposals, by, **decision) -> int:
    """One decision approving every submitted proposal of the batch (all or none)."""
    submitted = list(
        Proposal.objects.filter(pk__in=[p.pk for p in proposals], status=ProposalStatus.SUBMITTED).order_by("pk")
    )
    for proposal in submitted:
        proposal_approve(proposal=proposal, by=by, **decision)
    return len(submitted)
