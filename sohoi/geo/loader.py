"""Loading administrative units from the `vietnam-provinces` package (2025 list) plus the
pre-2025 units the province's history needs.

Takes the model classes as arguments so that the data migration (historical models) and the
``load_units`` command share one loader.
"""

import datetime as dt

from vietnam_provinces import Province, Ward

# Resolution 202/2025/QH15: 34 provinces from 01/07/2025; Law 72/2025/QH15 ended the district level.
REFORM_DAY = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)
REFORM_BASIS = "Nghị quyết 202/2025/QH15; Luật 72/2025/QH15"

# Former Bắc Kạn province (06) and its districts, and the districts of former Thái Nguyên (19),
# with the codes of the pre-2025 national list. All of them now lie in Thái Nguyên (19).
HISTORICAL_PROVINCES = {"06": ("Bắc Kạn", "tỉnh", "19")}
HISTORICAL_DISTRICTS = {
    "06": [
        ("058", "Thành phố Bắc Kạn", "thành phố"),
        ("060", "Huyện Pác Nặm", "huyện"),
        ("061", "Huyện Ba Bể", "huyện"),
        ("062", "Huyện Ngân Sơn", "huyện"),
        ("063", "Huyện Bạch Thông", "huyện"),
        ("064", "Huyện Chợ Đồn", "huyện"),
        ("065", "Huyện Chợ Mới", "huyện"),
        ("066", "Huyện Na Rì", "huyện"),
    ],
    "19": [
        ("164", "Thành phố Thái Nguyên", "thành phố"),
        ("165", "Thành phố Sông Công", "thành phố"),
        ("167", "Huyện Định Hóa", "huyện"),
        ("168", "Huyện Phú Lương", "huyện"),
        ("169", "Huyện Đồng Hỷ", "huyện"),
        ("170", "Huyện Võ Nhai", "huyện"),
        ("171", "Huyện Đại Từ", "huyện"),
        ("172", "Thành phố Phổ Yên", "thành phố"),
        ("173", "Huyện Phú Bình", "huyện"),
    ],
}


def province_code(code) -> str:
    return f"{int(code):02d}"


def commune_code(code) -> str:
    return f"{int(code):05d}"


def load_units(Unit, Succession) -> int:
    """Create the units that are missing; returns how many were created. Idempotent."""
    existing = set(Unit.objects.values_list("level", "code"))
    created = 0
    provinces = {}
    for p in Province.iter_all():
        code = province_code(p.code)
        if ("province", code) not in existing:
            Unit.objects.create(code=code, level="province", name=p.name, division_type=p.division_type.value)
            created += 1
    provinces = {u.code: u for u in Unit.objects.filter(level="province")}

    new_communes = [
        Unit(
            code=commune_code(w.code),
            level="commune",
            name=w.name,
            division_type=w.division_type.value,
            parent=provinces[province_code(w.province_code)],
            valid_from=REFORM_DAY,
        )
        for w in Ward.iter_all()
        if ("commune", commune_code(w.code)) not in existing
    ]
    Unit.objects.bulk_create(new_communes, batch_size=500)
    created += len(new_communes)

    for code, (name, kind, successor_code) in HISTORICAL_PROVINCES.items():
        if ("province", code) not in existing:
            old = Unit.objects.create(
                code=code, level="province", name=name, division_type=kind, valid_to=LAST_DAY_BEFORE_REFORM
            )
            Succession.objects.create(
                predecessor=old,
                successor=provinces[successor_code],
                effective_on=REFORM_DAY,
                legal_basis=REFORM_BASIS,
            )
            created += 1
    provinces = {u.code: u for u in Unit.objects.filter(level="province")}
    for parent_code, districts in HISTORICAL_DISTRICTS.items():
        parent = provinces[parent_code]
        successor = provinces[HISTORICAL_PROVINCES.get(parent_code, (None, None, parent_code))[2]]
        for code, name, kind in districts:
            if ("district", code) in existing:
                continue
            old = Unit.objects.create(
                code=code,
                level="district",
                name=name,
                division_type=kind,
                parent=parent,
                valid_to=LAST_DAY_BEFORE_REFORM,
            )
            Succession.objects.create(
                predecessor=old, successor=successor, effective_on=REFORM_DAY, legal_basis=REFORM_BASIS
            )
            created += 1
    return created
