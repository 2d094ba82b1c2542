"""Lists shaped like a commune office's (tests/member_lists.py), through the product's own upload: every
valid member imported with every field right on the first upload, every bad row refused with row,
column, value and what was expected; and a CCCD is never a key to someone else's record."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from sohoi.geo.selectors import home_communes
from sohoi.members.models import ColumnMapping, EligibilityRule, IdentityConflict, MemberImport, Membership
from sohoi.members.services import PersonData, membership_create
from sohoi.people.models import Person
from sohoi.registry.models import Branch
from tests.member_lists import elderly_commune_list, red_cross_branch_list

ELDERLY_RULE = {
    "min_age": 60,
    "exception_min_age": 55,
    "exception_note": "tích cực tham gia hoạt động hội",
    "effective_from": dt.date(2022, 4, 6),  # Decision 288/QĐ-BNV of 06/04/2022
}


def _upload(cast, association, content, capture, who, name="danh-sach.xlsx") -> MemberImport:
    with capture(execute=True):
        response = cast.client(who).post(
            f"/associations/{association.pk}/members/import/",
            {"file": SimpleUploadedFile(name, content), "mode": "valid_only"},
        )
    assert response.status_code == 302
    return MemberImport.objects.latest("id")


def _confirm(cast, association, job, capture, who) -> MemberImport:
    with capture(execute=True):
        response = cast.client(who).post(f"/associations/{association.pk}/members/import/{job.pk}/")
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def _problems(job) -> list[tuple]:
    return [(p.row, p.column, p.value, p.message) for p in job.problems.filter(warning=False)]


def _imported(association) -> dict[str, tuple]:
    members = Membership.objects.filter(association=association).select_related("person", "branch")
    return {
        m.person.cccd: (
            m.person.full_name,
            m.person.sex,
            m.person.birth_display,
            m.person.ethnicity,
            m.person.address_text,
            m.person.phone,
            m.person.occupation,
            m.joined_on,
            m.member_number,
            m.eligibility_exception,
        )
        for m in members
    }


def _expected(members) -> dict[str, tuple]:
    return {
        m.cccd: (
            m.name,
            m.sex,
            m.birth_display,
            m.ethnicity,
            m.address,
            m.phone,
            m.occupation,
            m.joined,
            m.member_number,
            m.exception,
        )
        for m in members
    }


@pytest.fixture
def elderly(cast):
    EligibilityRule.objects.create(association=cast.association_b, **ELDERLY_RULE)
    return elderly_commune_list()


def test_a_commune_list_imports_every_valid_member_with_every_field_on_the_first_upload(
    cast, elderly, django_capture_on_commit_callbacks
):
    association = cast.association_b
    job = _upload(cast, association, elderly.content, django_capture_on_commit_callbacks, "officer_b")
    assert job.status == "checked", job.message
    assert (job.valid_rows, job.invalid_rows) == (len(elderly.members), len({p[0] for p in elderly.problems}))
    assert job.skipped_rows == elderly.skipped
    assert _problems(job) == elderly.problems
    repaired = job.problems.filter(warning=True)
    assert [p.row for p in repaired] == elderly.repaired
    assert all(p.message.startswith("đã khôi phục số 0 ở đầu: 0") for p in repaired)
    assert job.ignored_columns == ["Ghi chú"]

    page = cast.client("officer_b").get(f"/associations/{association.pk}/members/import/{job.pk}/").content.decode()
    assert "Các dòng bỏ qua vì không phải dữ liệu hội viên: " + ", ".join(map(str, elderly.skipped)) in page
    assert "đã khôi phục số 0 ở đầu" in page

    job = _confirm(cast, association, job, django_capture_on_commit_callbacks, "officer_b")
    assert (job.status, job.imported_rows) == ("done", len(elderly.members))
    assert _imported(association) == _expected(elderly.members)  # every field of every member, nothing else
    assert job.problems.filter(warning=True).count() == len(elderly.repaired)  # the warnings stay with the import


def test_the_rejected_rows_come_back_under_both_header_rows_and_import_again_the_same(
    cast, elderly, django_capture_on_commit_callbacks
):
    association = cast.association_b
    job = _upload(cast, association, elderly.content, django_capture_on_commit_callbacks, "officer_b")
    response = cast.client("officer_b").get(f"/associations/{association.pk}/members/import/{job.pk}/rejected.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("STT", "Họ và tên", "Năm sinh", None, "Số CCCD")
    assert rows[1][:4] == (None, None, "Nam", "Nữ")  # the second level, "Nữ" included
    assert rows[0][11] == "Lỗi cần sửa"
    assert "C1:D1" in {str(r) for r in sheet.merged_cells.ranges}
    refused = sorted({p[0] for p in elderly.problems})
    assert len(rows) == 2 + len(refused)

    again = _upload(cast, association, response.content, django_capture_on_commit_callbacks, "officer_b", "lai.xlsx")
    assert (again.status, again.valid_rows, again.invalid_rows) == ("checked", 0, len(refused))
    new_row = {old: 3 + i for i, old in enumerate(refused)}  # under the two header rows, in the same order
    # the same problems on the same values, but the duplicate: its first row is not in this file
    expected = [(new_row[r], c, v, m) for r, c, v, m in elderly.problems if "mỗi người chỉ một dòng" not in m]
    assert _problems(again) == expected


def test_an_unrecognised_column_is_mapped_once_and_remembered(cast, django_capture_on_commit_callbacks):
    association = cast.association_a
    branch = Branch.objects.create(
        association=association,
        name="Chi hội Đức Xuân",
        commune=home_communes().get(code="01840"),
        established_on=dt.date(2010, 1, 1),
    )
    messy = red_cross_branch_list(branch.name)
    job = _upload(cast, association, messy.content, django_capture_on_commit_callbacks, "officer_a")
    assert (job.status, job.valid_rows, job.invalid_rows, job.skipped_rows) == (
        "checked",
        len(messy.members),
        0,
        messy.skipped,
    )
    assert job.ignored_columns == messy.unrecognised
    page = cast.client("officer_a").get(f"/associations/{association.pk}/members/import/{job.pk}/")
    form = page.context["mapping_form"]
    assert form.titles == ["Thôn/xóm cư trú"]
    assert ("address", "Địa chỉ thường trú") in form.fields["column_0"].choices
    assert ("full_name", "Họ và tên") not in form.fields["column_0"].choices  # a field already read

    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("officer_a").post(
            f"/associations/{association.pk}/members/import/{job.pk}/columns/", {"column_0": "address"}
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.ignored_columns, job.valid_rows) == ("checked", [], len(messy.members))
    assert list(ColumnMapping.objects.filter(association=association).values_list("header_key", "field")) == [
        ("thon xom cu tru", "address")
    ]
    job = _confirm(cast, association, job, django_capture_on_commit_callbacks, "officer_a")
    assert _imported(association) == _expected(messy.members)
    assert set(Membership.objects.filter(association=association).values_list("branch", flat=True)) == {branch.pk}

    # the association's next list: the column is read at once
    Membership.objects.filter(association=association).delete()
    nxt = _upload(cast, association, messy.content, django_capture_on_commit_callbacks, "officer_a")
    assert (nxt.ignored_columns, nxt.valid_rows) == ([], len(messy.members))
    # … and only for this association
    other = red_cross_branch_list("Chi hội khác")
    assert _upload(
        cast, cast.association_b, other.content, django_capture_on_commit_callbacks, "officer_b"
    ).ignored_columns == ["Thôn/xóm cư trú"]


def _registered_elsewhere(cast):
    """A member of the Elderly Association with everything the registry holds on a person."""
    return membership_create(
        association=cast.association_b,
        joined_on=dt.date(2015, 3, 1),
        by=None,
        person_data=PersonData(
            full_name="Ma Thị Hiền",
            cccd="006158004444",
            sex="F",
            birth_date=dt.date(1958, 7, 9),
            ethnicity="02",
            occupation="Y sĩ",
            phone="0987654321",
            address_text="Thôn Bản Vài, số nhà 12",
        ),
    ).person


def test_a_cccd_does_not_open_another_associations_member_through_the_import(cast, django_capture_on_commit_callbacks):
    from sohoi.members.tests.test_import import HEADER, workbook

    person = _registered_elsewhere(cast)
    content = workbook([[1, "Nguyễn Văn Giả", "1958", "Nữ", "006158004444", "Kinh", "05443", "01/01/2021"]])
    job = _upload(cast, cast.association_a, content, django_capture_on_commit_callbacks, "officer_a")
    assert (job.valid_rows, job.invalid_rows) == (0, 1)
    assert _problems(job) == [
        (
            2,
            "Số CCCD",
            "006158004444",
            "số này đã được đăng ký cho một người khác; Sở Nội vụ sẽ kiểm tra (không gắn dòng này với người đó)",
        )
    ]
    officer = cast.client("officer_a")
    page = officer.get(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/").content.decode()
    rejected = officer.get(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/rejected.xlsx").content
    cells = " ".join(
        str(v) for row in load_workbook(io.BytesIO(rejected)).active.iter_rows(values_only=True) for v in row
    )
    for secret in ("Ma Thị Hiền", "09/07/1958", "Y sĩ", "0987654321", "Bản Vài", "Tày"):
        assert secret not in page and secret not in cells  # nothing the officer did not type
    assert officer.get(f"/people/{person.pk}/").status_code == 404
    assert not Membership.objects.filter(association=cast.association_a).exists()
    assert HEADER[4] == "Số CCCD"

    conflict = IdentityConflict.objects.get()
    assert (conflict.cccd, conflict.person, conflict.typed_name, conflict.typed_birth, conflict.row) == (
        "006158004444",
        person,
        "Nguyễn Văn Giả",
        "1958",
        2,
    )
    queue = cast.client("province_officer").get("/members/conflicts/")
    assert [c.pk for c in queue.context["page"]] == [conflict.pk]
    response = cast.client("province_officer").post(
        f"/members/conflicts/{conflict.pk}/resolve/", {"resolution": "Hội nhập nhầm số; đã báo hội sửa"}
    )
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert (conflict.resolution, conflict.resolved_by) == ("Hội nhập nhầm số; đã báo hội sửa", cast.province_officer)
    assert list(cast.client("province_officer").get("/members/conflicts/").context["page"]) == []


def test_the_same_person_by_cccd_name_and_birth_gets_a_membership(cast, django_capture_on_commit_callbacks):
    from sohoi.members.tests.test_import import workbook

    person = _registered_elsewhere(cast)
    content = workbook([[1, "MA THỊ HIỀN", "09/07/1958", "Nữ", "006158004444", "Tày", "", "01/01/2021"]])
    job = _upload(cast, cast.association_a, content, django_capture_on_commit_callbacks, "officer_a")
    job = _confirm(cast, cast.association_a, job, django_capture_on_commit_callbacks, "officer_a")
    assert (job.imported_rows, Person.objects.filter(cccd="006158004444").count()) == (1, 1)
    assert Membership.objects.get(association=cast.association_a).person == person
    assert not IdentityConflict.objects.exists()


def test_the_new_member_form_refuses_another_persons_cccd_and_reveals_nothing(cast):
    person = _registered_elsewhere(cast)
    response = cast.client("officer_a").post(
        f"/associations/{cast.association_a.pk}/members/new/",
        {
            "full_name": "Nguyễn Văn Giả",
            "cccd": "006158004444",
            "birth_year": "1958",
            "sex": "F",
            "member_type": "official",
            "joined_on": "2021-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "cccd": ["Số CCCD này đã được đăng ký cho một người khác; Sở Nội vụ sẽ kiểm tra."]
    }
    assert "Ma Thị Hiền" not in response.content.decode()
    assert not Membership.objects.filter(association=cast.association_a).exists()
    conflict = IdentityConflict.objects.get()
    assert (conflict.person, conflict.typed_name, conflict.member_import, conflict.created_by) == (
        person,
        "Nguyễn Văn Giả",
        None,
        cast.officer_a,
    )


def test_the_command_line_runs_the_same_import(cast, elderly, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(elderly.content)
    call_command("import_members", str(path), association=cast.association_b.pk, dry_run=True)
    out = capsys.readouterr().out.splitlines()
    refused = len({p[0] for p in elderly.problems})
    assert out[0] == (
        f"Số dòng đọc: {len(elderly.members) + refused + len(elderly.skipped)}; không phải dữ liệu hội viên, bỏ "
        f"qua: {len(elderly.skipped)}; hợp lệ: {len(elderly.members)}; bị từ chối: {refused}; có cảnh báo: "
        f"{len(elderly.repaired)}."
    )
    row, column, value, message = elderly.problems[0]
    assert f"Lỗi — dòng {row}, cột “{column}”: “{value}” — {message}" in out
    assert out[-1] == "Chạy thử: không ghi gì."
    assert not Membership.objects.filter(association=cast.association_b).exists()

    call_command("import_members", str(path), association=cast.association_b.pk)
    assert capsys.readouterr().out.splitlines()[-1] == f"Đã nhập: {len(elderly.members)} hội viên."
    assert _imported(cast.association_b) == _expected(elderly.members)

    with pytest.raises(CommandError) as error:  # every one is a member now
        call_command("import_members", str(path), association=cast.association_b.pk)
    assert str(error.value) == "Không nhập được dòng nào."


def test_a_required_column_under_an_unknown_title_is_mapped_and_the_list_checked_again(
    cast, django_capture_on_commit_callbacks
):
    from sohoi.members.tests.test_import import workbook

    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thời gian vào hội"]
    content = workbook([[1, "Lò Văn Pọm", "1958", "Nam", "006058001234", "01/03/2015"]], header=header)
    job = _upload(cast, cast.association_a, content, django_capture_on_commit_callbacks, "officer_a")
    assert (job.status, job.message) == ("failed", "Dòng tiêu đề (dòng 1) thiếu cột: Ngày vào hội.")
    page = cast.client("officer_a").get(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    assert page.context["mapping_form"].titles == ["Thời gian vào hội"]
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(
            f"/associations/{cast.association_a.pk}/members/import/{job.pk}/columns/", {"column_0": "joined_on"}
        )
    job.refresh_from_db()
    assert (job.status, job.valid_rows, job.message) == ("checked", 1, "")
    job = _confirm(cast, cast.association_a, job, django_capture_on_commit_callbacks, "officer_a")
    assert Membership.objects.get(association=cast.association_a).joined_on == dt.date(2015, 3, 1)


def test_a_mapping_that_reads_one_field_twice_is_refused(cast, django_capture_on_commit_callbacks):
    from sohoi.members.tests.test_import import workbook

    header = ["Họ và tên", "Ngày vào hội", "Nơi sinh sống", "Chỗ ở"]
    content = workbook([["Lò Văn Pọm", "01/03/2015", "Bản A", "Bản B"]], header=header)
    job = _upload(cast, cast.association_a, content, django_capture_on_commit_callbacks, "officer_a")
    response = cast.client("officer_a").post(
        f"/associations/{cast.association_a.pk}/members/import/{job.pk}/columns/",
        {"column_0": "address", "column_1": "address"},
    )
    assert response.status_code == 200
    assert response.context["mapping_form"].non_field_errors() == ["Mỗi nội dung chỉ được lấy từ một cột."]
    assert not ColumnMapping.objects.exists()
