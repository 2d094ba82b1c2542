from sohoi.audit.models import AuditEntry
from tests.factories import PASSWORD


def test_logging_in_shows_the_vietnamese_form_and_a_wrong_password_is_explained(cast):
    client = cast.client("anonymous")
    page = client.get("/accounts/login/").content.decode()
    assert "Đăng nhập Sổ Hội" in page
    response = client.post("/accounts/login/", {"username": "sonoivu", "password": "sai"})
    assert response.context["form"].non_field_errors() == [
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác. "
        "Chú ý rằng cả hai khung thông tin đều phân biệt chữ hoa và chữ thường."
    ]


def test_logging_in_and_out(cast):
    client = cast.client("anonymous")
    response = client.post("/accounts/login/", {"username": "lanhdao", "password": PASSWORD})
    assert response["Location"] == "/"
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"
    assert client.get("/dashboard/").status_code == 302


def test_changing_the_password_is_audited_without_the_password(cast):
    client = cast.client("officer_a")
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Hoi-chu-thap-do-2026", "new_password2": "Hoi-chu-thap-do-2026"},
    )
    assert response["Location"] == "/accounts/password/done/"
    entry = AuditEntry.objects.get(action="password")
    assert (entry.actor_name, entry.object_repr, entry.changes) == ("hoi.a", "hoi.a", {})
    cast.officer_a.refresh_from_db()
    assert cast.officer_a.check_password("Hoi-chu-thap-do-2026")


def test_a_full_name_is_written_the_vietnamese_way():
    from sohoi.accounts.models import User

    assert User(first_name="Minh", last_name="Hoàng Văn").get_full_name() == "Hoàng Văn Minh"
    assert User(first_name="", last_name="").get_full_name() == ""
