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

# Each kind"s functions and the kinds whose purpose overlaps it (../shared/data/association_kinds.vi.json:
# summaries written for this project, not charter text).
FUNCTIONS = {
    "chu-thap-do": (
        "Vận động nguồn lực nhân đạo để cứu trợ người bị thiên tai, thảm họa, người nghèo và người có "
        "hoàn cảnh khó khăn; tổ chức hiến máu tình nguyện; sơ cấp cứu và chăm sóc sức khỏe ban đầu tại "
        "cộng đồng; tìm kiếm thân nhân; truyền thông về phòng ngừa, ứng phó thảm họa."
    ),
    "nguoi-cao-tuoi": (
        "Đại diện cho ý chí, nguyện vọng và quyền lợi hợp pháp của người cao tuổi; chăm sóc sức khỏe, "
        "đời sống tinh thần và vật chất cho hội viên; phát huy vai trò người cao tuổi trong giáo dục "
        "truyền thống, khuyến học, xây dựng đời sống văn hóa và phát triển kinh tế gia đình."
    ),
    "khuyen-hoc": (
        "Vận động toàn dân học tập suốt đời, xây dựng gia đình học tập, dòng họ học tập, cộng đồng học "
        "tập; lập quỹ khuyến học, khuyến tài để khen thưởng học sinh giỏi và hỗ trợ học sinh nghèo vượt "
        "khó; phối hợp với ngành giáo dục xây dựng xã hội học tập."
    ),
    "dong-y": (
        "Tập hợp người hành nghề y dược cổ truyền; kế thừa và phát huy các bài thuốc, phương pháp chữa "
        "bệnh dân tộc; tổ chức khám chữa bệnh nhân đạo bằng y học cổ truyền; bảo tồn và phát triển dược "
        "liệu; bồi dưỡng chuyên môn cho hội viên."
    ),
    "cham-cuu": (
        "Tập hợp người làm châm cứu và y học cổ truyền; nghiên cứu, ứng dụng và phổ biến phương pháp "
        "châm cứu, xoa bóp bấm huyệt trong chữa bệnh; khám chữa bệnh nhân đạo tại cộng đồng; đào tạo, "
        "bồi dưỡng kỹ thuật châm cứu."
    ),
    "luat-gia": (
        "Tập hợp người làm công tác pháp luật; tham gia xây dựng và phản biện chính sách, pháp luật; "
        "tuyên truyền, phổ biến, giáo dục pháp luật; trợ giúp pháp lý và tư vấn pháp luật miễn phí cho "
        "người nghèo, đồng bào dân tộc thiểu số; hòa giải ở cơ sở."
    ),
    "nha-bao": (
        "Tập hợp người làm báo; bồi dưỡng nghiệp vụ và đạo đức nghề nghiệp; bảo vệ quyền lợi hợp pháp "
        "của hội viên; tổ chức giải báo chí; tham gia quản lý hoạt động báo chí và thông tin trên địa "
        "bàn."
    ),
    "vhnt": (
        "Tập hợp văn nghệ sĩ trong tỉnh; tổ chức sáng tác, quảng bá tác phẩm văn học nghệ thuật; xuất "
        "bản tạp chí văn nghệ; bảo tồn văn hóa các dân tộc; trao giải thưởng văn học nghệ thuật và hỗ "
        "trợ sáng tác."
    ),
    "van-nghe-dan-gian": (
        "Sưu tầm, nghiên cứu, bảo tồn và phát huy văn hóa, văn nghệ dân gian của các dân tộc Tày, Nùng, "
        "Dao, Mông; truyền dạy hát then, đàn tính, hát sli, lượn; xuất bản công trình văn nghệ dân gian."
    ),
    "lien-hiep-khkt": (
        "Tập hợp trí thức khoa học và công nghệ; tư vấn, phản biện và giám định xã hội các chương trình, "
        "dự án phát triển kinh tế - xã hội; phổ biến kiến thức khoa học; tổ chức hội thi sáng tạo kỹ "
        "thuật; chuyển giao tiến bộ kỹ thuật cho nông dân."
    ),
    "tin-hoc": (
        "Tập hợp người làm công nghệ thông tin; phổ biến ứng dụng tin học và chuyển đổi số trong cơ "
        "quan, doanh nghiệp và người dân; tổ chức hội thi tin học trẻ; tư vấn giải pháp công nghệ thông "
        "tin."
    ),
    "nan-nhan-da-cam": (
        "Chăm lo, giúp đỡ nạn nhân chất độc da cam/dioxin về đời sống, sức khỏe và sinh kế; vận động "
        "nguồn lực nhân đạo trong và ngoài nước; đấu tranh đòi công lý cho nạn nhân; đề xuất chế độ "
        "chính sách."
    ),
    "cuu-tnxp": (
        "Tập hợp cựu thanh niên xung phong các thời kỳ; giúp nhau phát triển kinh tế, xóa đói giảm "
        "nghèo; đề nghị giải quyết chế độ chính sách cho cựu thanh niên xung phong; giáo dục truyền "
        "thống cho thế hệ trẻ."
    ),
    "cuu-tu-chinh-tri": (
        "Tập hợp những người từng bị địch bắt, tù đày; giáo dục truyền thống cách mạng; giúp đỡ nhau "
        "trong đời sống; đề nghị thực hiện chế độ chính sách đối với hội viên."
    ),
    "nguoi-mu": (
        "Tập hợp người mù; dạy chữ nổi, phục hồi chức năng và dạy nghề xoa bóp, tẩm quất cho người mù; "
        "tạo việc làm và sinh kế; bảo vệ quyền và lợi ích hợp pháp của người mù."
    ),
    "bao-tro-nkt-tmc": (
        "Vận động nguồn lực xã hội để trợ giúp người khuyết tật, trẻ mồ côi và bệnh nhân nghèo; tặng xe "
        "lăn, học bổng, nhà ở; hỗ trợ phục hồi chức năng, học nghề và việc làm cho người khuyết tật."
    ),
    "nguoi-khuyet-tat": (
        "Tập hợp người khuyết tật; đại diện bảo vệ quyền lợi hợp pháp; hỗ trợ phục hồi chức năng, học "
        "nghề, tạo việc làm và hòa nhập cộng đồng cho người khuyết tật."
    ),
    "huu-nghi": (
        "Thực hiện công tác đối ngoại nhân dân; tăng cường quan hệ hữu nghị với nhân dân các nước; vận "
        "động viện trợ phi chính phủ nước ngoài cho các chương trình phát triển của tỉnh."
    ),
    "cuu-giao-chuc": (
        "Tập hợp nhà giáo đã nghỉ hưu; phát huy kinh nghiệm tham gia khuyến học, dạy học miễn phí, chống "
        "tái mù chữ; chăm lo đời sống tinh thần cho hội viên."
    ),
    "lam-vuon": (
        "Tập hợp người làm vườn, trang trại; phổ biến kỹ thuật trồng cây ăn quả, cây dược liệu; xây dựng "
        "mô hình kinh tế vườn đồi, liên kết tiêu thụ sản phẩm theo chuỗi giá trị."
    ),
    "sinh-vat-canh": (
        "Tập hợp người chơi và sản xuất cây cảnh, hoa, chim, cá cảnh; tổ chức triển lãm, trao đổi kinh "
        "nghiệm; phát triển kinh tế từ sinh vật cảnh gắn với du lịch."
    ),
    "doanh-nghiep": (
        "Tập hợp doanh nghiệp trên địa bàn; đại diện và bảo vệ quyền lợi hợp pháp của doanh nghiệp; đối "
        "thoại với chính quyền về môi trường kinh doanh; xúc tiến thương mại, kết nối doanh nghiệp."
    ),
    "doanh-nhan-tre": (
        "Tập hợp doanh nhân trẻ; hỗ trợ khởi nghiệp, đào tạo kỹ năng quản trị; kết nối hợp tác kinh "
        "doanh; tham gia hoạt động xã hội và từ thiện."
    ),
    "ho-tro-gia-dinh-liet-si": (
        "Hỗ trợ gia đình liệt sĩ tìm kiếm, quy tập và xác định danh tính hài cốt liệt sĩ; chăm lo thân "
        "nhân liệt sĩ; giáo dục truyền thống uống nước nhớ nguồn."
    ),
}
OVERLAP_HINTS = {
    "chu-thap-do": ("bao-tro-nkt-tmc", "nan-nhan-da-cam"),
    "nguoi-cao-tuoi": ("cuu-giao-chuc",),
    "khuyen-hoc": ("cuu-giao-chuc",),
    "dong-y": ("cham-cuu",),
    "cham-cuu": ("dong-y",),
    "nha-bao": ("vhnt",),
    "vhnt": ("van-nghe-dan-gian", "nha-bao"),
    "van-nghe-dan-gian": ("vhnt",),
    "lien-hiep-khkt": ("tin-hoc",),
    "tin-hoc": ("lien-hiep-khkt",),
    "nan-nhan-da-cam": ("chu-thap-do", "bao-tro-nkt-tmc"),
    "cuu-tnxp": ("cuu-tu-chinh-tri",),
    "cuu-tu-chinh-tri": ("cuu-tnxp",),
    "nguoi-mu": ("nguoi-khuyet-tat", "bao-tro-nkt-tmc"),
    "bao-tro-nkt-tmc": ("nguoi-khuyet-tat", "chu-thap-do", "nguoi-mu"),
    "nguoi-khuyet-tat": ("bao-tro-nkt-tmc", "nguoi-mu"),
    "cuu-giao-chuc": ("khuyen-hoc", "nguoi-cao-tuoi"),
    "lam-vuon": ("sinh-vat-canh",),
    "sinh-vat-canh": ("lam-vuon",),
    "doanh-nghiep": ("doanh-nhan-tre",),
    "doanh-nhan-tre": ("doanh-nghiep",),
    "ho-tro-gia-dinh-liet-si": ("cuu-tnxp",),
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
