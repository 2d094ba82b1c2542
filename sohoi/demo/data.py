"""Where the demo's association kinds come from: ../shared/data/association_kinds.vi.json, copied
here as the short table the demo needs (the shared folder is not part of a deployment)."""

# key, name, abbreviation, field, assigned, (members low, high), central association
KINDS = [
    ("chu-thap-do", "Hội Chữ thập đỏ", "CTĐ", "Nhân đạo, từ thiện", True, "Trung ương Hội Chữ thập đỏ Việt Nam"),
    ("nguoi-cao-tuoi", "Hội Người cao tuổi", "NCT", "Xã hội", True, "Trung ương Hội Người cao tuổi Việt Nam"),
    ("khuyen-hoc", "Hội Khuyến học", "KH", "Giáo dục", True, "Hội Khuyến học Việt Nam"),
    ("dong-y", "Hội Đông y", "ĐY", "Y tế", True, "Trung ương Hội Đông y Việt Nam"),
    ("cham-cuu", "Hội Châm cứu", "CC", "Y tế", False, "Hội Châm cứu Việt Nam"),
    ("luat-gia", "Hội Luật gia", "LG", "Pháp luật", True, "Hội Luật gia Việt Nam"),
    ("nha-bao", "Hội Nhà báo", "NB", "Báo chí", True, "Hội Nhà báo Việt Nam"),
    (
        "vhnt",
        "Hội Văn học Nghệ thuật",
        "VHNT",
        "Văn hóa, nghệ thuật",
        True,
        "Liên hiệp các Hội Văn học Nghệ thuật Việt Nam",
    ),
    (
        "van-nghe-dan-gian",
        "Hội Văn nghệ dân gian",
        "VNDG",
        "Văn hóa, nghệ thuật",
        False,
        "Hội Văn nghệ dân gian Việt Nam",
    ),
    (
        "lien-hiep-khkt",
        "Liên hiệp các Hội Khoa học và Kỹ thuật",
        "LHH",
        "Khoa học, công nghệ",
        True,
        "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam",
    ),
    ("tin-hoc", "Hội Tin học", "TH", "Khoa học, công nghệ", False, "Hội Tin học Việt Nam"),
    (
        "nan-nhan-da-cam",
        "Hội Nạn nhân chất độc da cam/dioxin",
        "NNCĐDC",
        "Nhân đạo, từ thiện",
        True,
        "Hội Nạn nhân chất độc da cam/dioxin Việt Nam",
    ),
    (
        "cuu-tnxp",
        "Hội Cựu Thanh niên xung phong",
        "CTNXP",
        "Xã hội",
        True,
        "Trung ương Hội Cựu Thanh niên xung phong Việt Nam",
    ),
    (
        "cuu-tu-chinh-tri",
        "Hội Cựu tù chính trị và tù binh",
        "CTCT",
        "Xã hội",
        True,
        "Hội Cựu tù chính trị và tù binh Việt Nam",
    ),
    ("nguoi-mu", "Hội Người mù", "NM", "Xã hội", True, "Hội Người mù Việt Nam"),
    (
        "bao-tro-nkt-tmc",
        "Hội Bảo trợ người khuyết tật và trẻ mồ côi",
        "BTNKT&TMC",
        "Nhân đạo, từ thiện",
        True,
        "Hội Bảo trợ người khuyết tật và trẻ mồ côi Việt Nam",
    ),
    ("nguoi-khuyet-tat", "Hội Người khuyết tật", "NKT", "Xã hội", False, "Liên hiệp Hội về người khuyết tật Việt Nam"),
    (
        "huu-nghi",
        "Liên hiệp các tổ chức hữu nghị",
        "LHHN",
        "Đối ngoại nhân dân",
        True,
        "Liên hiệp các tổ chức hữu nghị Việt Nam",
    ),
    ("cuu-giao-chuc", "Hội Cựu giáo chức", "CGC", "Giáo dục", False, "Hội Cựu giáo chức Việt Nam"),
    ("lam-vuon", "Hội Làm vườn", "LV", "Nông nghiệp", False, "Hội Làm vườn Việt Nam"),
    ("sinh-vat-canh", "Hội Sinh vật cảnh", "SVC", "Nông nghiệp", False, "Hội Sinh vật cảnh Việt Nam"),
    ("doanh-nghiep", "Hiệp hội Doanh nghiệp", "HHDN", "Kinh tế", False, ""),
    ("doanh-nhan-tre", "Hội Doanh nhân trẻ", "DNT", "Kinh tế", False, "Hội Doanh nhân trẻ Việt Nam"),
    (
        "ho-tro-gia-dinh-liet-si",
        "Hội Hỗ trợ gia đình liệt sĩ",
        "HTGĐLS",
        "Xã hội",
        False,
        "Hội Hỗ trợ gia đình liệt sĩ Việt Nam",
    ),
]

FUNCTIONS = {
    "chu-thap-do": "Vận động nguồn lực nhân đạo để cứu trợ người bị thiên tai, thảm họa, người nghèo; tổ chức hiến máu tình nguyện; sơ cấp cứu và chăm sóc sức khỏe ban đầu tại cộng đồng.",
    "nguoi-cao-tuoi": "Đại diện cho ý chí, nguyện vọng và quyền lợi hợp pháp của người cao tuổi; chăm sóc sức khỏe, đời sống tinh thần và vật chất cho hội viên.",
    "khuyen-hoc": "Vận động toàn dân học tập suốt đời, xây dựng gia đình học tập, dòng họ học tập; lập quỹ khuyến học, khuyến tài.",
    "dong-y": "Tập hợp người hành nghề y dược cổ truyền; tổ chức khám chữa bệnh nhân đạo bằng y học cổ truyền; bảo tồn và phát triển dược liệu.",
}

# Former Bắc Kạn had no such association (see demo_merger_case in the shared data).
NOT_IN_BAC_KAN = {
    "cham-cuu",
    "sinh-vat-canh",
    "doanh-nhan-tre",
    "cuu-tu-chinh-tri",
    "doanh-nghiep",
    "ho-tro-gia-dinh-liet-si",
    "nguoi-khuyet-tat",
    "tin-hoc",
}

# Guidance 05/HD-MTTW-BTT: Hội A of Thái Nguyên + Hội A of Bắc Kạn → Hội A of Thái Nguyên (new).
# key → (decision date, founding congress date or None)
CONSOLIDATED = {
    "chu-thap-do": ("2025-08-20", "2025-10-28"),
    "nguoi-cao-tuoi": ("2025-08-25", "2025-11-05"),
    "khuyen-hoc": ("2025-09-10", "2025-11-20"),
    "cuu-tnxp": ("2025-09-15", "2025-12-02"),
    "vhnt": ("2026-07-20", None),  # congress overdue: 60 working days passed
    "dong-y": ("2026-10-15", None),  # congress due early next year
}

SECTOR_AGENCY = {
    "Y tế": "Sở Y tế",
    "Giáo dục": "Sở Giáo dục và Đào tạo",
    "Pháp luật": "Sở Tư pháp",
    "Báo chí": "Sở Văn hóa, Thể thao và Du lịch",
    "Văn hóa, nghệ thuật": "Sở Văn hóa, Thể thao và Du lịch",
    "Khoa học, công nghệ": "Sở Khoa học và Công nghệ",
    "Nông nghiệp": "Sở Nông nghiệp và Môi trường",
    "Kinh tế": "Sở Tài chính",
    "Đối ngoại nhân dân": "Sở Ngoại vụ",
    "Xã hội": "Sở Nội vụ",
    "Nhân đạo, từ thiện": "Sở Y tế",
}

DEMO_PASSWORD = "sohoi-demo"
DEMO_USERS = [
    # username, full name, role, association key (for association officers)
    ("sonoivu", "Nguyễn Thị Hà", "province_officer", None),
    ("hoi.ctd", "Hoàng Văn Minh", "association_officer", "chu-thap-do"),
    ("hoi.nct", "Lường Thị Mai", "association_officer", "nguoi-cao-tuoi"),
    ("lanhdao", "Trần Quốc Việt", "leader", None),
]
