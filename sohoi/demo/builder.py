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
from sohoi.members.importer import CleanRow
from sohoi.members.imports import refresh_statistics, write_rows
from sohoi.members.models import EligibilityRule
from sohoi.people.models import DatePrecision
from sohoi.registry import services
from sohoi.registry.models import ActivityField, Association, EventKind, Position, ScopeLevel
from sohoi.reporting.models import DeadlineKind, PeriodType, ReportingRegime
from sohoi.reporting.reference import create_form
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

        tn_authority = "UBND tỉnh Thái Nguyên"
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

        # After 01/07/2025: consolidations of the same association of both former provinces.
        for key, (decided, congress) in CONSOLIDATED.items():
            _, name, *_rest = next(k for k in KINDS if k[0] == key)
            new = self.create(key, "new", f"{name} tỉnh Thái Nguyên (mới)", "tn")
            tn, bk = self.by_key[(key, "tn")], self.by_key[(key, "bk")]
            self.event(
                tn,
                EventKind.CONSOLIDATION,
                dt.date.fromisoformat(decided),
                tn_authority,
                "QĐ-UBND",
                other_sources=[bk],
                targets=[new],
            )
            if congress:
                self.event(
                    new,
                    EventKind.FOUNDING_CONGRESS,
                    dt.date.fromisoformat(congress),
                    "Sở Nội vụ tỉnh Thái Nguyên",
                    "QĐ-SNV",
                    leaders=self.leaders(True),
                )
                self.branches(new, "tn", 3)
                self.branches(new, "bk", 2)

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
        """Tens of thousands of members: the region's ethnic mix, some birth years only, and people
        who belong to several associations (the same person in the Elderly Association and the Red Cross)."""
        elderly_pk = self.by_key[("nguoi-cao-tuoi", "new")].pk
        living = sorted(
            Association.objects.filter(status__in=["active", "suspended"]), key=lambda a: (a.pk != elderly_pk, a.pk)
        )
        EligibilityRule.objects.create(
            association=self.by_key[("nguoi-cao-tuoi", "new")],
            min_age=60,
            exception_min_age=55,
            exception_note="tích cực tham gia hoạt động hội",
            source="Điều lệ Hội Người cao tuổi Việt Nam (QĐ 288/QĐ-BNV 2022), Điều 9",
        )
        sizes = {"nguoi-cao-tuoi": 9000, "khuyen-hoc": 7000, "chu-thap-do": 5000, "cuu-tnxp": 1200}
        elders: list[CleanRow] = []
        for association in living:
            key = next((k for (k, p), a in self.by_key.items() if a.pk == association.pk), None)
            count = (
                sizes.get(key, self.rng.randint(150, 700))
                if association.name.endswith("(mới)")
                else (self.rng.randint(100, 600))
            )
            elderly = key == "nguoi-cao-tuoi"
            rows = [self.member_row(association, elderly=elderly) for _ in range(count)]
            if elderly:
                elders = rows
            if key == "chu-thap-do" and elders:
                rows[: len(elders) // 5] = [self.same_person(r) for r in elders[: len(elders) // 5]]
            for start in range(0, len(rows), 5000):
                write_rows(rows[start : start + 5000], association)

    def same_person(self, row: CleanRow) -> CleanRow:
        return row._replace(joined_on=dt.date(self.rng.randint(2015, 2025), self.rng.randint(1, 12), 1), branch_id=None)

    def member_row(self, association: Association, *, elderly: bool) -> CleanRow:
        sex = self.rng.choice("MF")
        year = self.rng.randint(1935, 1963) if elderly else self.rng.randint(1945, 2004)
        joined = dt.date(max(year + (60 if elderly else 18), 2000) + self.rng.randint(0, 5), self.rng.randint(1, 12), 1)
        joined = min(joined, dt.date(2026, 10, 1))
        year_only = self.rng.random() < (0.35 if elderly else 0.1)
        birth = dt.date(year, 1, 1) if year_only else dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        area = "bk" if self.rng.random() < 0.4 else "tn"
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
        )

    def reporting(self) -> None:
        """The seed's regime: 6-month reports of the associations assigned staffing, 2025 and 2026."""
        regime = ReportingRegime.objects.create(
            title="Báo cáo 6 tháng các hội được giao biên chế",
            period_type=PeriodType.HALF_YEAR,
            only_assigned=True,
            deadline_kind=DeadlineKind.WORKING_DAYS_AFTER,
            deadline_value=2,
        )
        create_form(regime)
        for year in (2025, 2026):
            periods_generate(regime=regime, year=year, by=None)

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
            if key:
                user.associations.set([self.by_key[(key, "new")]])


@transaction.atomic
def build_demo(seed: int = SEED) -> bool:
    """Load the demo once; returns False when the registry already has associations."""
    if Association.objects.exists():
        return False
    builder = DemoBuilder(seed)
    builder.build()
    builder.members()
    builder.users()
    builder.reporting()
    refresh_statistics()
    return True
