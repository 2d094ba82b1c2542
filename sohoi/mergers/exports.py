"""The overlap ranking as an .xlsx for the leaders' meeting; a proposal's simulation as a .docx annex."""

from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.core.docx import Letterhead, administrative_document, number_text
from sohoi.core.xlsx import table
from sohoi.mergers.models import ProposalKind
from sohoi.mergers.overlap import Overlap
from sohoi.mergers.reasons import reasons
from sohoi.mergers.simulate import FIGURES, Simulation


def overlap_workbook(pairs: list[Overlap]) -> bytes:
    header = [
        _("No."),
        _("Association"),
        _("Association"),
        _("Score"),
        _("Functions alike (%)"),
        _("Members in both"),
        _("Share of the smaller (%)"),
        _("Communes with branches of both"),
        _("Why"),
    ]
    rows = [
        [
            number,
            o.a.name,
            o.b.name,
            round(o.score, 3),
            round(o.signals["text"] * 100),
            o.shared_members,
            round(o.member_containment * 100),
            o.shared_communes,
            "; ".join(reasons(o)),
        ]
        for number, o in enumerate(pairs, start=1)
    ]
    return table(_("Overlapping associations"), header, rows)


def simulation_annex(simulation: Simulation) -> bytes:
    """The simulation as an annex to the đề án, in the Decree 30/2020 format (core.docx): the sides,
    the members as unique persons, staff against the quota, the leadership checks, what moves, the
    deadlines and the predecessors' figures; the branches by commune on a landscape page."""
    proposal = simulation.plan.proposal
    day = proposal.decision_date or timezone.localdate()
    narrative = [
        _("Reorganisation: %(kind)s. Associations reorganised: %(sources)s. Resulting: %(results)s.")
        % {
            "kind": ProposalKind(proposal.kind).label,
            "sources": "; ".join(line.association.name for line in simulation.sources),
            "results": "; ".join(r.name for r in simulation.results),
        },
        _("Members before: %(before)s memberships; after: %(after)s unique persons.")
        % {"before": number_text(simulation.members_before), "after": number_text(simulation.members_after)},
        _("Staff carried over: %(staff)s; combined quota for %(year)s: %(quota)s.")
        % {
            "staff": simulation.staff,
            "year": simulation.quota_year,
            "quota": "—" if simulation.quota is None else simulation.quota,
        },
    ]
    if simulation.congress_due:
        narrative.append(
            _("The new association holds its congress by %(day)s (60 working days, Decree 126/2024 Art 32).")
            % {"day": f"{simulation.congress_due:%d/%m/%Y}"}
        )
    rows = [[line.association.name, line.members, line.branches, line.staff] for line in simulation.sources] + [
        [f"→ {r.name}", r.members, len(r.branches), ""] for r in simulation.results
    ]
    sections = []
    for r in simulation.results:
        lines = [
            _("%(name)s: %(persons)s persons carried; %(several)s were members of several sources (counted once).")
            % {"name": r.name, "persons": number_text(r.carried.persons), "several": r.carried.in_several}
        ]
        lines += [
            _("To check: %(name)s — %(what)s differs.") % {"name": p.full_name, "what": what} for p, what in r.conflicts
        ]
        sections.append((_("Members"), lines))
    sections.append((_("Interim leadership"), simulation.leader_warnings or [_("No rule is broken.")]))
    sections.append((_("Open tasks that move"), [t.title for t in simulation.tasks] or [_("None.")]))
    sections.append(
        (
            _("Figures of the last periods, as the sum of the predecessors"),
            [
                f"{past.period}: "
                + ", ".join(f"{FIGURES[code]} {number_text(value)}" for code, value in past.totals.items())
                for past in simulation.past
            ]
            or [_("No accepted report yet.")],
        )
    )
    annex_rows = [
        [r.name, line.commune, ", ".join(b.name for b in line.before), line.after]
        for r in simulation.results
        for line in r.branches
    ]
    return administrative_document(
        kind="PHỤ LỤC",
        subtitle=_("RESULT OF THE SIMULATION"),
        title=proposal.title,
        narrative=narrative,
        table_header=[_("Association"), _("Members"), _("Branches"), _("Staff")],
        table_rows=rows,
        day=day,
        head=Letterhead(
            number="Số:      /ĐA-SNV", recipients=("UBND tỉnh;", "Các hội có tên trong đề án;", "Lưu: VT.")
        ),
        sections=sections,
        annex=(
            _("Branches by commune"),
            [_("Association"), _("Commune"), _("Branches before"), _("Branch after")],
            annex_rows,
        ),
    )
