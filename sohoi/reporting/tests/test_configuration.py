"""A province officer configures reporting in pages: regimes, the indicators and checks of their
forms, the periods of any year. A form that has reports is versioned, never changed under them; a
fresh installation has the Decree-09 6-month regime and the annual report (Mẫu 16) ready."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sohoi.audit.models import AuditEntry
from sohoi.reporting import services
from sohoi.reporting.models import Indicator, ReportingPeriod, ReportingRegime
from sohoi.reporting.tests.test_reports import GOOD

pytestmark = pytest.mark.django_db

SIX_MONTH = "Báo cáo 6 tháng các hội được giao biên chế"
ANNUAL = "Báo cáo hằng năm về tổ chức, hoạt động của hội (Mẫu 16, NĐ 126/2024/NĐ-CP)"


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_fresh_installation_has_the_two_regimes_ready():
    six, annual = ReportingRegime.objects.get(title=SIX_MONTH), ReportingRegime.objects.get(title=ANNUAL)
    assert (six.period_type, six.only_assigned, six.deadline_kind, six.deadline_value) == (
        "half_year",
        True,
        "working_days",
        2,
    )
    assert (annual.period_type, annual.only_assigned, annual.deadline_kind, annual.deadline_value) == (
        "year",
        False,
        "day_of_month",
        30,
    )
    assert six.form.indicators.count() == 15 and six.form.rules.count() == 4
    assert annual.form.indicators.filter(code="left_members").exists()
    [period] = services.periods_generate(regime=annual, year=2026, by=None)
    assert (period.starts_on.isoformat(), period.ends_on.isoformat(), period.due_on.isoformat()) == (
        "2025-12-15",
        "2026-12-14",
        "2026-12-30",  # "trước ngày 31 tháng 12" (Decree 126/2024 Art 24 k12)
    )


def test_a_regime_is_created_its_form_built_and_its_periods_generated_from_pages(cast):
    client = cast.client("province_officer")
    response = client.post(
        "/reports/regimes/new/",
        {
            "title": "Báo cáo quý các hội nhân đạo",
            "period_type": "quarter",
            "deadline_kind": "working_days",
            "deadline_value": "3",
            "associations": [cast.association_a.pk],
        },
        follow=True,
    )
    regime = ReportingRegime.objects.get(title="Báo cáo quý các hội nhân đạo")
    assert _messages(response) == ["Đã tạo chế độ báo cáo: hãy thêm các chỉ tiêu của mẫu."]
    url = f"/reports/regimes/{regime.pk}/"
    client.post(
        f"{url}indicators/",
        {"code": "members", "label": "Tổng số hội viên", "kind": "number", "prefill": "members", "required": "on"},
    )
    client.post(f"{url}indicators/", {"code": "women", "label": "Hội viên nữ", "kind": "number", "prefill": "women"})
    client.post(f"{url}indicators/", {"code": "results", "label": "Kết quả", "kind": "text", "required": "on"})
    response = client.post(f"{url}rules/", {"left": "women", "operator": "lte", "right": "members"}, follow=True)
    assert _messages(response)[-1] == "Đã thêm phép kiểm tra."
    form = regime.form
    assert (form.version, [(i.code, i.kind, i.prefill, i.required, i.order) for i in form.indicators.all()]) == (
        1,
        [
            ("members", "number", "members", True, 1),
            ("women", "number", "women", False, 2),
            ("results", "text", "", True, 3),
        ],
    )
    assert [str(r) for r in form.rules.all()] == ["women ≤ members"]

    response = client.post(f"{url}periods/", {"year": "2027"}, follow=True)
    assert _messages(response)[-1] == "Đã tạo 4 kỳ của năm 2027."
    assert _messages(client.post(f"{url}periods/", {"year": "2027"}, follow=True))[-1] == "Các kỳ của năm 2027 đã có."
    periods = ReportingPeriod.objects.filter(regime=regime).order_by("number")
    assert [(p.starts_on.isoformat(), p.ends_on.isoformat(), p.form_id) for p in periods] == [
        ("2026-12-15", "2027-03-14", form.pk),
        ("2027-03-15", "2027-06-14", form.pk),
        ("2027-06-15", "2027-09-14", form.pk),
        ("2027-09-15", "2027-12-14", form.pk),
    ]
    assert (
        AuditEntry.objects.filter(content_type__model__in=["reportingregime", "reportform", "reportingperiod"]).count()
        == 9
    )


def test_bad_input_on_the_configuration_pages_gets_a_message(cast):
    client = cast.client("province_officer")
    regime = ReportingRegime.objects.get(title=SIX_MONTH)
    url = f"/reports/regimes/{regime.pk}/"
    response = client.post(f"{url}indicators/", {"code": "Hội viên", "label": "X", "kind": "number"})
    assert response.context["indicator_form"].errors["code"] == [
        "Mã gồm tối đa 40 chữ thường không dấu, chữ số và _, bắt đầu bằng chữ cái."
    ]
    response = client.post(
        f"{url}indicators/", {"code": "notes", "label": "Ghi chú", "kind": "text", "prefill": "members"}
    )
    assert response.context["indicator_form"].errors["prefill"] == ["Chỉ chỉ tiêu dạng số mới lấy sẵn được từ sổ."]
    response = client.post(f"{url}rules/", {"left": "women", "operator": "lte", "right": "women"})
    assert response.context["rule_form"].errors["right"] == ["Hãy so sánh hai chỉ tiêu khác nhau."]
    response = client.post(f"{url}periods/", {"year": "20270"})
    assert response.context["year_form"].errors["year"]
    services.periods_generate(regime=regime, year=2026, by=None)
    response = client.post(
        url, {"title": SIX_MONTH, "period_type": "year", "deadline_kind": "working_days", "deadline_value": "2"}
    )
    assert response.context["regime_form"].errors["period_type"] == [
        "Chế độ này đã có kỳ báo cáo: không đổi được kỳ. Hãy tạo chế độ mới cho kỳ khác."
    ]


def test_a_form_with_reports_is_never_changed_under_them(cast):
    regime = ReportingRegime.objects.get(title=SIX_MONTH)
    ReportingRegime.objects.filter(pk=regime.pk).update(only_assigned=False)
    regime.refresh_from_db()
    [reported] = services.periods_generate(regime=regime, year=2026, by=None)
    [ahead] = services.periods_generate(regime=regime, year=2027, by=None)
    report = services.report_open(period=reported, association=cast.association_a, by=None)
    services.report_submit(report=report, values=GOOD, revision=report.revision, by=None)
    v1 = regime.form

    client = cast.client("province_officer")
    url = f"/reports/regimes/{regime.pk}/"
    assert "Phiên bản 1 đã có báo cáo" in client.get(url).content.decode()
    client.post(f"{url}indicators/", {"code": "volunteers", "label": "Tình nguyện viên", "kind": "number"})
    client.post(f"{url}indicators/members/remove/")
    regime.refresh_from_db()
    v2 = regime.form
    assert (v1.version, v2.version) == (1, 2)
    assert "members" in set(v1.indicators.values_list("code", flat=True))  # the report's form as it was
    assert "volunteers" not in set(v1.indicators.values_list("code", flat=True))
    assert set(v2.indicators.values_list("code", flat=True)) == set(v1.indicators.values_list("code", flat=True)) - {
        "members"
    } | {"volunteers"}
    assert [str(r) for r in v2.rules.all()] == []  # the four checks all compared with "members"
    reported.refresh_from_db()
    ahead.refresh_from_db()
    assert (reported.form_id, ahead.form_id) == (v1.pk, v2.pk)
    # the report still reads and validates on its own version
    page = cast.client("officer_a").get(f"/reports/periods/{reported.pk}/{cast.association_a.pk}/")
    assert "Tổng số hội viên" in page.content.decode()
    assert Indicator.objects.filter(form=v2, code="volunteers").exists()
    # a second change goes on version 2 (no report uses it yet)
    client.post(f"{url}indicators/", {"code": "volunteers", "label": "Tình nguyện viên của hội", "kind": "number"})
    regime.refresh_from_db()
    assert (
        regime.form.version == 2 and regime.form.indicators.get(code="volunteers").label == "Tình nguyện viên của hội"
    )


def test_the_yearly_command_creates_next_year_s_periods(capsys):
    call_command("generate_periods", "--year", "2028")
    assert ReportingPeriod.objects.filter(year=2028).count() == 2
    assert f"{SIX_MONTH}: 1" in capsys.readouterr().out


def test_the_regime_list_runs_the_same_queries_for_2_and_6_regimes(cast):
    client = cast.client("province_officer")
    client.get("/reports/regimes/")
    with CaptureQueriesContext(connection) as few:
        client.get("/reports/regimes/")
    for n in range(4):
        services.periods_generate(
            regime=ReportingRegime.objects.create(title=f"Chế độ {n}", period_type="year"), year=2026, by=None
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get("/reports/regimes/")
    assert len(many) == len(few)
    assert len(page.context["regimes"]) == 6
