"""With SOHOI_OTP_REQUIRED a province officer sets up an authenticator app on the first login and gives
its code at every login after (django-otp, TOTP); other roles, and every role without the setting, are
not asked."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sohoi.audit.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def _logged_in(username: str) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_a_province_officer_sets_up_the_app_then_gives_its_code_at_each_login(cast, settings):
    settings.SOHOI_OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp makes a wrong code wait 1 s, 2 s, 4 s… before the next
    client = _logged_in("sonoivu")
    assert client.get("/associations/")["Location"] == "/accounts/second-factor/?next=/associations/"
    page = client.get("/accounts/second-factor/?next=/associations/")
    text = page.content.decode()
    assert "<svg" in text and "Quét mã này bằng ứng dụng" in text
    device = TOTPDevice.objects.get(user=cast.province_officer)
    assert device.confirmed is False
    assert re.fullmatch(r"([A-Z2-7]{4} ?)+", page.context["key"])
    wrong = client.post(
        "/accounts/second-factor/?next=/associations/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert "Mã này không phải mã ứng dụng đang hiển thị" in wrong.content.decode()
    response = client.post("/accounts/second-factor/?next=/associations/", {"token": _code(device)})
    assert response["Location"] == "/associations/"
    assert client.get("/associations/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    assert AuditEntry.objects.filter(note="Đã cài ứng dụng xác thực").count() == 1

    # the next login asks for the code only (no new QR code)
    again = _logged_in("sonoivu")
    assert again.get("/")["Location"] == "/accounts/second-factor/?next=/"
    assert "<svg" not in again.get("/accounts/second-factor/").content.decode()
    device.refresh_from_db()  # the same 30-second step: django-otp refuses a code used once already
    device.last_t = -1
    device.save()
    assert again.post("/accounts/second-factor/", {"token": _code(device)})["Location"] == "/"
    assert again.get("/").status_code == 200


def test_other_roles_and_installations_without_the_setting_are_not_asked(cast, settings):
    settings.SOHOI_OTP_REQUIRED = True
    assert _logged_in("hoi.a").get("/").status_code == 200
    assert _logged_in("lanhdao").get("/").status_code == 200
    settings.SOHOI_OTP_REQUIRED = False
    assert _logged_in("sonoivu").get("/").status_code == 200
    assert not TOTPDevice.objects.exists()


def test_the_next_address_is_never_another_site(cast, settings):
    settings.SOHOI_OTP_REQUIRED = True
    client = _logged_in("sonoivu")
    client.get("/accounts/second-factor/")
    device = TOTPDevice.objects.get()
    response = client.post("/accounts/second-factor/?next=https://evil.example/", {"token": _code(device)})
    assert response["Location"] == "/"


def test_an_officer_removes_the_app_of_one_who_lost_their_phone(cast, settings):
    settings.SOHOI_OTP_REQUIRED = True
    TOTPDevice.objects.create(user=cast.leader, name="x", confirmed=True)
    client = Client()
    client.force_login(cast.province_officer)
    device = TOTPDevice.objects.create(user=cast.province_officer, name="x", confirmed=True)
    client.post("/accounts/second-factor/", {"token": _code(device)})
    response = client.post(f"/accounts/users/{cast.leader.pk}/second-factor/reset/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã gỡ ứng dụng xác thực: lần đăng nhập sau sẽ cài ứng dụng mới."
    ]
    assert not TOTPDevice.objects.filter(user=cast.leader).exists()
    assert AuditEntry.objects.filter(note="Cán bộ đã gỡ ứng dụng xác thực").count() == 1
