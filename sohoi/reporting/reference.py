"""The report forms of the seed's kind: "results of the 6 months and tasks for the next 6 months of the
associations assigned staffing", and the annual one. Used by the demo; a province edits its own forms as
data. Each indicator: (code, label, kind, pre-filled from, required)."""

from sohoi.reporting.models import Indicator, IndicatorKind, Prefill, ReportForm, ValidationRule

N, M, T = IndicatorKind.NUMBER, IndicatorKind.MONEY, IndicatorKind.TEXT

SIX_MONTH_INDICATORS = [
    ("members", "Tổng số hội viên", N, Prefill.MEMBERS, True),
    ("new_members", "Hội viên mới kết nạp", N, Prefill.NEW_MEMBERS, True),
    ("women", "Hội viên nữ", N, Prefill.WOMEN, True),
    ("branches", "Số chi hội", N, Prefill.BRANCHES, True),
    ("money", "Kinh phí vận động (đồng)", M, Prefill.MONEY_RAISED, True),
    ("ethnic_minority", "Hội viên người dân tộc thiểu số", N, Prefill.ETHNIC_MINORITY, False),
    ("beneficiaries", "Lượt người được hỗ trợ, giúp đỡ", N, Prefill.BENEFICIARIES, False),
    ("activities", "Số hoạt động, phong trào tổ chức", N, Prefill.ACTIVITIES, False),
    ("production_models", "Hội viên tham gia mô hình sản xuất, chuỗi giá trị", N, Prefill.PRODUCTION_MEMBERS, False),
    ("legal_sessions", "Buổi tuyên truyền, phổ biến pháp luật", N, Prefill.LEGAL_SESSIONS, False),
    ("digital_activities", "Hoạt động chuyển đổi số", N, Prefill.DIGITAL_ACTIVITIES, False),
    ("results", "Kết quả đạt được", T, Prefill.NONE, True),
    ("shortcomings", "Tồn tại, hạn chế và nguyên nhân", T, Prefill.NONE, False),
    ("next_tasks", "Nhiệm vụ trọng tâm kỳ tới", T, Prefill.NONE, False),
    ("proposals", "Đề xuất, kiến nghị", T, Prefill.NONE, False),
]
SIX_MONTH_RULES = [
    ("women", "lte", "members"),
    ("new_members", "lte", "members"),
    ("ethnic_minority", "lte", "members"),
    ("production_models", "lte", "members"),
]
ANNUAL_INDICATORS = [
    *SIX_MONTH_INDICATORS[:11],
    ("left_members", "Hội viên ra khỏi hội trong năm", N, Prefill.NONE, False),
    ("trainings", "Lớp tập huấn, bồi dưỡng cán bộ hội", N, Prefill.NONE, False),
    *SIX_MONTH_INDICATORS[11:],
]
ANNUAL_RULES = SIX_MONTH_RULES


def create_form(regime, indicators=SIX_MONTH_INDICATORS, rules=SIX_MONTH_RULES) -> ReportForm:
    form = ReportForm.objects.create(regime=regime)
    found = {
        code: Indicator.objects.create(
            form=form, code=code, label=label, kind=kind, prefill=prefill, required=required, order=i
        )
        for i, (code, label, kind, prefill, required) in enumerate(indicators)
    }
    for left, operator, right in rules:
        ValidationRule.objects.create(form=form, left=found[left], operator=operator, right=found[right])
    return form
