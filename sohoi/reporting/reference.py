"""The report form of the seed's kind: "results of the 6 months and tasks for the next 6 months of the
associations assigned staffing". Used by the demo; a province edits its own forms as data."""

from sohoi.reporting.models import Indicator, IndicatorKind, Prefill, ReportForm, ValidationRule

SIX_MONTH_INDICATORS = [
    ("members", "Tổng số hội viên", IndicatorKind.NUMBER, Prefill.MEMBERS),
    ("new_members", "Hội viên mới kết nạp", IndicatorKind.NUMBER, Prefill.NEW_MEMBERS),
    ("women", "Hội viên nữ", IndicatorKind.NUMBER, Prefill.WOMEN),
    ("branches", "Số chi hội", IndicatorKind.NUMBER, Prefill.BRANCHES),
    ("money", "Kinh phí vận động (đồng)", IndicatorKind.MONEY, Prefill.NONE),
    ("results", "Kết quả đạt được", IndicatorKind.TEXT, Prefill.NONE),
]
SIX_MONTH_RULES = [("women", "lte", "members"), ("new_members", "lte", "members")]


def create_form(regime, indicators=SIX_MONTH_INDICATORS, rules=SIX_MONTH_RULES) -> ReportForm:
    form = ReportForm.objects.create(regime=regime)
    found = {
        code: Indicator.objects.create(form=form, code=code, label=label, kind=kind, prefill=prefill, order=i)
        for i, (code, label, kind, prefill) in enumerate(indicators)
    }
    for left, operator, right in rules:
        ValidationRule.objects.create(form=form, left=found[left], operator=operator, right=found[right])
    return form
