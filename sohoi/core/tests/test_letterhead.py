"""The letterhead of every document names the deployment's province (settings.SOHOI_PROVINCE_NAME),
not a province written into the code."""

import pytest

from sohoi.core.docx import Letterhead

pytestmark = pytest.mark.django_db


def test_the_letterhead_and_the_consolidated_report_take_the_province_from_the_settings(settings):
    from sohoi.reporting.models import ConsolidatedReport, ReportingPeriod
    from sohoi.reporting.services import periods_generate
    from sohoi.reporting.tests.test_reports import make_regime

    settings.SOHOI_PROVINCE_NAME = "Lào Cai"
    head = Letterhead()
    assert (head.parent_body, head.issuing_body, head.place) == ("UBND TỈNH LÀO CAI", "SỞ NỘI VỤ", "Lào Cai")
    [period] = periods_generate(regime=make_regime(), year=2026, by=None)
    report = ConsolidatedReport.objects.create(period=ReportingPeriod.objects.get(pk=period.pk))
    assert (report.parent_body, report.place) == ("UBND TỈNH LÀO CAI", "Lào Cai")


def test_the_approving_authority_is_offered_for_the_province(settings):
    from sohoi.mergers.forms import ApproveForm

    settings.SOHOI_PROVINCE_NAME = "Lào Cai"
    assert ApproveForm()["authority"].value() == "UBND tỉnh Lào Cai"
