import datetime as dt

from sohoi.core.calendar import add_working_days, add_years, is_working_day
from sohoi.core.text import clean_text, fold, nfc


def test_weekends_and_tet_2026_are_not_working_days():
    assert is_working_day(dt.date(2026, 2, 13)) is True  # Friday before Tết
    assert is_working_day(dt.date(2026, 2, 14)) is False  # Saturday
    assert is_working_day(dt.date(2026, 2, 17)) is False  # Tết holiday on a Tuesday


def test_one_working_day_after_the_friday_before_tet_2026_is_the_monday_after_it():
    assert add_working_days(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 23)


def test_sixty_working_days_from_20_august_2025_skip_national_day():
    # 21/08 … 14/11/2025: 62 weekdays less the 01/09 and 02/09 holidays.
    assert add_working_days(dt.date(2025, 8, 20), 60) == dt.date(2025, 11, 14)


def test_extra_holidays_come_from_settings(settings):
    settings.SOHOI_EXTRA_HOLIDAYS = ["2026-11-24"]
    assert is_working_day(dt.date(2026, 11, 24)) is False


def test_add_years_moves_29_february_to_28_february():
    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert add_years(dt.date(2022, 3, 31), 5) == dt.date(2027, 3, 31)


def test_nfd_input_is_stored_as_nfc():
    decomposed = "Ho\u0302\u0323i Ngu\u031bo\u031b\u0300i"  # "Hội Người" typed in NFD
    assert nfc(decomposed) == "Hội Người"
    assert clean_text("  Hội   Người\u00a0cao tuổi ") == "Hội Người cao tuổi"


def test_fold_removes_diacritics_and_maps_d_bar():
    assert fold("Hội Người cao tuổi Đồng Hỷ") == "hoi nguoi cao tuoi dong hy"
    assert fold("ĐỨC XUÂN") == "duc xuan"
    assert fold("Ho\u0302\u0323i") == "hoi"
