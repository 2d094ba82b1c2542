"""Province officers keep the accounts without a developer: create (one by one and from an .xlsx
list), role and associations, deactivate, a temporary password that must be replaced at the first
login; anyone recovers a forgotten password by e-mail, within a limit."""

import io
import re

import pytest
import xlsxwriter
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sohoi.accounts.models import Role, User
from sohoi.audit.models import Action, AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Chi-hoi-Duc-Xuan-2026"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # the reset limit counts in the cache


def _entries(user):
    return list(
        AuditEntry.objects.filter(object_id=str(user.pk), content_type__model="user")
        .order_by("pk")
        .values_list("action", "changes", "note")
    )


def test_an_officer_creates_an_account_whose_owner_must_choose_a_password_first(cast):
    client = cast.client("province_officer")
    response = client.post(
        "/accounts/users/new/",
        {
            "username": "hoi.nct.dongky",
            "full_name": "  Nông Thị   Hoa ",
            "role": Role.ASSOCIATION_OFFICER,
            "associations": [cast.association_b.pk],
            "email": "hoa@example.vn",
            "phone": "0912 345 678",
        },
    )
    password = response.context["password"]
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", password)
    assert password in response.content.decode()
    user = User.objects.get(username="hoi.nct.dongky")
    assert (user.last_name, user.first_name, user.role, user.must_change_password, user.phone) == (
        "Nông Thị",
        "Hoa",
        Role.ASSOCIATION_OFFICER,
        True,
        "0912 345 678",
    )
    assert list(user.associations.all()) == [cast.association_b]
    [(action, changes, _note)] = _entries(user)
    assert action == Action.CREATE
    assert changes["associations"] == [None, ["Hội Người cao tuổi tỉnh Thái Nguyên"]]
    assert "password" not in changes

    # the owner logs in with it and is sent to choose their own, on every page but the password's
    owner = Client()
    assert owner.post("/accounts/login/", {"username": "hoi.nct.dongky", "password": password}).status_code == 302
    assert owner.get("/dashboard/")["Location"] == "/accounts/password/"
    assert owner.get(f"/associations/{cast.association_b.pk}/")["Location"] == "/accounts/password/"
    page = owner.get("/accounts/password/").content.decode()
    assert "Mật khẩu của bạn do cán bộ cấp: hãy đặt mật khẩu của riêng bạn để tiếp tục." in page
    weak = owner.post(
        "/accounts/password/", {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.context["form"].errors["new_password2"] == [
        "Mật khẩu này quá phổ biến.",
        "Mật khẩu này hoàn toàn là số.",
    ]
    done = owner.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == "/accounts/password/done/"
    user.refresh_from_db()
    assert user.must_change_password is False
    assert owner.get("/dashboard/").status_code == 200
    assert [a for a, _c, _n in _entries(user)] == [Action.CREATE, Action.PASSWORD]


def test_the_form_says_what_is_wrong(cast):
    client = cast.client("province_officer")
    response = client.post(
        "/accounts/users/new/",
        {"username": "Nông Hoa", "full_name": "Nông Thị Hoa", "role": Role.ASSOCIATION_OFFICER, "email": "hoa@"},
    )
    errors = response.context["form"].errors
    assert errors["email"] == ["Hãy ghi một địa chỉ thư điện tử, ví dụ ten@example.vn."]
    response = client.post(
        "/accounts/users/new/", {"username": "Nông Hoa", "full_name": "Nông Thị Hoa", "role": Role.ASSOCIATION_OFFICER}
    )
    assert response.context["form"].errors["username"] == [
        "Tên đăng nhập gồm 3 đến 150 chữ cái không dấu, chữ số hoặc . @ + - _ (không có dấu cách)."
    ]
    response = client.post(
        "/accounts/users/new/", {"username": "hoa", "full_name": "Nông Thị Hoa", "role": Role.ASSOCIATION_OFFICER}
    )
    assert response.context["form"].errors["associations"] == ["Cán bộ hội làm việc cho ít nhất một hội."]
    response = client.post("/accounts/users/new/", {"username": "HOI.A", "full_name": "Lê Văn A", "role": Role.LEADER})
    assert response.context["form"].errors["username"] == ["Tên đăng nhập “HOI.A” đã có người dùng."]
    assert User.objects.count() == 4


def test_role_associations_deactivation_and_a_new_temporary_password_are_audited(cast):
    client = cast.client("province_officer")
    officer = cast.officer_a
    response = client.post(
        f"/accounts/users/{officer.pk}/",
        {
            "username": "hoi.a",
            "full_name": "Lê Thị Thu",
            "role": Role.ASSOCIATION_OFFICER,
            "associations": [cast.association_a.pk, cast.association_b.pk],
        },
    )
    assert response["Location"] == "/accounts/users/"
    officer.refresh_from_db()
    assert sorted(officer.associations.values_list("pk", flat=True)) == sorted(
        [cast.association_a.pk, cast.association_b.pk]
    )
    client.post(f"/accounts/users/{officer.pk}/active/", {"active": "0"})
    officer.refresh_from_db()
    assert officer.is_active is False
    assert Client().login(username="hoi.a", password=PASSWORD) is False
    page = client.get("/accounts/users/", {"active": "0"}).content.decode()
    assert "hoi.a" in page and "hoi.b" not in page
    client.post(f"/accounts/users/{officer.pk}/active/", {"active": "1"})
    response = client.post(f"/accounts/users/{officer.pk}/password/")
    temporary = response.context["password"]
    assert Client().login(username="hoi.a", password=PASSWORD) is False
    assert Client().login(username="hoi.a", password=temporary) is True
    officer.refresh_from_db()
    assert officer.must_change_password is True
    entries = _entries(officer)
    assert [a for a, _c, _n in entries] == [Action.UPDATE, Action.UPDATE, Action.UPDATE, Action.PASSWORD]
    assert entries[0][1]["first_name"] == ["Thử", "Thu"]
    assert entries[1][1] == {"is_active": [True, False]}
    assert entries[3][2] == "Cán bộ cấp mật khẩu tạm"
    assert temporary not in str(entries)


def test_an_officer_cannot_lock_themselves_out(cast):
    client = cast.client("province_officer")
    me = cast.province_officer
    response = client.post(f"/accounts/users/{me.pk}/active/", {"active": "0"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Bạn không thể khóa tài khoản của chính mình."]
    response = client.post(
        f"/accounts/users/{me.pk}/", {"username": "sonoivu", "full_name": "Cán bộ", "role": "leader"}
    )
    assert response.context["form"].errors["role"] == ["Bạn không thể đổi vai trò của chính mình."]
    me.refresh_from_db()
    assert (me.is_active, me.role) == (True, Role.PROVINCE_OFFICER)


def _list(rows) -> io.BytesIO:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["DANH SÁCH TÀI KHOẢN"])
    ws.write_row(1, 0, ["Ten dang nhap", "Họ và tên", "Vai trò", "Hội", "Email", "Điện thoại"])
    for n, row in enumerate(rows, start=2):
        ws.write_row(n, 0, row)
    wb.close()
    buffer.seek(0)
    buffer.name = "tai-khoan.xlsx"
    return buffer


def test_accounts_from_an_xlsx_list_are_created_all_or_none(cast):
    client = cast.client("province_officer")
    bad = _list(
        [
            ["hoi.ctd.1", "Hà Văn Một", "Cán bộ hội", "Hội Chữ thập đỏ tỉnh Thái Nguyên", "", ""],
            ["hoi.ctd.1", "Hà Văn Hai", "Cán bộ hội", "hoi chu thap do tinh thai nguyen", "", ""],
            ["hoi.x", "Hà Văn Ba", "Thủ quỹ", "Hội Không Có", "", ""],
        ]
    )
    response = client.post("/accounts/users/import/", {"file": bad})
    assert response.context["problems"] == [
        "Dòng 5, cột “Vai trò”: “Thủ quỹ” không phải vai trò; hãy ghi một trong “Cán bộ Sở Nội vụ”, "
        "“Cán bộ hội”, “Lãnh đạo tỉnh”.",
        "Dòng 5, cột “Hội”: không có hội “Hội Không Có” trong sổ.",
    ]
    assert User.objects.count() == 4
    duplicate = _list(
        [
            ["hoi.ctd.1", "Hà Văn Một", "Cán bộ hội", "Hội Chữ thập đỏ tỉnh Thái Nguyên", "", ""],
            ["HOI.CTD.1", "Hà Văn Hai", "Cán bộ hội", "Hội Chữ thập đỏ tỉnh Thái Nguyên", "", ""],
        ]
    )
    response = client.post("/accounts/users/import/", {"file": duplicate})
    assert response.context["problems"] == ["Dòng 4: tên đăng nhập “HOI.CTD.1” đã có ở dòng 3."]
    assert User.objects.count() == 4

    good = _list(
        [
            [
                "hoi.ctd.1",
                "Hà Văn Một",
                "Cán bộ hội",
                "Hội Chữ thập đỏ tỉnh Thái Nguyên; Hội Người cao tuổi tỉnh Thái Nguyên",
            ],
            ["lanhdao.2", "Triệu Thị Hai", "lanh dao tinh", "", "hai@example.vn", 912345678],
        ]
    )
    response = client.post("/accounts/users/import/", {"file": good})
    created = response.context["created"]
    assert [(u.username, u.role, u.phone, u.must_change_password) for u, _p in created] == [
        ("hoi.ctd.1", Role.ASSOCIATION_OFFICER, "", True),
        ("lanhdao.2", Role.LEADER, "912345678", True),
    ]
    assert sorted(created[0][0].associations.values_list("pk", flat=True)) == sorted(
        [cast.association_a.pk, cast.association_b.pk]
    )
    text = response.content.decode()
    assert all(password in text for _u, password in created)
    template = client.get("/accounts/users/template.xlsx")
    assert template["Content-Disposition"] == 'attachment; filename="mau-danh-sach-tai-khoan.xlsx"'
    not_xlsx = client.post("/accounts/users/import/", {"file": io.BytesIO(b"x")})
    assert not_xlsx.context["form"].errors["file"]


def test_a_forgotten_password_is_reset_by_e_mail_end_to_end(cast):
    user = cast.officer_b
    user.email = "hoi.b@example.vn"
    user.save()
    visitor = Client()
    assert "Quên mật khẩu?" in visitor.get("/accounts/login/").content.decode()
    response = visitor.post("/accounts/password/reset/", {"email": "HOI.B@example.vn"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    [message] = mail.outbox
    assert message.subject == "Sổ Hội: đặt mật khẩu mới"
    assert message.to == ["hoi.b@example.vn"]
    assert "Tên đăng nhập của bạn: hoi.b" in message.body
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)
    form_page = visitor.get(link, follow=True)
    assert form_page.context["validlink"] is True
    done = visitor.post(form_page.request["PATH_INFO"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/password/reset/complete/"
    assert Client().login(username="hoi.b", password=NEW_PASSWORD) is True
    assert visitor.get(link, follow=True).context["validlink"] is False  # once only
    assert AuditEntry.objects.filter(object_id=str(user.pk), action=Action.PASSWORD).count() == 1

    # an unknown address gets the same answer and no mail
    assert visitor.post("/accounts/password/reset/", {"email": "ai@example.vn"})["Location"] == (
        "/accounts/password/reset/sent/"
    )
    assert len(mail.outbox) == 1


def test_password_reset_requests_are_limited(cast):
    cast.officer_b.email = "hoi.b@example.vn"
    cast.officer_b.save()
    for _ in range(5):
        Client().post("/accounts/password/reset/", {"email": "hoi.b@example.vn"})
    assert len(mail.outbox) == 3  # RESET_LIMIT_PER_EMAIL an hour


def test_the_account_list_runs_the_same_queries_for_4_and_40_accounts(cast):
    client = cast.client("province_officer")
    client.get("/accounts/users/")
    with CaptureQueriesContext(connection) as few:
        client.get("/accounts/users/")
    for n in range(36):
        UserFactory(username=f"hoi.{n}", role=Role.ASSOCIATION_OFFICER, associations=[cast.association_a])
    with CaptureQueriesContext(connection) as many:
        page = client.get("/accounts/users/")
    assert len(many) == len(few)
    assert page.context["page"].paginator.count == 40
