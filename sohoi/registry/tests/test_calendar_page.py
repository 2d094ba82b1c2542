"""Province officers keep the working calendar: the days off of a year the code does not list, and
weekend days worked in exchange; the deadlines counted in working days follow at once, and the
deadline pages warn while the year ahead has no days off."""

import datetime as dt

import pytest

from sohoi.core import calendar
from sohoi.core.calendar import add_working_days, is_working_day
from sohoi.core.models import CalendarDay

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_days_entered_on_the_page_count_in_the_deadlines(cast):
    client = cast.client("province_officer")
    assert add_working_days(dt.date(2028, 4, 28), 1) == dt.date(2028, 5, 1)  # 2028 is not built in
    response = client.post("/calendar/", {"day": "2028-05-01", "kind": "off", "name": "Quốc tế Lao động"}, follow=True)
    assert _messages(response) == ["Đã thêm ngày 01/05/2028 vào lịch."]
    assert is_working_day(dt.date(2028, 5, 1)) is False
    assert add_working_days(dt.date(2028, 4, 28), 1) == dt.date(2028, 5, 2)
    client.post("/calendar/", {"day": "2028-05-06", "kind": "worked", "name": "Làm bù"})
    assert is_working_day(dt.date(2028, 5, 6)) is True  # a Saturday
    page = client.get("/calendar/", {"year": "2028"}).content.decode()
    assert "Sổ Hội chưa có ngày nghỉ của năm 2028" in page and "Quốc tế Lao động" in page

    entry = CalendarDay.objects.get(day=dt.date(2028, 5, 1))
    client.post(f"/calendar/{entry.pk}/remove/")
    assert is_working_day(dt.date(2028, 5, 1)) is True


def test_bad_days_are_refused_with_a_message(cast):
    client = cast.client("province_officer")
    response = client.post("/calendar/", {"day": "2028-05-06", "kind": "off"})
    assert response.context["form"].errors["day"] == ["06/05/2028 là ngày cuối tuần: vốn đã là ngày nghỉ."]
    response = client.post("/calendar/", {"day": "2028-05-02", "kind": "worked"})
    assert response.context["form"].errors["day"] == ["02/05/2028 là ngày thường: chỉ ngày cuối tuần mới làm bù được."]
    client.post("/calendar/", {"day": "2028-05-02", "kind": "off"})
    response = client.post("/calendar/", {"day": "2028-05-02", "kind": "off"})
    assert response.context["form"].errors["day"] == ["02/05/2028 đã có trong lịch."]
    assert client.get("/calendar/", {"year": "năm sau"}).status_code == 200


def test_the_deadline_pages_warn_while_the_year_ahead_has_no_days_off(cast, monkeypatch):
    from django.utils import timezone

    year_ahead = timezone.localdate().year + 1
    monkeypatch.setattr(calendar, "KNOWN_YEARS", frozenset({year_ahead - 1}))
    warning = f"Lịch chưa có ngày nghỉ của năm {year_ahead}"
    assert warning in cast.client("province_officer").get("/dashboard/").content.decode()
    assert warning in cast.client("officer_a").get("/").content.decode()
    day = dt.date(year_ahead, 1, 1)
    day += dt.timedelta(days={5: 2, 6: 1}.get(day.weekday(), 0))
    cast.client("province_officer").post(
        "/calendar/", {"day": day.isoformat(), "kind": "off", "name": "Tết Dương lịch"}
    )
    assert warning not in cast.client("province_officer").get("/dashboard/").content.decode()
