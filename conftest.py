"""The fixed cast every permission test uses.

- province_officer: Sở Nội vụ, sees and writes everything
- officer_a / officer_b: association officers of association_a / association_b
- leader: reads everything, writes nothing
- anonymous: the public
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from sohoi.accounts.models import Role
from tests.factories import UserFactory, active_association


@pytest.fixture(autouse=True)
def _calendar_days(request, monkeypatch):
    """The days officers enter in the calendar live in the database: a test with it reads them fresh
    (none leak from another test through the process's cache); a test without it sees none."""
    from sohoi.core import calendar

    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        calendar.forget_entered()
        yield
        calendar.forget_entered()
    else:
        monkeypatch.setattr(calendar, "entered_days", dict)
        yield


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "vi"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "ENQUEUE_ON_COMMIT": False}
    }


@dataclass
class Cast:
    association_a: object
    association_b: object
    province_officer: object
    officer_a: object
    officer_b: object
    leader: object

    def client(self, who: str) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(getattr(self, who))
        return client


ROLES = ["province_officer", "officer_a", "officer_b", "leader", "anonymous"]


@pytest.fixture
def cast(db) -> Cast:
    a = active_association(name="Hội Chữ thập đỏ tỉnh Thái Nguyên", founded=dt.date(2022, 3, 1))
    b = active_association(name="Hội Người cao tuổi tỉnh Thái Nguyên", founded=dt.date(2021, 5, 10))
    return Cast(
        association_a=a,
        association_b=b,
        province_officer=UserFactory(username="sonoivu", role=Role.PROVINCE_OFFICER),
        officer_a=UserFactory(username="hoi.a", role=Role.ASSOCIATION_OFFICER, associations=[a]),
        officer_b=UserFactory(username="hoi.b", role=Role.ASSOCIATION_OFFICER, associations=[b]),
        leader=UserFactory(username="lanhdao", role=Role.LEADER),
    )
