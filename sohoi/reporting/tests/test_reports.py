import datetime as dt

import pytest

from sohoi.core.errors import ApplicationError
from sohoi.members.services import PersonData, membership_create
from sohoi.reporting import services
from sohoi.reporting.models import PeriodType, ReportingRegime, ReportStatus
from sohoi.reporting.reference import create_form

pytestmark = pytest.mark.django_db


def make_regime(period_type=PeriodType.HALF_YEAR):
    regime = ReportingRegime.objects.create(
        title="Báo cáo 6 tháng các hội được giao biên chế", period_type=period_type, only_assigned=False
    )
    create_form(regime)
    return regime


def member(association, name, cccd, sex, joined):
    membership_create(
        association=association,
        joined_on=joined,
        by=None,
        person_data=PersonData(full_name=name, cccd=cccd, sex=sex, birth_year=1960),
    )


# The indicators pre-filled from the activities register, for a period with no activity recorded.
REGISTER_EMPTY = {
    "money": 0,
    "beneficiaries": 0,
    "activities": 0,
    "production_models": 0,
    "legal_sessions": 0,
    "digital_activities": 0,
}
GOOD = {
    "members": "3",
    "new_members": "1",
    "women": "2",
    "branches": "0",
    "money": "15.000.000",
    "results": "Tổ chức 3 đợt hiến máu.",
}


@pytest.fixture
def h1_report(cast):
    regime = make_regime()
    [period] = services.periods_generate(regime=regime, year=2026, by=None)
    a = cast.association_a
    member(a, "Hà Thị Một", "019160000101", "F", dt.date(2024, 1, 1))
    member(a, "Hà Thị Hai", "019160000102", "F", dt.date(2026, 2, 1))
    member(a, "Hà Văn Ba", "019060000103", "M", dt.date(2025, 5, 1))
    member(a, "Hà Văn Sau", "019060000104", "M", dt.date(2026, 7, 1))  # after the cut-off
    return services.report_open(period=period, association=a, by=None)


def test_the_report_is_prefilled_from_the_registry_on_the_cut_off_date(h1_report):
    assert h1_report.values == {
        "members": 3,
        "new_members": 1,
        "women": 2,
        "branches": 0,
        "ethnic_minority": 0,
        **REGISTER_EMPTY,
    }
    assert h1_report.status == ReportStatus.DRAFT


def test_validation_rules_are_data_and_speak_vietnamese(h1_report):
    problems = services.report_problems(h1_report, {**GOOD, "women": "4", "money": "nhiều", "results": ""})
    assert problems == {
        "women": "“Hội viên nữ” (4) phải ≤ “Tổng số hội viên” (3).",
        "money": "“Kinh phí vận động (đồng)” phải là số nguyên, không phải “nhiều”.",
        "results": "Hãy điền “Kết quả đạt được”.",
    }
    with pytest.raises(ApplicationError) as error:
        services.report_submit(report=h1_report, values={**GOOD, "women": "4"}, revision=h1_report.revision, by=None)
    assert error.value.problems == {"women": "“Hội viên nữ” (4) phải ≤ “Tổng số hội viên” (3)."}
    h1_report.refresh_from_db()
    assert (h1_report.status, h1_report.versions.count()) == (ReportStatus.DRAFT, 0)


def test_submitting_after_the_deadline_marks_the_report_late(h1_report, cast):
    report = services.report_submit(report=h1_report, values=GOOD, revision=h1_report.revision, by=cast.officer_a)
    assert (report.status, report.period.due_on, services.is_late(report)) == (
        ReportStatus.SUBMITTED,
        dt.date(2026, 6, 16),
        True,
    )


def test_a_report_submitted_before_its_deadline_is_on_time(cast):
    regime = make_regime(PeriodType.YEAR)
    [period] = services.periods_generate(regime=regime, year=2026, by=None)
    report = services.report_open(period=period, association=cast.association_a, by=None)
    report = services.report_submit(report=report, values=GOOD, revision=report.revision, by=None)
    assert (period.due_on, services.is_late(report)) == (dt.date(2026, 12, 16), False)


def test_return_resubmit_and_compare_versions_then_accept_locks(h1_report, cast):
    report = services.report_submit(report=h1_report, values=GOOD, revision=h1_report.revision, by=cast.officer_a)
    with pytest.raises(ApplicationError) as error:
        services.report_return(report=report, comment="  ", by=cast.province_officer)
    assert error.value.messages == ["Hãy nêu nội dung cần chỉnh sửa."]
    report = services.report_return(report=report, comment="Bổ sung kinh phí", by=cast.province_officer)
    assert (report.status, report.return_comment) == (ReportStatus.RETURNED, "Bổ sung kinh phí")
    report = services.report_submit(
        report=report, values={**GOOD, "money": "20.000.000"}, revision=report.revision, by=cast.officer_a
    )
    first, second = report.versions.all()
    assert services.version_diff(first, second) == {"money": ["15.000.000", "20.000.000"]}
    report = services.report_accept(report=report, by=cast.province_officer)
    with pytest.raises(ApplicationError) as error:
        services.report_save(report=report, values=GOOD, revision=report.revision, by=cast.officer_a)
    assert error.value.messages == ["Báo cáo này đã được tiếp nhận và bị khóa."]


def test_two_people_saving_the_same_report_do_not_overwrite_each_other(h1_report):
    opened = h1_report.revision
    services.report_save(report=h1_report, values={**GOOD, "money": "1"}, revision=opened, by=None)
    with pytest.raises(ApplicationError) as error:
        services.report_save(report=h1_report, values={**GOOD, "money": "2"}, revision=opened, by=None)
    assert error.value.messages == [
        "Người khác đã lưu báo cáo này sau khi bạn mở. Thay đổi của bạn chưa được lưu: hãy sao chép lại, "
        "tải lại trang để xem thay đổi kia, rồi nhập lại phần của bạn."
    ]
    h1_report.refresh_from_db()
    assert h1_report.values["money"] == "1"


def test_completeness_counts_expected_submitted_on_time_late_missing_and_returned(h1_report, cast):
    from sohoi.reporting.selectors import completeness

    services.report_submit(report=h1_report, values=GOOD, revision=h1_report.revision, by=cast.officer_a)
    result = completeness(h1_report.period)
    assert [(r.association.name, r.state, r.late) for r in result.rows] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", "submitted", True),
        ("Hội Người cao tuổi tỉnh Thái Nguyên", "missing", False),
    ]
    assert (result.expected, result.submitted, result.on_time, result.late, result.missing, result.returned) == (
        2,
        1,
        0,
        1,
        1,
        0,
    )
    assert (result.rate(result.submitted), result.rate(result.late)) == (50.0, 50.0)


def test_the_consolidation_totals_equal_the_sum_of_the_accepted_reports(cast):
    from sohoi.reporting.selectors import consolidation

    regime = make_regime()
    (h1_2025,) = services.periods_generate(regime=regime, year=2025, by=None)
    (h1_2026,) = services.periods_generate(regime=regime, year=2026, by=None)
    for period, money in ((h1_2025, "1.000.000"), (h1_2026, "15.000.000")):
        report = services.report_open(period=period, association=cast.association_a, by=None)
        report = services.report_submit(
            report=report, values={**GOOD, "money": money}, revision=report.revision, by=None
        )
        services.report_accept(report=report, by=cast.province_officer)
    other = services.report_open(period=h1_2026, association=cast.association_b, by=None)
    other = services.report_submit(
        report=other,
        values={**GOOD, "members": "10", "money": "5.000.000", "results": "Thăm hỏi 120 hội viên."},
        revision=other.revision,
        by=None,
    )
    services.report_accept(report=other, by=cast.province_officer)
    result = consolidation(h1_2026)
    others = dict.fromkeys(
        ["ethnic_minority", "beneficiaries", "activities", "production_models", "legal_sessions", "digital_activities"],
        0,
    )
    assert result.totals == {"members": 13, "new_members": 2, "women": 4, "branches": 0, "money": 20_000_000, **others}
    assert result.previous_totals == {
        "members": 3,
        "new_members": 1,
        "women": 2,
        "branches": 0,
        "money": 1_000_000,
        **others,
    }
    assert [(a.name, row["money"]) for a, row in result.rows] == [
        ("Hội Chữ thập đỏ tỉnh Thái Nguyên", 15_000_000),
        ("Hội Người cao tuổi tỉnh Thái Nguyên", 5_000_000),
    ]
    assert result.texts == [
        (
            "Kết quả đạt được",
            [(cast.association_a, "Tổ chức 3 đợt hiến máu."), (cast.association_b, "Thăm hỏi 120 hội viên.")],
        )
    ]
