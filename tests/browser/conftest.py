"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server."""

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SOHOI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(tempfile.gettempdir()) / "sohoi-screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread; the ORM calls a test makes for its
    # set-up and checks are still synchronous, so Django's async-safety check does not apply here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=vi-VN",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests empty the database after each test, migrations' data included."""
    from sohoi.geo.loader import load_units
    from sohoi.geo.models import AdministrativeUnit, UnitSuccession
    from sohoi.registry.models import ActivityField
    from sohoi.registry.reference import ensure_default_fields

    load_units(AdministrativeUnit, UnitSuccession)
    ensure_default_fields(ActivityField)


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def signed_in(browser, live_server):
    """A new browser window (its own cookies) logged in as `username`, in Vietnamese."""
    from tests.factories import PASSWORD

    def open_as(username: str):
        page = browser.new_context(locale="vi-VN", viewport={"width": 1100, "height": 900}).new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        return page

    return open_as
