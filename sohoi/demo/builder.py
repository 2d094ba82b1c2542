"""The demo province: Thái Nguyên after 01/07/2025, with the associations of former Thái Nguyên and
former Bắc Kạn, their legal history back to the 2000s, leadership, branches and the 2025 consolidations.

Deterministic: one seeded random generator and fixed dates. Built through the same services the
pages use, so the demo obeys every rule the product enforces.
"""

import datetime as dt
import random

from django.db import transaction
from faker import Faker

from sohoi.accounts.models import User
from sohoi.demo.data import (
    CONSOLIDATED,
    DEMO_PASSWORD,
    DEMO_USERS,
    FUNCTIONS,
    KINDS,
    NOT_IN_BAC_KAN,
    SECTOR_AGENCY,
)
from sohoi.geo.models import AdministrativeUnit
from sohoi.identity import runs as matching_runs
from sohoi.identity.models import MatchRun
from sohoi.identity.services import proposed_pairs_merge
from sohoi.members.importing.records import CleanRow
from sohoi.members.importing.write import refresh_statistics, write_rows
from sohoi.members.models import EligibilityRule
from sohoi.people.models import DatePrecision
from sohoi.registry import services
from sohoi.registry.models import ActivityField, Association, EventKind, Position, ScopeLevel
from sohoi.reporting.models import ConsolidatedReport, DeadlineKind, PeriodType, ReportingPeriod, ReportingRegime
from sohoi.reporting.reference import (
    ANNUAL_INDICATORS,
    ANNUAL_RULES,
    SIX_MONTH_INDICATORS,
    SIX_MONTH_RULES,
    create_form,
)
from sohoi.reporting.services import periods_generate

SEED = 20230704  # the day of the conference in the seed
# Former Bắc Kạn and Thái Nguyên: mostly Tày, Kinh, Dao, Nùng, Mông (Decision 121 codes).
ETHNIC_MIX_CODES = ["02", "01", "09", "07", "08", "15", "18", "04"]
ETHNIC_MIX_WEIGHTS = [34, 36, 10, 10, 5, 2, 2, 1]
MIDDLE_MALE = ["Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân", "Ngọc", "Thanh"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh"]
# Associations whose story ends early (merged in 2022, dissolved in 2024) stop holding congresses.
HISTORY_UNTIL = {("van-nghe-dan-gian", "bk"): dt.date(2022, 6, 1), ("lam-vuon", "bk"): dt.date(2021, 12, 31)}


class DemoBuilder:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(seed)
        self.decision_counter = 0
        communes = list(AdministrativeUnit.objects.filter(level="commune", parent__code="19").order_by("code"))
        # Former Bắc Kạn communes kept their 018xx–02xxx codes (Decision 19/2025/QĐ-TTg).
        self.communes = {
            "bk": [c for c in communes if c.code < "05000"],
            "tn": [c for c in communes if c.code >= "05000"],
        }
        self.fields = {f.name: f for f in ActivityField.objects.all()}
        self.by_key: dict[tuple[str, str], Association] = {}
        self.cccd_serial = 0

    # --- small generators ---------------------------------------------------------------------
    def person_name(self, sex: str) -> str:
        middle = self.rng.choice(MIDDLE_MALE if sex == "M" else MIDDLE_FEMALE)
        first = self.fake.first_name_male() if sex == "M" else self.fake.first_name_female()
        return f"{self.fake.last_name()} {middle} {first}"

    def decision(self, day: dt.date, authority: str, suffix: str) -> services.DecisionData:
        self.decision_counter += 1
        return services.DecisionData(
            number=f"{self.rng.randint(10, 2999)}/{suffix}",
            issued_on=day,
            authority=authority,
            signer=self.person_name("M"),
        )

    def leaders(self, assigned: bool) -> list[services.LeaderData]:
        positions = [Position.CHAIRMAN, Position.VICE_CHAIRMAN]
        if assigned:
            positions += [Position.VICE_CHAIRMAN, Position.SECRETARY_GENERAL]
        positions += [Position.STANDING_BOARD] * self.rng.randint(1, 2)
        positions += [Position.EXECUTIVE_BOARD] * self.rng.randint(3, 5)
        positions += [Position.INSPECTION_HEAD, Position.INSPECTION_MEMBER]
        rows = []
        for position in positions:
            sex = self.rng.choice("MMF")
            rows.append(
                services.LeaderData(
                    full_name=self.person_name(sex), position=position, sex=sex, birth_year=self.rng.randint(1952, 1978)
                )
            )
        return rows

    def event(self, association: Association, kind: str, day: dt.date, authority: str, suffix: str, **extra) -> None:
        data = services.EventData(kind=kind, occurred_on=day, decision=self.decision(day, authority, suffix), **extra)
        services.legal_event_record(association=association, data=data, by=None)

    # --- associations -------------------------------------------------------------------------
    def create(self, key: str, province: str, name: str, area: str) -> Association:
        _, _, abbr, field, assigned, central = next(k for k in KINDS if k[0] == key)
        commune = self.rng.choice(self.communes[area][:12])
        association = services.association_create(
            by=None,
            fields=[self.fields[field]],
            name=name,
            abbreviation=abbr,
            scope_level=ScopeLevel.PROVINCIAL,
            managing_agency=SECTOR_AGENCY.get(field, "Sở Nội vụ"),
            is_assigned_tasks=assigned,
            hq_commune=commune,
            hq_street=f"Số {self.rng.randint(1, 300)}, đường {self.fake.last_name()} {self.fake.first_name_male()}",
            phone=f"0209{self.rng.randint(3000000, 3999999)}"
            if area == "bk"
            else f"0208{self.rng.randint(3000000, 3999999)}",
            email=f"{key.replace('-', '')}.{province}@example.vn",
            central_association=central,
            purpose=f"{name} là tổ chức xã hội tự nguyện, tập hợp, đoàn kết hội viên vì mục đích chung.",
            functions=FUNCTIONS.get(key, ""),
        )
        self.by_key[(key, province)] = association
        return association

    def history(
        self, association: Association, province_label: str, founded: dt.date, until: dt.date, assigned: bool
    ) -> None:
        """Permit → founding congress → charter approval → a term congress every five years up to `until`."""
        authority = f"UBND tỉnh {province_label}"
        self.event(association, EventKind.ESTABLISHMENT_PERMIT, founded, authority, "QĐ-UBND")
        congress = founded + dt.timedelta(days=self.rng.randint(40, 80))
        self.event(
            association,
            EventKind.FOUNDING_CONGRESS,
            congress,
            f"Sở Nội vụ tỉnh {province_label}",
            "QĐ-SNV",
            leaders=self.leaders(assigned),
        )
        self.event(
            association,
            EventKind.CHARTER_APPROVAL,
            congress + dt.timedelta(days=self.rng.randint(30, 60)),
            authority,
            "QĐ-UBND",
        )
        day = congress
        while True:
            day = day.replace(year=day.year + 5) - dt.timedelta(days=self.rng.randint(0, 40))
            if day > until:
                break
            self.event(
                association,
                EventKind.TERM_CONGRESS,
                day,
                f"Sở Nội vụ tỉnh {province_label}",
                "QĐ-SNV",
                leaders=self.leaders(assigned),
            )

    def branches(self, association: Association, area: str, count: int) -> None:
        for commune in self.rng.sample(self.communes[area], count):
            services.branch_create(
                association=association,
                by=None,
                name=f"Chi hội {commune.name}",
                commune=commune,
                street=f"Nhà văn hóa {self.fake.last_name()}",
                established_on=dt.date(self.rng.randint(2005, 2020), self.rng.randint(1, 12), 1),
                head_name=self.person_name(self.rng.choice("MF")),
                deputy_name=self.person_name(self.rng.choice("MF")),
            )

    def build(self) -> None:
        # Former Thái Nguyên and former Bắc Kạn, each with its own history.
        for key, name, _abbr, _field, assigned, _central in KINDS:
            for province, label, area in (("tn", "Thái Nguyên", "tn"), ("bk", "Bắc Kạn", "bk")):
                if province == "bk" and key in NOT_IN_BAC_KAN:
                    continue
                association = self.create(key, province, f"{name} tỉnh {label}", area)
                founded = dt.date(self.rng.randint(1995, 2012), self.rng.randint(1, 12), self.rng.randint(1, 28))
                until = HISTORY_UNTIL.get((key, province), dt.date(2025, 5, 31))
                self.history(association, label, founded, until, assigned)
                self.branches(association, area, self.rng.randint(2, 5))

        # 2019: a rename after the national association changed its name.
        # 2022: former Bắc Kạn's folk-arts association merged into its literature and arts union.
        self.event(
            self.by_key[("van-nghe-dan-gian", "bk")],
            EventKind.MERGER,
            dt.date(2022, 9, 12),
            "UBND tỉnh Bắc Kạn",
            "QĐ-UBND",
            targets=[self.by_key[("vhnt", "bk")]],
        )
        # 2024: the gardeners' association of Bắc Kạn dissolved: no report for two consecutive years.
        self.event(
            self.by_key[("lam-vuon", "bk")],
            EventKind.DISSOLUTION,
            dt.date(2024, 6, 18),
            "UBND tỉnh Bắc Kạn",
            "QĐ-UBND",
            note="Không báo cáo 02 năm liên tiếp (NĐ 126/2024, Điều 30).",
        )

    def consolidate(self) -> None:
        """After 01/07/2025: the same association of both former provinces consolidated, through the
        product's own proposals (sohoi.mergers) — drafted, submitted, approved and carried out as a
        province officer would, so the new associations' members, branches and open tasks are their
        predecessors'. Then the new associations' founding congresses."""
        from sohoi.mergers import execute
        from sohoi.mergers import services as mergers

        province = User.objects.get(username="sonoivu")
        for key, (decided, congress) in CONSOLIDATED.items():
            _, name, *_rest = next(k for k in KINDS if k[0] == key)
            tn, bk = self.by_key[(key, "tn")], self.by_key[(key, "bk")]
            day = dt.date.fromisoformat(decided)
            proposal = mergers.proposal_create(
                kind=EventKind.CONSOLIDATION,
                title=f"Đề án hợp nhất {tn.name} và {bk.name}",
                sources=[tn, bk],
                results=[{"name": f"{name} tỉnh Thái Nguyên (mới)", "abbreviation": tn.abbreviation}],
                boundary_change=True,
                reason=mergers.PROVINCE_REASON,
                batch=mergers.province_batch(),
                by=province,
            )
            mergers.proposal_submit(proposal=proposal, by=province, on=day - dt.timedelta(days=21))
            decision = self.decision(day, "UBND tỉnh Thái Nguyên", "QĐ-UBND")
            mergers.proposal_approve(
                proposal=proposal,
                number=decision.number,
                issued_on=day,
                authority=decision.authority,
                signer=decision.signer,
                by=province,
            )
            execute.proposal_execute(proposal=proposal, by=province)
            new = proposal.results.get().association
            self.by_key[(key, "new")] = new
            if congress:
                self.event(
                    new,
                    EventKind.FOUNDING_CONGRESS,
                    dt.date.fromisoformat(congress),
                    "Sở Nội vụ tỉnh Thái Nguyên",
                    "QĐ-SNV",
                    leaders=self.leaders(True),
                )
        EligibilityRule.objects.create(
            association=self.by_key[("nguoi-cao-tuoi", "new")],
            min_age=60,
            exception_min_age=55,
            exception_note="tích cực tham gia hoạt động hội",
            source="Điều lệ Hội Người cao tuổi Việt Nam (QĐ 288/QĐ-BNV 2022), Điều 9",
            effective_from=dt.date(2022, 4, 6),
        )

    def after(self) -> None:
        tn_authority = "UBND tỉnh Thái Nguyên"
        # 2025: a headquarters move; 2026: a suspension that ends in January.
        self.event(
            self.by_key[("nha-bao", "tn")],
            EventKind.HQ_CHANGE,
            dt.date(2025, 9, 3),
            tn_authority,
            "QĐ-UBND",
            new_hq_commune=self.communes["tn"][0],
            new_hq_street="Số 8, đường Hoàng Văn Thụ",
        )
        self.event(
            self.by_key[("tin-hoc", "tn")],
            EventKind.SUSPENSION,
            dt.date(2026, 9, 1),
            tn_authority,
            "QĐ-UBND",
            suspended_until=dt.date(2027, 2, 27),
            note="Tạm đình chỉ 180 ngày để khắc phục vi phạm về tài chính.",
        )
        # Being founded now: a mobilising committee for former police officers (KL 230-KL/TW lists it).
        services.association_create(
            by=None,
            fields=[self.fields["Xã hội"]],
            name="Hội Cựu Công an nhân dân tỉnh Thái Nguyên",
            abbreviation="CCAND",
            scope_level=ScopeLevel.PROVINCIAL,
            managing_agency="Công an tỉnh",
            is_assigned_tasks=True,
            hq_commune=self.communes["tn"][1],
            hq_street="Số 2, đường Cách Mạng Tháng Tám",
        )

    def members(self) -> None:
        """Tens of thousands of members of the former provinces' associations, before their
        consolidation carries them on: the region's ethnic mix, some birth years only, and people who
        belong to several associations (the same person in the Elderly Association and the Red Cross;
        a few elders who moved from Bắc Kạn and joined in Thái Nguyên too)."""
        where = {a.pk: key for key, a in self.by_key.items()}
        living = sorted(
            Association.objects.filter(status__in=["active", "suspended"]),
            key=lambda a: (where[a.pk][0] != "nguoi-cao-tuoi", where[a.pk][1] != "bk", a.pk),
        )
        sizes = {"nguoi-cao-tuoi": 9000, "khuyen-hoc": 7000, "chu-thap-do": 5000, "cuu-tnxp": 1200}
        share = {"tn": 0.6, "bk": 0.4}
        elders: dict[str, list[CleanRow]] = {}
        for association in living:
            key, area = where[association.pk]
            if key in CONSOLIDATED:
                count = int(sizes.get(key, self.rng.randint(250, 1100)) * share[area])
            else:
                count = self.rng.randint(100, 600)
            elderly = key == "nguoi-cao-tuoi"
            rows = [self.member_row(association, elderly=elderly, area=area) for _ in range(count)]
            if elderly and area == "tn":
                rows[:40] = [self.same_person(r) for r in elders["bk"][:40]]
            if elderly:
                elders[area] = rows
            if key == "chu-thap-do" and elders.get(area):
                shared = elders[area][40 : 40 + len(elders[area]) // 5]
                rows[: len(shared)] = [self.same_person(r) for r in shared]
            for start in range(0, len(rows), 5000):
                write_rows(rows[start : start + 5000], association.pk)

    def same_person(self, row: CleanRow) -> CleanRow:
        return row._replace(joined_on=dt.date(self.rng.randint(2015, 2025), self.rng.randint(1, 12), 1), branch_id=None)

    def member_row(self, association: Association, *, elderly: bool, area: str) -> CleanRow:
        sex = self.rng.choice("MF")
        year = self.rng.randint(1935, 1963) if elderly else self.rng.randint(1945, 2004)
        joined = dt.date(max(year + (60 if elderly else 18), 2000) + self.rng.randint(0, 5), self.rng.randint(1, 12), 1)
        joined = min(joined, dt.date(2026, 10, 1))
        year_only = self.rng.random() < (0.35 if elderly else 0.1)
        birth = dt.date(year, 1, 1) if year_only else dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        commune = self.rng.choice(self.communes[area])
        self.cccd_serial += 1
        cccd = (
            ""
            if self.rng.random() < 0.1
            else (
                f"{'006' if area == 'bk' else '019'}{(year // 100 - 19) * 2 + (sex == 'F')}{year % 100:02d}"
                f"{self.cccd_serial:06d}"
            )
        )
        return CleanRow(
            row=0,
            full_name=self.person_name(sex),
            birth_date=birth,
            birth_precision=DatePrecision.YEAR if year_only else DatePrecision.DAY,
            sex=sex,
            cccd=cccd,
            ethnicity=self.rng.choices(ETHNIC_MIX_CODES, ETHNIC_MIX_WEIGHTS)[0],
            occupation=self.rng.choice(["Nông dân", "Hưu trí", "Giáo viên", "Buôn bán", "Công chức", "Công nhân"]),
            commune_id=commune.pk,
            address=f"Thôn {self.fake.last_name()}",
            phone="",
            member_type="official",
            member_number="",
            branch_id=None,
            joined_on=joined,
            eligibility_exception=False,
        )

    def reporting(self) -> None:
        """The seed's regimes: the 6-month and annual reports of the associations assigned staffing —
        former Bắc Kạn's 6-month period of 2023 submitted and consolidated (the seed's conference of
        04/07/2023 reviewed it), and Thái Nguyên's periods of 2025–2026 in every state."""
        province = User.objects.get(username="sonoivu")
        six = self.regime("Báo cáo 6 tháng các hội được giao biên chế", PeriodType.HALF_YEAR)
        annual = self.regime("Báo cáo năm các hội được giao biên chế", PeriodType.YEAR, ANNUAL_INDICATORS, ANNUAL_RULES)
        bac_kan = self.regime("Báo cáo 6 tháng các hội được giao biên chế tỉnh Bắc Kạn", PeriodType.HALF_YEAR)
        bac_kan.associations.set([a for (_key, area), a in self.by_key.items() if area == "bk"])
        [bk_2023] = periods_generate(regime=bac_kan, year=2023, by=None)
        self.fill_period(bk_2023, province, lambda n, a: "accepted")
        ConsolidatedReport.objects.create(
            period=bk_2023,
            parent_body="UBND TỈNH BẮC KẠN",
            place="Bắc Kạn",
            number="86/BC-SNV",
            issued_on=dt.date(2023, 6, 28),
            narrative=(
                "Thực hiện chế độ báo cáo định kỳ, các hội cấp tỉnh được giao biên chế đã gửi báo cáo kết quả "
                "hoạt động 6 tháng đầu năm 2023 đúng hạn.\n"
                "Các hội tiếp tục phát huy vai trò tập hợp, đoàn kết hội viên, tham gia công tác an sinh xã hội, "
                "nhân đạo, từ thiện, khuyến học, khuyến tài và xây dựng đời sống văn hóa ở cơ sở.\n"
                "Nhiệm vụ 6 tháng cuối năm: tiếp tục thực hiện Chỉ thị 17-CT/TW và Kết luận 102-KL/TW; rà soát "
                "các hội có chức năng, nhiệm vụ tương đồng để đề xuất hợp nhất, sáp nhập theo quy định."
            ),
            signer_name="Hoàng Thị Thu",
        )
        for year in (2025, 2026):
            periods_generate(regime=six, year=year, by=None)
            periods_generate(regime=annual, year=year, by=None)
        periods = {(p.regime_id, p.year): p for p in ReportingPeriod.objects.all()}
        # 2025: everything accepted, three late, one returned once before it was accepted.
        self.fill_period(periods[(six.pk, 2025)], province, lambda n, a: "late" if n in (2, 7, 11) else "accepted")
        self.fill_period(periods[(annual.pk, 2025)], province, lambda n, a: "late" if n == 4 else "accepted")
        # 2026, first half: the province is still reviewing; the demo officers have work to do.
        mix = {0: "returned", 1: "submitted", 3: "draft", 5: "missing", 8: "late", 9: "submitted", 12: "missing"}
        mix_for = {self.by_key[("chu-thap-do", "new")]: "returned", self.by_key[("nguoi-cao-tuoi", "new")]: "draft"}
        self.fill_period(periods[(six.pk, 2026)], province, lambda n, a: mix_for.get(a) or mix.get(n, "accepted"))
        # 2026, the year: the period ends on 14/12; a few drafts have been started.
        self.fill_period(periods[(annual.pk, 2026)], province, lambda n, a: "draft" if n % 3 == 0 else "missing")

    def regime(self, title, period_type, indicators=SIX_MONTH_INDICATORS, rules=SIX_MONTH_RULES):
        """The regime of this title: the one a fresh installation has (reporting migration 0005), or a new one."""
        ready = ReportingRegime.objects.filter(title=title).first()
        if ready is not None:
            return ready
        regime = ReportingRegime.objects.create(
            title=title,
            period_type=period_type,
            only_assigned=True,
            deadline_kind=DeadlineKind.WORKING_DAYS_AFTER,
            deadline_value=2,
        )
        create_form(regime, indicators, rules)
        return regime

    def report_values(self, report, association) -> dict:
        values = dict(report.values)  # what the registry pre-filled
        members = int(values.get("members") or 0) or self.rng.randint(800, 9000)
        values["members"] = members
        values["new_members"] = min(int(values.get("new_members") or 0) or self.rng.randint(10, 300), members)
        values["women"] = min(int(values.get("women") or 0) or members * self.rng.randint(35, 60) // 100, members)
        values.setdefault("ethnic_minority", members * self.rng.randint(40, 70) // 100)
        values["money"] = self.rng.randint(5, 900) * 1_000_000
        for code, low, high in (
            ("beneficiaries", 50, 4000),
            ("activities", 3, 40),
            ("legal_sessions", 1, 25),
            ("digital_activities", 0, 12),
            ("trainings", 1, 6),
            ("left_members", 0, 60),
        ):
            values[code] = self.rng.randint(low, high)
        values["production_models"] = min(self.rng.randint(0, 400), members)
        short = association.name.replace(" tỉnh Thái Nguyên (mới)", "").replace(" tỉnh Thái Nguyên", "")
        values["results"] = (
            f"{short} tổ chức {values['activities']} hoạt động, phong trào; vận động "
            f"{values['money']:,} đồng; hỗ trợ {values['beneficiaries']:,} lượt người.".replace(",", ".")
        )
        values["shortcomings"] = self.rng.choice(
            [
                "Kinh phí hoạt động còn hạn hẹp; một số chi hội ở vùng cao hoạt động chưa đều.",
                "Công tác phát triển hội viên trẻ còn chậm; ứng dụng công nghệ thông tin còn hạn chế.",
                "Cán bộ hội kiêm nhiệm nhiều việc, chưa được bồi dưỡng nghiệp vụ thường xuyên.",
            ]
        )
        values["next_tasks"] = (
            "Chăm lo đời sống hội viên; vận động hội viên tham gia mô hình sản xuất theo chuỗi giá trị."
        )
        values["proposals"] = self.rng.choice(["", "Đề nghị tỉnh hỗ trợ kinh phí tập huấn cán bộ chi hội."])
        codes = set(report.period.form.indicators.values_list("code", flat=True))
        return {k: str(v) for k, v in values.items() if k in codes and v != ""}

    def fill_period(self, period, province, state_of) -> None:
        """Reports of the period's expected associations; `state_of(n, association)` gives the n-th one's
        state: missing, draft, submitted, returned, accepted or late (accepted, submitted after the deadline)."""
        from sohoi.reporting import services as reporting
        from sohoi.reporting.models import Report, ReportVersion
        from sohoi.reporting.selectors import expected_associations

        for n, association in enumerate(expected_associations(period)):
            state = state_of(n, association)
            if state == "missing":
                continue
            report = reporting.report_open(period=period, association=association, by=None)
            values = self.report_values(report, association)
            if state == "draft":
                reporting.report_save(report=report, values=values, revision=report.revision, by=None)
                continue
            report = reporting.report_submit(report=report, values=values, revision=report.revision, by=None)
            late = state == "late"
            day = period.due_on + dt.timedelta(days=self.rng.randint(2, 12) if late else -self.rng.randint(0, 3))
            when = dt.datetime.combine(day, dt.time(9 + n % 7, 15), tzinfo=dt.UTC)
            Report.objects.filter(pk=report.pk).update(first_submitted_at=when)
            ReportVersion.objects.filter(report=report).update(submitted_at=when)
            if state == "returned" or n == 5:
                report = reporting.report_return(
                    report=report,
                    comment="Đề nghị bổ sung kinh phí vận động và làm rõ số hội viên mới kết nạp.",
                    by=province,
                )
                if state == "returned":
                    continue
                values["money"] = str(int(values["money"]) + 12_000_000)
                report = reporting.report_submit(report=report, values=values, revision=report.revision, by=None)
            if state in ("accepted", "late"):
                reporting.report_accept(report=report, by=province)

    def seed_conference(self) -> None:
        """The seed's conference of 04/07/2023 (former Bắc Kạn) and its tasks — before the consolidations,
        which pass the open ones on. Notice numbers are made up."""
        from sohoi.conferences import services as tasks
        from sohoi.conferences.models import Department

        home = Department.objects.create(name="Sở Nội vụ", is_home_affairs=True)
        justice = Department.objects.create(name="Sở Tư pháp")
        for name in ("Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"):
            Department.objects.create(name=name)
        bk = {key: a for (key, area), a in self.by_key.items() if area == "bk"}
        assign, story = self._task_tools()

        seed = tasks.conference_create(
            data=tasks.ConferenceData(
                held_on=dt.date(2023, 7, 4),
                title=(
                    "Hội nghị đánh giá kết quả hoạt động 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm "
                    "2023 của các tổ chức hội cấp tỉnh được giao biên chế"
                ),
                chair="Đồng chí Phạm Duy Hưng, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Bắc Kạn",
                place="UBND tỉnh Bắc Kạn",
                departments=[home],
                associations=[a for a in bk.values() if a.is_assigned_tasks],
                notice_number="168/TB-UBND",
                notice_date=dt.date(2023, 7, 10),
                conclusions=[
                    "Tiếp tục thực hiện Chỉ thị 17-CT/TW ngày 28/8/2012 của Ban Bí thư và Kết luận 102-KL/TW ngày "
                    "22/9/2014 của Bộ Chính trị về hội quần chúng.",
                    "Rà soát các hội đã thành lập; hội có chức năng, nhiệm vụ tương đồng thì đề xuất hợp nhất, sáp "
                    "nhập để tinh gọn bộ máy theo quy định.",
                    "Các hội chăm lo đời sống vật chất, tinh thần của hội viên; vận động hội viên tham gia mô hình "
                    "sản xuất liên kết theo chuỗi giá trị; tham gia, tuyên truyền chuyển đổi số; tham mưu tuyên "
                    "truyền, phổ biến, giáo dục pháp luật.",
                    "Sở Nội vụ tham mưu quy định độ tuổi tham gia tổ chức hội; cử cán bộ đi đào tạo, bồi dưỡng; đề "
                    "xuất luân chuyển, điều động viên chức tại một số hội; tiếp thu ý kiến, hoàn thiện báo cáo.",
                ],
            ),
            by=None,
        )
        d = dt.date
        t = assign(seed, 4, "Tiếp thu ý kiến, hoàn thiện báo cáo kết quả 6 tháng đầu năm 2023", home, d(2023, 7, 14))
        story(t, done=d(2023, 7, 12), result="Đã hoàn thiện, trình UBND tỉnh Báo cáo số 86/BC-SNV.")
        t = assign(
            seed,
            2,
            "Rà soát các hội có chức năng, nhiệm vụ tương đồng; đề xuất hợp nhất, sáp nhập",
            home,
            d(2023, 12, 31),
        )
        story(
            t,
            progress=[(d(2023, 9, 15), 40, "Đã rà soát 16 hội cấp tỉnh."), (d(2023, 12, 20), 80, "Dự thảo đề xuất.")],
            done=d(2024, 1, 22),
            result="Đề xuất hợp nhất 02 hội có chức năng tương đồng (Tờ trình số 15/TTr-SNV).",
        )
        t = assign(
            seed, 4, "Tham mưu quy định độ tuổi tham gia các tổ chức hội", home, d(2023, 10, 31), cooperating=[justice]
        )
        story(
            t,
            progress=[(d(2023, 8, 20), 50, "Đã xin ý kiến các hội.")],
            done=d(2023, 10, 25),
            result="UBND tỉnh ban hành hướng dẫn về độ tuổi tham gia hội (theo KL 32-KL/TW).",
        )
        t = assign(seed, 4, "Cử cán bộ, viên chức các hội đi đào tạo, bồi dưỡng theo quy định", home, d(2023, 12, 31))
        story(t, done=d(2023, 12, 15), result="Cử 12 lượt cán bộ dự lớp bồi dưỡng quản lý nhà nước.")
        t = assign(seed, 4, "Đề xuất luân chuyển, điều động viên chức tại một số hội", home, d(2024, 3, 31))
        story(
            t,
            progress=[
                (d(2024, 2, 1), 30, "Đã khảo sát nhu cầu tại 5 hội."),
                (d(2024, 8, 15), 70, "Dự thảo phương án."),
            ],
            asked=(d(2024, 3, 25), d(2024, 6, 30), "Chờ kết quả sắp xếp đơn vị hành chính."),
            granted=d(2024, 3, 28),
        )
        t = assign(
            seed, 3, "Chăm lo đời sống vật chất, tinh thần của hội viên", bk["nguoi-cao-tuoi"], rhythm="half_year"
        )
        story(t, progress=[(d(2023, 12, 20), 50, "Thăm hỏi, tặng quà 1.250 hội viên cao tuổi.")])
        t = assign(
            seed,
            3,
            "Vận động hội viên tham gia mô hình sản xuất liên kết theo chuỗi giá trị",
            bk["lien-hiep-khkt"],
            d(2023, 12, 31),
        )
        story(t, done=d(2024, 2, 2), result="Hỗ trợ 3 mô hình trồng cam, chè theo chuỗi giá trị.")
        t = assign(seed, 3, "Tham gia, tuyên truyền chuyển đổi số của tỉnh", bk["nha-bao"], d(2023, 12, 31))
        story(t, progress=[(d(2023, 11, 10), 60, "Tổ chức 4 lớp kỹ năng số cho hội viên.")])
        t = assign(seed, 3, "Tham mưu tuyên truyền, phổ biến, giáo dục pháp luật", bk["luat-gia"], d(2023, 12, 31))
        story(t, done=d(2023, 12, 28), result="Tổ chức 18 buổi tuyên truyền pháp luật cho 1.600 lượt người.")

    def _task_tools(self):
        """assign(conference, conclusion, title, lead, …) and story(task, …): tasks created and their
        history replayed through the services, dated as it happened."""
        from sohoi.conferences import services as tasks
        from sohoi.conferences.models import Department, TaskUpdate

        province = User.objects.get(username="sonoivu")

        def when(day):
            return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)

        def story(task, *, progress=(), asked=None, granted=None, done=None, result=""):
            """Replay a task's history through the services, dated as it happened."""
            for day, percent, text in progress:
                tasks.task_progress(task=task, text=text, percent=percent, by=None)
                TaskUpdate.objects.filter(task=task).order_by("-id").update(created_at=when(day))
            if asked:
                day, deadline, reason = asked
                tasks.task_extension_ask(task=task, new_deadline=deadline, reason=reason, by=None)
                TaskUpdate.objects.filter(task=task).order_by("-id").update(created_at=when(day))
                task = tasks.task_extension_decide(task=task, grant=True, comment="Đồng ý gia hạn.", by=province)
                TaskUpdate.objects.filter(task=task).order_by("-id").update(created_at=when(granted))
            if done:
                tasks.task_report_done(task=task, result=result, done_on=done, by=None)
                TaskUpdate.objects.filter(task=task).order_by("-id").update(created_at=when(done))
                tasks.task_confirm(task=task, accept=True, comment="", by=province)
                TaskUpdate.objects.filter(task=task).order_by("-id").update(
                    created_at=when(done + dt.timedelta(days=3))
                )

        def assign(conference, conclusion, title, lead, deadline=None, rhythm="", cooperating=()):
            data = tasks.TaskData(
                title=title,
                conclusion=conference.conclusions.get(number=conclusion),
                lead_department=lead if isinstance(lead, Department) else None,
                lead_association=None if isinstance(lead, Department) else lead,
                deadline=deadline,
                rhythm=rhythm,
                cooperating_departments=[c for c in cooperating if isinstance(c, Department)],
                cooperating_associations=[c for c in cooperating if not isinstance(c, Department)],
            )
            task = tasks.task_create(conference=conference, data=data, by=None)
            TaskUpdate.objects.filter(task=task).update(created_at=when(conference.notice_date))
            return task

        return assign, story

    def merger_conference(self) -> None:
        """A 2025 conference on the consolidation of the associations of the two former provinces."""
        from sohoi.conferences import services as tasks
        from sohoi.conferences.models import Department

        home = Department.objects.get(is_home_affairs=True)
        finance = Department.objects.get(name="Sở Tài chính")
        new = {key: a for (key, area), a in self.by_key.items() if area == "new"}
        assign, story = self._task_tools()
        d = dt.date
        merger = tasks.conference_create(
            data=tasks.ConferenceData(
                held_on=dt.date(2025, 7, 22),
                title="Hội nghị triển khai việc hợp nhất các hội của tỉnh Bắc Kạn và tỉnh Thái Nguyên (cũ)",
                chair="Đồng chí Phó Chủ tịch UBND tỉnh Thái Nguyên",
                place="UBND tỉnh Thái Nguyên",
                departments=[home, finance],
                associations=[self.by_key[(key, area)] for key in CONSOLIDATED for area in ("tn", "bk")],
                notice_number="95/TB-UBND",
                notice_date=dt.date(2025, 7, 28),
                conclusions=[
                    "Các hội cùng loại của hai tỉnh xây dựng đề án hợp nhất, hoàn thành trước 31/10/2025.",
                    "Sau hợp nhất, các hội hoàn thiện điều lệ, kiện toàn tổ chức, bàn giao hồ sơ, tài chính, tài sản.",
                    "Sở Nội vụ hướng dẫn, rà soát biên chế các hội sau hợp nhất và báo cáo kết quả.",
                ],
            ),
            by=None,
        )
        t = assign(merger, 3, "Hướng dẫn các hội xây dựng đề án hợp nhất", home, d(2025, 8, 15))
        story(t, done=d(2025, 8, 12), result="Công văn hướng dẫn số 1520/SNV-TCBC.")
        t = assign(
            merger,
            1,
            "Xây dựng đề án hợp nhất Hội Chữ thập đỏ hai tỉnh",
            self.by_key[("chu-thap-do", "tn")],
            d(2025, 8, 31),
            cooperating=[self.by_key[("chu-thap-do", "bk")]],
        )
        story(t, done=d(2025, 8, 18), result="Đề án được UBND tỉnh phê duyệt ngày 20/8/2025.")
        t = assign(
            merger,
            2,
            "Hoàn thiện điều lệ Hội Chữ thập đỏ tỉnh sau hợp nhất, trình phê duyệt",
            new["chu-thap-do"],
            d(2026, 12, 31),
        )
        story(t, progress=[(d(2026, 3, 2), 30, "Dự thảo điều lệ."), (d(2026, 9, 15), 60, "Lấy ý kiến các chi hội.")])
        t = assign(
            merger,
            2,
            "Kiện toàn các chi hội ở các xã thuộc tỉnh Bắc Kạn cũ",
            new["chu-thap-do"],
            d(2026, 11, 30),
            cooperating=[new["nguoi-cao-tuoi"]],
        )
        story(t, progress=[(d(2026, 10, 5), 40, "Đã kiện toàn 14/35 chi hội.")])
        t = assign(
            merger,
            2,
            "Bàn giao hồ sơ, tài chính, tài sản của Hội Người cao tuổi hai tỉnh",
            new["nguoi-cao-tuoi"],
            d(2026, 3, 31),
            cooperating=[finance],
        )
        story(t, progress=[(d(2026, 2, 10), 50, "Đã bàn giao hồ sơ; còn tài sản.")])
        t = assign(
            merger, 3, "Rà soát, đề xuất biên chế các hội sau hợp nhất", home, d(2026, 6, 30), cooperating=[finance]
        )
        story(t, done=d(2026, 7, 10), result="Tờ trình giao biên chế năm 2027 cho 6 hội sau hợp nhất.")
        assign(merger, 3, "Báo cáo UBND tỉnh kết quả hợp nhất các hội", home, d(2026, 12, 15))
        t = assign(merger, 2, "Duy trì phong trào khuyến học ở các xã sau hợp nhất", new["khuyen-hoc"], rhythm="year")
        story(t, progress=[(d(2026, 6, 1), 50, "Trao 320 suất học bổng.")])

    def staffing(self) -> None:
        """Quotas and staff of the associations assigned tasks by the Party and State: some over or under
        their quota, some trained and some not, a rotation waiting for its decision, a decided transfer,
        and a chairman who would be over the age limit at the next congress."""
        from sohoi.people.services import person_create
        from sohoi.registry.models import Position, Status
        from sohoi.staffing import services as staffing
        from sohoi.staffing.models import Staff

        live = (
            Association.objects.filter(is_assigned_tasks=True)
            .exclude(status__in=[Status.CEASED, Status.DISSOLVED, Status.PROPOSED])
            .order_by("name_folded")
        )
        everyone = []
        for n, association in enumerate(live):
            posts = self.rng.randint(2, 5)
            for year, issued in ((2025, dt.date(2025, 1, 10)), (2026, dt.date(2026, 1, 8))):
                staffing.quota_record(
                    association=association,
                    year=year,
                    quota=posts,
                    number=f"{self.rng.randint(20, 400)}/QĐ-UBND",
                    issued_on=issued,
                    authority="UBND tỉnh Thái Nguyên",
                    by=None,
                )
            filled = posts + (1 if n % 5 == 0 else -self.rng.randint(0, 1))  # a few over, some vacant
            roles = [("chairman", "retired", (1956, 1962))]
            roles += [("vice_chairman", "quota", (1966, 1975)), ("office_head", "quota", (1970, 1985))]
            roles += [("specialist", "quota", (1975, 1996))] * max(filled - 2, 0)
            roles += [("accountant", "contract", (1985, 1998))]
            for position, kind, (first, last) in roles:
                sex = self.rng.choice("MMF")
                born = dt.date(self.rng.randint(first, last), self.rng.randint(1, 12), self.rng.randint(1, 28))
                person = person_create(full_name=self.person_name(sex), sex=sex, birth_date=born)
                start = dt.date(self.rng.randint(2012, 2025), self.rng.randint(1, 12), 1)
                everyone.append(
                    staffing.staff_add(
                        person=person,
                        association=association,
                        position=position,
                        kind=kind,
                        starts_on=start,
                        salary_grade=f"{self.rng.choice(['2.34', '2.67', '3.00', '3.33', '3.66', '4.40'])}",
                        by=None,
                    )
                )
        courses = [
            ("Trung cấp lý luận chính trị - hành chính", "political", "Trường Chính trị tỉnh", dt.date(2024, 3, 4)),
            (
                "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên",
                "state_management",
                "Sở Nội vụ",
                dt.date(2025, 5, 12),
            ),
            ("Nghiệp vụ công tác hội", "professional", "Sở Nội vụ", dt.date(2025, 9, 8)),
            ("Kỹ năng số cho cán bộ hội", "it", "Sở Khoa học và Công nghệ", dt.date(2026, 4, 6)),
        ]
        for name, kind, organiser, start in courses:
            course = staffing.course_create(
                name=name,
                kind=kind,
                organiser=organiser,
                starts_on=start,
                ends_on=start + dt.timedelta(days=25),
                by=None,
            )
            for member in self.rng.sample(everyone, k=len(everyone) * 3 // 5):
                staffing.attendance_add(
                    course=course, person=member.person, certificate=f"CC-{self.rng.randint(100, 999)}", by=None
                )
        red_cross, elderly = self.by_key[("chu-thap-do", "new")], self.by_key[("nguoi-cao-tuoi", "new")]
        learning = self.by_key[("khuyen-hoc", "new")]
        mover = Staff.objects.filter(association=learning, position="specialist").first()
        staffing.transfer_propose(
            staff=mover,
            to_association=red_cross,
            to_position="office_head",
            kind="rotation",
            reason="Luân chuyển để tăng cường cán bộ cho Hội Chữ thập đỏ sau hợp nhất.",
            proposed_on=dt.date(2026, 10, 20),
            by=None,
        )
        moved = (
            Staff.objects.filter(association=red_cross, position="specialist").first()
            or Staff.objects.filter(association=red_cross).exclude(position="chairman").first()
        )
        transfer = staffing.transfer_propose(
            staff=moved,
            to_association=elderly,
            to_position="specialist",
            kind="transfer",
            reason="Điều động theo đề án sắp xếp cán bộ các hội sau hợp nhất.",
            proposed_on=dt.date(2026, 2, 2),
            by=None,
        )
        staffing.transfer_decide(
            transfer=transfer,
            approve=True,
            number="112/QĐ-SNV",
            decided_on=dt.date(2026, 2, 20),
            effective_on=dt.date(2026, 3, 1),
            by=None,
        )
        # The new Red Cross's chairman would be 72 at the next congress (KL 32-KL/TW: at most 70).
        term = red_cross.terms.order_by("-number").first()
        chairman = term.leaders.get(position=Position.CHAIRMAN).person
        chairman.birth_date = dt.date(1958, 1, 1)
        chairman.save(update_fields=["birth_date"])

    def users(self) -> None:
        for username, full_name, role, key in DEMO_USERS:
            last, first = full_name.rsplit(" ", 1)
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                first_name=first,
                last_name=last,
                email=f"{username}@example.vn",
            )
            if key:  # an officer of the former Thái Nguyên association: the consolidation moves them on
                user.associations.set([self.by_key[(key, "tn")]])

    def identity(self) -> None:
        """The demo's duplicates found as a province officer would: a matching run over the registry, the
        pairs proposed for merging merged, the doubtful ones left in the review queue."""
        province = User.objects.get(username="sonoivu")
        matching_runs.match_run_execute(MatchRun.objects.create(created_by=province))
        proposed_pairs_merge(by=province)


@transaction.atomic
def build_demo(seed: int = SEED) -> bool:
    """Load the demo once; returns False when the registry already has associations."""
    if Association.objects.exists():
        return False
    builder = DemoBuilder(seed)
    builder.build()
    builder.members()
    builder.users()
    builder.seed_conference()
    builder.consolidate()
    builder.after()
    builder.reporting()
    builder.merger_conference()
    builder.staffing()
    builder.identity()
    refresh_statistics()
    return True
