import datetime as dt
import io
import unicodedata

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sohoi.members.importing import job as imports
from sohoi.members.models import EligibilityRule, ImportProblem, MemberImport, Membership
from sohoi.members.services import PersonData, membership_create
from sohoi.people.models import Person

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Xã, phường thường trú", "Ngày vào hội"]


def workbook(rows, *, header=HEADER, title_rows=(), merged_birth=False) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet()
    r = 0
    for title in title_rows:
        ws.merge_range(r, 0, r, len(header) - 1, title)
        r += 1
    if merged_birth:
        # "Năm sinh" merged over "Nam" and "Nữ"
        ws.write_row(r, 0, ["STT", "Họ và tên"])
        ws.merge_range(r, 2, r, 3, "Năm sinh")
        ws.write_row(r, 4, ["Số CCCD", "Ngày vào hội"])
        ws.write_row(r + 1, 2, ["Nam", "Nữ"])
        r += 2
    else:
        ws.write_row(r, 0, header)
        r += 1
    for values in rows:
        ws.write_row(r, 0, values)
        r += 1
    wb.close()
    return buffer.getvalue()


def upload(cast, content, *, who="officer_a", mode="valid_only", capture):
    with capture(execute=True):
        response = cast.client(who).post(
            f"/associations/{cast.association_a.pk}/members/import/",
            {"file": SimpleUploadedFile("danh-sach.xlsx", content), "mode": mode},
        )
    assert response.status_code == 302
    return MemberImport.objects.latest("id")


def problems(job):
    return [(p.row, p.column, p.value, p.message) for p in ImportProblem.objects.filter(member_import=job)]


GOOD = [1, "Hoàng Thị Lan", "12/03/1960", "Nữ", "006160004321", "Tày", "01840", "01/06/2020"]


def test_a_clean_file_is_checked_then_imported_on_confirmation(cast, django_capture_on_commit_callbacks):
    job = upload(
        cast,
        workbook([GOOD, [2, "Lý Văn Minh", 1955, "Nam", "006055001111", "Dao", "Xã Ba Bể", dt.date(2019, 5, 1)]]),
        capture=django_capture_on_commit_callbacks,
    )
    assert (job.status, job.total_rows, job.valid_rows, job.invalid_rows) == ("checked", 2, 2, 0)
    assert Membership.objects.filter(association=cast.association_a).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == ("done", 2)
    members = Membership.objects.filter(association=cast.association_a).order_by("person__full_name")
    assert [
        (
            m.person.full_name,
            m.person.birth_display,
            m.person.sex,
            m.person.ethnicity,
            m.person.address_commune.code if m.person.address_commune else None,
            m.joined_on,
        )
        for m in members
    ] == [
        ("Hoàng Thị Lan", "12/03/1960", "F", "02", "01840", dt.date(2020, 6, 1)),
        ("Lý Văn Minh", "1955", "M", "09", "01906", dt.date(2019, 5, 1)),
    ]


def test_every_kind_of_bad_row_is_named_by_row_column_value_and_expectation(cast, django_capture_on_commit_callbacks):
    membership_create(
        association=cast.association_a,
        joined_on=dt.date(2020, 1, 1),
        by=None,
        person_data=PersonData(full_name="Đã Có", cccd="019170000009", sex="F", birth_year=1970),
    )
    rows = [
        GOOD,
        [2, "Sai Mã Tỉnh", "1960", "Nam", "003060001234", "Kinh", "05443", "01/01/2021"],
        [3, "Mất Số Không", "1960", "Nữ", 6160004322, "Kinh", "05443", "01/01/2021"],
        [4, "Ngày Không Có", "31/02/1960", "Nam", "", "Kinh", "05443", "01/01/2021"],
        [5, "Xã Lạ", "1960", "Nam", "", "Kinh", "99999", "01/01/2021"],
        [6, "Hoàng Thị Lan", "12/03/1960", "Nữ", "006160004321", "Tày", "01840", "01/06/2020"],
        [7, "Đã Có", "1970", "Nữ", "019170000009", "Kinh", "05443", "01/01/2021"],
    ]
    rows.append([8, "Không Rõ Giới", "1960", "", 6160004323, "Kinh", "05443", "01/01/2021"])
    job = upload(cast, workbook(rows), capture=django_capture_on_commit_callbacks)
    assert (job.total_rows, job.valid_rows, job.invalid_rows, job.warning_rows) == (8, 2, 6, 1)
    assert problems(job) == [
        (3, "Số CCCD", "003060001234", "Ba chữ số đầu 003 không phải mã tỉnh."),
        # Excel dropped the zeros of a number that sex and birth year confirm: taken, with a warning
        (4, "Số CCCD", "6160004322", "đã khôi phục số 0 ở đầu: 006160004322"),
        (5, "Ngày sinh", "31/02/1960", "một ngày có thật (ngày này không tồn tại)"),
        (6, "Xã, phường thường trú", "99999", "một xã, phường hiện có của tỉnh (mã 5 chữ số hoặc tên)"),
        (7, "Số CCCD", "006160004321", "mỗi người chỉ một dòng (người này đã có ở dòng 2)"),
        (8, "Số CCCD", "019170000009", "người chưa là hội viên của hội (người này đã là hội viên)"),
        # no sex to confirm the padding: refused, saying why
        (
            9,
            "Số CCCD",
            "6160004323",
            "Số CCCD có 10 chữ số: có thể Excel đã bỏ mất các số 0 ở đầu (006160004323). "
            "Hãy định dạng cột là Văn bản (Text) và nhập lại. Cần có giới tính và năm sinh trên dòng để xác nhận "
            "số này.",
        ),
    ]
    assert list(job.problems.filter(warning=True).values_list("row", flat=True)) == [4]


def test_an_eligibility_violation_is_a_row_problem(cast, django_capture_on_commit_callbacks):
    EligibilityRule.objects.create(
        association=cast.association_a, min_age=60, exception_min_age=55, exception_note="tích cực"
    )
    job = upload(
        cast,
        workbook([[1, "Trẻ Tuổi", "1990", "Nam", "", "Kinh", "05443", "01/01/2021"]]),
        capture=django_capture_on_commit_callbacks,
    )
    assert problems(job) == [
        (
            2,
            "Ngày sinh",
            "1990",
            "Khi kết nạp ngày 01/01/2021, người này 31 tuổi, chưa đủ tuổi tối thiểu theo điều lệ (60).",
        )
    ]


def test_real_world_layout_title_rows_merged_header_capitals_nfd_and_extra_columns(
    cast, django_capture_on_commit_callbacks
):
    nfd_name = unicodedata.normalize("NFD", "NÔNG VĂN THƯỢNG")
    job = upload(
        cast,
        workbook(
            [[1, nfd_name, 1950, "", "006050001235", "02/09/2010"], [2, "Ma Thị Bích", "", 1958, "", "02/09/2010"]],
            title_rows=["HỘI CHỮ THẬP ĐỎ TỈNH THÁI NGUYÊN", "DANH SÁCH HỘI VIÊN NĂM 2026"],
            merged_birth=True,
        ),
        capture=django_capture_on_commit_callbacks,
    )
    assert (job.status, job.valid_rows, job.invalid_rows) == ("checked", 2, 0)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    people = {
        p.full_name: (p.sex, p.birth_display)
        for p in Person.objects.filter(memberships__association=cast.association_a)
    }
    assert people == {"Nông Văn Thượng": ("M", "1950"), "Ma Thị Bích": ("F", "1958")}


def test_extra_columns_are_ignored_and_reported(cast, django_capture_on_commit_callbacks):
    header = [*HEADER, "Ghi chú", "Sở thích"]
    job = upload(cast, workbook([[*GOOD, "x", "y"]], header=header), capture=django_capture_on_commit_callbacks)
    assert job.ignored_columns == ["Ghi chú", "Sở thích"]


def test_an_existing_person_gets_a_new_membership_not_a_second_record(cast, django_capture_on_commit_callbacks):
    other = membership_create(
        association=cast.association_b,
        joined_on=dt.date(2020, 1, 1),
        by=None,
        person_data=PersonData(full_name="Hoàng Thị Lan", cccd="006160004321", sex="F", birth_year=1960),
    )
    job = upload(cast, workbook([GOOD]), capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    assert Person.objects.filter(cccd="006160004321").count() == 1
    assert Membership.objects.filter(person=other.person).count() == 2


def test_all_or_nothing_refuses_to_start_with_bad_rows(cast, django_capture_on_commit_callbacks):
    job = upload(
        cast,
        workbook([GOOD, [2, "", "", "", "", "", "", "", "x"]]),
        mode="all_or_nothing",
        capture=django_capture_on_commit_callbacks,
    )
    response = cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    assert "1 dòng có lỗi" in response.content.decode()
    assert Membership.objects.filter(association=cast.association_a).count() == 0


def numbered_rows(count: int) -> list[list]:
    """Person i on row i + 1: "Người Thứ i", CCCD 019060 and i in six digits."""
    return [
        [i, f"Người Thứ {i}", "1960", "Nam", f"019060{i:06d}", "Kinh", "05443", "01/01/2021"]
        for i in range(1, count + 1)
    ]


def joins_another_way(cast, i: int) -> None:
    """Between the check and the import, person i of numbered_rows joins the association another way."""
    membership_create(
        association=cast.association_a,
        joined_on=dt.date(2022, 1, 1),
        by=None,
        person_data=PersonData(full_name=f"Người Thứ {i}", cccd=f"019060{i:06d}", sex="M", birth_year=1960),
    )


def test_a_failure_late_in_a_big_file_leaves_nothing_written(cast, django_capture_on_commit_callbacks):
    job = upload(
        cast, workbook(numbered_rows(12000)), mode="all_or_nothing", capture=django_capture_on_commit_callbacks
    )
    assert (job.valid_rows, job.invalid_rows) == (12000, 0)
    joins_another_way(cast, 11001)  # the person on row 11,002
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.message == (
        "Dòng 11002, cột “Số CCCD”: “019060011001” — cần người chưa là hội viên của hội (người này đã là hội viên). "
        "Không dòng nào được nhập."
    )
    assert Membership.objects.filter(association=cast.association_a).count() == 1
    assert Person.objects.filter(full_name__startswith="Người Thứ").count() == 1


def test_valid_only_mode_skips_rows_that_became_invalid_and_returns_them(cast, django_capture_on_commit_callbacks):
    job = upload(cast, workbook([GOOD]), capture=django_capture_on_commit_callbacks)
    membership_create(
        association=cast.association_a,
        joined_on=dt.date(2022, 1, 1),
        by=None,
        person_data=PersonData(full_name="Hoàng Thị Lan", cccd="006160004321", sex="F", birth_year=1960),
    )
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    job.refresh_from_db()
    assert (job.status, job.imported_rows, job.invalid_rows) == ("done", 0, 1)
    assert problems(job) == [
        (2, "Số CCCD", "006160004321", "người chưa là hội viên của hội (người này đã là hội viên)")
    ]


def test_rejected_rows_come_back_with_an_error_column(cast, django_capture_on_commit_callbacks):
    job = upload(
        cast,
        workbook([GOOD, [2, "Xã Lạ", "1960", "Nam", "", "Kinh", "99999", "01/01/2021"]]),
        capture=django_capture_on_commit_callbacks,
    )
    response = cast.client("officer_a").get(
        f"/associations/{cast.association_a.pk}/members/import/{job.pk}/rejected.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (*HEADER, "Lỗi cần sửa")  # every column where it was
    assert rows[1][-1] == "Xã, phường thường trú: “99999” — một xã, phường hiện có của tỉnh (mã 5 chữ số hoặc tên)"
    assert rows[1][:2] == (2, "Xã Lạ")
    assert len(rows) == 2


def test_a_file_that_is_not_xlsx_or_has_no_header_is_explained(cast, django_capture_on_commit_callbacks):
    response = cast.client("officer_a").post(
        f"/associations/{cast.association_a.pk}/members/import/",
        {"file": SimpleUploadedFile("ds.csv", b"a,b"), "mode": "valid_only"},
    )
    assert response.context["form"].errors == {"file": ["Hãy tải lên tệp Excel (.xlsx); “ds.csv” không phải."]}
    job = upload(cast, workbook([["a", "b"]], header=["Cột 1", "Cột 2"]), capture=django_capture_on_commit_callbacks)
    assert (job.status, job.message) == (
        "failed",
        "Không tìm thấy dòng tiêu đề trong 20 dòng đầu: phải có một dòng ghi ít nhất “Họ và tên” và “Ngày vào hội”.",
    )


def test_a_file_damaged_past_its_first_rows_is_explained(cast, django_capture_on_commit_callbacks):
    """The sheet opens, its header reads, then its compressed data is broken: the check ends with
    the file's message, not an unexpected error."""
    import zipfile

    content = bytearray(workbook([GOOD] * 3000))
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    content[start + info.compress_size - 40] ^= 0xFF
    job = upload(cast, bytes(content), capture=django_capture_on_commit_callbacks)
    assert (job.status, job.message) == ("failed", "Không đọc được tệp này như một tệp Excel (.xlsx).")
    assert not Membership.objects.filter(association=cast.association_a).exists()


def test_the_template_has_the_columns_dropdowns_and_instructions(cast):
    response = cast.client("officer_a").get(f"/associations/{cast.association_a.pk}/members/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Hội viên", "Danh mục", "Hướng dẫn"]
    sheet = wb["Hội viên"]
    assert [c.value for c in sheet[1]][:5] == [
        "STT",
        "Họ và tên",
        "Ngày sinh (dd/mm/yyyy hoặc năm)",
        "Giới tính",
        "Số CCCD",
    ]
    assert sorted(str(v.sqref) for v in sheet.data_validations.dataValidation) == [
        "D2:D20001",
        "F2:F20001",
        "H2:H20001",
        "K2:K20001",
        "M2:M20001",
        "O2:O20001",
    ]
    assert wb["Danh mục"]["B3"].value == "Tày"
    assert wb["Hướng dẫn"]["A1"].value == f"Cách điền danh sách hội viên {cast.association_a.name}"


def test_the_export_is_scoped_logged_and_safe_from_formulas(cast):
    membership_create(
        association=cast.association_a,
        joined_on=dt.date(2020, 1, 1),
        by=None,
        person_data=PersonData(full_name='=HYPERLINK("http://x")', birth_year=1960, sex="M"),
    )
    response = cast.client("officer_a").get(f"/associations/{cast.association_a.pk}/members/export.xlsx?status=active")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Họ và tên", "Ngày sinh (dd/mm/yyyy hoặc năm)", "Giới tính"]
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"
    from sohoi.audit.models import DataAccess

    entry = DataAccess.objects.get(kind="export")
    assert (entry.actor_name, entry.rows, entry.what) == (
        "hoi.a",
        1,
        f"Danh sách hội viên {cast.association_a.name} (status=active)",
    )
    assert cast.client("officer_b").get(f"/associations/{cast.association_a.pk}/members/export.xlsx").status_code == 404


def test_an_unexpected_error_in_the_background_ends_the_job_with_a_message(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(job):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(imports, "member_import_check", broken)
    job = upload(cast, workbook([GOOD]), capture=django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.status, job.message) == (
        "failed",
        "Lần nhập dừng vì một lỗi không lường trước; chưa có dòng nào được ghi. Hãy báo Sở Nội vụ thời điểm và "
        "tên tệp.",
    )


def test_an_old_nine_digit_cmnd_is_kept_as_the_cmnd_with_a_warning(cast, django_capture_on_commit_callbacks):
    """Older members' lists give the 9-digit CMND in the "CCCD/CMND" column, typed as text or as a number
    (Excel then drops its leading 0): the member is imported, the number kept as the CMND, not the CCCD."""
    job = upload(
        cast,
        workbook(
            [
                [1, "Ma Thị Nhài", "1941", "Nữ", 95123456, "Tày", "01840", "01/06/2005"],
                [2, "Lục Văn Pẻn", "1944", "Nam", "090 765 432", "Nùng", "01840", "01/06/2005"],
            ]
        ),
        capture=django_capture_on_commit_callbacks,
    )
    assert (job.status, job.valid_rows, job.warning_rows) == ("checked", 2, 2)
    assert [(p.row, p.value, p.message, p.warning) for p in ImportProblem.objects.filter(member_import=job)] == [
        (2, "95123456", "số CMND cũ 9 chữ số 095123456, giữ làm số CMND, không phải số CCCD", True),
        (3, "090 765 432", "số CMND cũ 9 chữ số 090765432, giữ làm số CMND, không phải số CCCD", True),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    people = Membership.objects.filter(association=cast.association_a).order_by("person__full_name")
    assert [(m.person.full_name, m.person.cccd, m.person.cmnd) for m in people] == [
        ("Lục Văn Pẻn", "", "090765432"),
        ("Ma Thị Nhài", "", "095123456"),
    ]
