import datetime as dt

import pytest

from sohoi.staffing.law import retirement, retirement_age_months


@pytest.mark.parametrize(
    ("sex", "birth", "age", "last_day", "pension"),
    [
        # The worked examples: a man born 03/1965 and a woman born 09/1970 (Decree 135/2020, Appendix I).
        ("M", dt.date(1965, 3, 20), "61 tuổi 6 tháng", dt.date(2026, 9, 30), dt.date(2026, 10, 1)),
        ("F", dt.date(1970, 9, 2), "57 tuổi 8 tháng", dt.date(2028, 5, 31), dt.date(2028, 6, 1)),
        # Before the roadmap: 60 and 55.
        ("M", dt.date(1960, 8, 1), "60 tuổi", dt.date(2020, 8, 31), dt.date(2020, 9, 1)),
        ("F", dt.date(1965, 5, 1), "55 tuổi", dt.date(2020, 5, 31), dt.date(2020, 6, 1)),
        # The first year: 60y3m and 55y4m.
        ("M", dt.date(1961, 1, 15), "60 tuổi 3 tháng", dt.date(2021, 4, 30), dt.date(2021, 5, 1)),
        ("F", dt.date(1966, 1, 15), "55 tuổi 4 tháng", dt.date(2021, 5, 31), dt.date(2021, 6, 1)),
        # The end of the roadmap: 62 (men, 2028) and 60 (women, 2035).
        ("M", dt.date(1970, 6, 1), "62 tuổi", dt.date(2032, 6, 30), dt.date(2032, 7, 1)),
        ("F", dt.date(1980, 12, 1), "60 tuổi", dt.date(2040, 12, 31), dt.date(2041, 1, 1)),
    ],
)
def test_retirement_dates_along_the_decree_135_roadmap(sex, birth, age, last_day, pension):
    result = retirement(sex, birth)
    assert (result.age_text, result.last_day, result.pension_from) == (age, last_day, pension)


def test_the_age_rises_3_months_a_year_for_men_and_4_for_women():
    assert [retirement_age_months("M", y) for y in (2020, 2021, 2022, 2027, 2028, 2029)] == [
        720,
        723,
        726,
        741,
        744,
        744,
    ]
    assert [retirement_age_months("F", y) for y in (2020, 2021, 2034, 2035, 2036)] == [660, 664, 716, 720, 720]


def test_year_only_birth_counts_from_1_january_and_unknown_sex_has_no_date():
    assert retirement("M", dt.date(1965, 1, 1)).last_day == dt.date(2026, 7, 31)  # 61y6m, reached in 2026
    assert retirement("", dt.date(1965, 1, 1)) is None
