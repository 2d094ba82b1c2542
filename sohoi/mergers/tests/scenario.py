"""Two associations to consolidate, with what a real pair holds: branches in the same commune and in
others, a person in both (who differs in member type), a member of no branch, a former member, a
member who joins later, staff against a quota, open and finished tasks, a regime that names one of
them, officer accounts."""

import datetime as dt
from dataclasses import dataclass

from sohoi.conferences import services as conferences
from sohoi.conferences.models import Department, Task
from sohoi.members.models import Membership
from sohoi.mergers import services
from sohoi.mergers.models import Proposal
from sohoi.people.models import Person
from sohoi.registry.models import Association, Branch
from sohoi.reporting.models import PeriodType, ReportingRegime
from sohoi.staffing.models import QuotaDecision, Staff
from tests.factories import commune

DECIDED = dt.date(2026, 11, 20)


@dataclass
class Scenario:
    a: Association
    b: Association
    branches: dict[str, Branch]
    persons: dict[str, Person]
    tasks: dict[str, Task]
    regime: ReportingRegime


def person(name: str, cccd: str = "") -> Person:
    return Person.objects.create(full_name=name, name_folded=name.lower(), cccd=cccd)


def member(p: Person, association, joined: str, branch=None, **extra) -> Membership:
    return Membership.objects.create(
        person=p, association=association, branch=branch, joined_on=dt.date.fromisoformat(joined), **extra
    )


def build(cast) -> Scenario:
    a, b = cast.association_a, cast.association_b
    Association.objects.filter(pk__in=[a.pk, b.pk]).update(is_assigned_tasks=True)
    a.refresh_from_db()
    b.refresh_from_db()
    branch = {
        "a_phan_dinh_phung": Branch.objects.create(
            association=a, name="Chi hội Phan Đình Phùng", commune=commune("05443"), established_on=dt.date(2022, 5, 1)
        ),
        "a_duc_xuan": Branch.objects.create(
            association=a, name="Chi hội Đức Xuân", commune=commune("01840"), established_on=dt.date(2022, 5, 1)
        ),
        "b_phan_dinh_phung": Branch.objects.create(
            association=b,
            name="Chi hội phường Phan Đình Phùng",
            commune=commune("05443"),
            established_on=dt.date(2023, 1, 1),
        ),
        "b_closed": Branch.objects.create(
            association=b,
            name="Chi hội cũ",
            commune=commune("01840"),
            established_on=dt.date(2021, 6, 1),
            closed_on=dt.date(2024, 1, 1),
        ),
    }
    people = {
        key: person(name, cccd)
        for key, name, cccd in [
            ("lan", "Hoàng Thị Lan", "019160000001"),
            ("both", "Nông Văn Thắng", "006060000002"),
            ("hoa", "Lò Thị Hoa", "006160000003"),
            ("no_branch", "Ma Văn Dũng", ""),
            ("former", "Triệu Thị Mai", ""),
            ("later", "Hà Văn Nam", ""),
            ("staff", "Lý Thị Hằng", ""),
        ]
    }
    member(people["lan"], a, "2015-03-01", branch["a_phan_dinh_phung"])
    member(people["both"], a, "2018-06-01", branch["a_duc_xuan"], member_number="CTD-0042")
    member(people["both"], b, "2012-01-15", branch["b_phan_dinh_phung"], member_type="associate")
    member(people["hoa"], b, "2019-09-01", branch["b_phan_dinh_phung"])
    member(people["no_branch"], b, "2020-02-01")
    member(people["former"], a, "2010-01-01", branch["a_phan_dinh_phung"], left_on=dt.date(2023, 5, 1))
    member(people["later"], a, "2026-12-15", branch["a_duc_xuan"])
    Staff.objects.create(
        person=people["staff"], association=a, position="office_head", kind="quota", starts_on=dt.date(2022, 6, 1)
    )
    QuotaDecision.objects.create(association=a, year=2026, quota=3, number="12/QĐ-UBND", issued_on=dt.date(2026, 1, 5))
    QuotaDecision.objects.create(association=b, year=2026, quota=2, number="12/QĐ-UBND", issued_on=dt.date(2026, 1, 5))
    home = Department.objects.create(name="Sở Nội vụ", is_home_affairs=True)
    conference = conferences.conference_create(
        data=conferences.ConferenceData(
            held_on=dt.date(2023, 7, 4),
            title="Hội nghị đánh giá hoạt động các hội 6 tháng đầu năm 2023",
            chair="Phó Chủ tịch UBND tỉnh",
            departments=[home],
            associations=[a, b],
            conclusions=["Rà soát các hội có chức năng tương đồng."],
        ),
        by=None,
    )

    def task(title, lead, **extra):
        data = conferences.TaskData(title=title, lead_association=lead, deadline=dt.date(2027, 6, 30), **extra)
        return conferences.task_create(conference=conference, data=data, by=None)

    tasks = {
        "open_b": task("Vận động hội viên tham gia mô hình sinh kế", b, cooperating_associations=[a]),
        "done_a": task("Tổng kết 10 năm hoạt động", a),
    }
    done = conferences.task_report_done(
        task=tasks["done_a"], result="Đã tổng kết.", done_on=dt.date(2024, 1, 10), by=None
    )
    tasks["done_a"] = conferences.task_confirm(task=done, accept=True, comment="", by=None)
    regime = ReportingRegime.objects.create(title="Báo cáo riêng của hai hội", period_type=PeriodType.YEAR)
    regime.associations.set([a])
    return Scenario(a, b, branch, people, tasks, regime)


def consolidation(cast, s: Scenario, *, approve=True) -> Proposal:
    proposal = services.proposal_create(
        kind="consolidation",
        title="Đề án hợp nhất hai hội",
        sources=[s.a, s.b],
        results=[{"name": "Hội Hợp nhất tỉnh Thái Nguyên", "abbreviation": "HHN"}],
        reason="Chức năng, nhiệm vụ tương đồng.",
        by=cast.province_officer,
    )
    if approve:
        services.proposal_submit(proposal=proposal, by=cast.province_officer, on=dt.date(2026, 11, 2))
        services.proposal_approve(
            proposal=proposal,
            number="345/QĐ-UBND",
            issued_on=DECIDED,
            authority="UBND tỉnh Thái Nguyên",
            by=cast.province_officer,
        )
        proposal.refresh_from_db()
    return proposal
