import pytest

from sohoi.people.cccd import check_cccd, normalise
from sohoi.people.ethnicity import ETHNIC_GROUPS, NAMES


def codes(value, **kw):
    return [p.code for p in check_cccd(value, **kw)]


@pytest.mark.parametrize(
    ("number", "sex", "year"),
    [
        ("006058001234", "M", 1958),  # born 1958 in Bắc Kạn, male: digit 4 = 0
        ("019165004321", "F", 1965),  # born 1965 in Thái Nguyên, female: digit 4 = 1
        ("001203009876", "M", 2003),  # born 2003 in Hà Nội, male: digit 4 = 2
        ("079308000001", "F", 2008),  # born 2008 in Hồ Chí Minh City, female: digit 4 = 3
    ],
)
def test_valid_numbers_consistent_with_sex_and_year(number, sex, year):
    assert check_cccd(number, sex=sex, birth_year=year) == []


def test_a_number_excel_read_as_a_number_is_normalised():
    assert normalise(19165004321.0) == "19165004321"
    assert normalise(" 006 058 001 234 ") == "006058001234"


def test_eleven_digits_means_excel_dropped_the_leading_zero():
    problems = check_cccd(19165004321)
    assert [p.code for p in problems] == ["leading_zero"]
    assert problems[0].message == (
        "Số CCCD có 11 chữ số: có thể Excel đã bỏ mất các số 0 ở đầu (019165004321). "
        "Hãy định dạng cột là Văn bản (Text) và nhập lại."
    )
    # 006… loses two zeros
    assert next(p.message for p in check_cccd(6058001234.0)).startswith("Số CCCD có 10 chữ số")


def test_length_and_digits():
    assert [p.message for p in check_cccd("9060580012")] == ["Số CCCD gồm 12 chữ số; số này có 10 chữ số."]
    assert codes("00605800123A") == ["not_digits"]


def test_the_prefix_must_be_a_province_code():
    # 003 was never a province code; 006 (Bắc Kạn) stays valid after the 2025 merger.
    assert [p.message for p in check_cccd("003058001234")] == ["Ba chữ số đầu 003 không phải mã tỉnh."]


def test_digit_four_must_agree_with_sex():
    assert [p.message for p in check_cccd("006158001234", sex="M", birth_year=1958)] == [
        "Chữ số thứ 4 (1) cho biết giới tính nữ, nhưng giới tính đã nhập là nam."
    ]


def test_digits_four_to_six_must_agree_with_the_birth_year():
    assert [p.message for p in check_cccd("006058001234", sex="M", birth_year=1959)] == [
        "Các chữ số 4–6 (058) cho biết năm sinh 1958, nhưng năm sinh đã nhập là 1959."
    ]
    # digit 4 = 2 means the 2000s: 006 2 58 … would be born 2058
    assert codes("006258001234", sex="M", birth_year=1958) == ["year"]


def test_ethnic_codes_follow_decision_121():
    assert len(ETHNIC_GROUPS) == 56
    assert (NAMES["01"], NAMES["02"], NAMES["07"], NAMES["08"], NAMES["09"], NAMES["54"]) == (
        "Kinh",
        "Tày",
        "Nùng",
        "H'Mông",
        "Dao",
        "Rơ Măm",
    )
