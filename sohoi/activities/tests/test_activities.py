"""An association records what it does; the report forms pre-fill their activity figures from the
register for the period; an association's activities are its officers' and the province's to keep,
leaders read them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sohoi.activities.models import Activity
from sohoi.members.services import PersonData, membership_create
from sohoi.reporting import services as reporting
from sohoi.reporting.models import ReportingPeriod
from sohoi.reporting.tests.test_reports import make_regime

pytestmark = pytest.mark.django_db

CCCDS = ["019160000201", "019060000202", "019160000203", "019060000204", "019160000205"]


def _members(association):
    for n, cccd in enumerate(CCCDS):
        membership_create(
            association=association,
            joined_on=dt.date(2024, 1, 1),
            by=None,
            person_data=PersonData(
                full_name=f"Hội Viên {n}", cccd=cccd, sex="F" if cccd[3] == "1" else "M", birth_year=1960
            ),
        )


def _period() -> ReportingPeriod:
    [period] = reporting.periods_generate(regime=make_regime(), year=2026, by=None)  # 15/12/2025–14/06/2026
    return period


def test_activities_recorded_on_the_pages_pre_fill_the_report(cast):
    a = cast.association_a
    _members(a)
    period = _period()
    client = cast.client("officer_a")
    url = f"/associations/{a.pk}/activities/new/"
    response = client.post(
        url,
        {
            "kind": "production_model",
            "title": "Mô hình trồng chè theo chuỗi giá trị",
            "starts_on": "2026-03-01",
            "product": "Chè Tân Cương",
            "participants": "5",
            "beneficiaries": "0",
            "households": "5",
            "money_raised": "0",
            "money_given": "0",
            "in_kind_value": "0",
            "members": "\n".join(CCCDS),
        },
    )
    assert response["Location"] == f"/associations/{a.pk}/activities/"
    client.post(
        url,
        {
            "kind": "charity",
            "title": "Trao quà cho hộ nghèo",
            "starts_on": "2026-04-10",
            "commune": "01840",
            "participants": "20",
            "beneficiaries": "120",
            "households": "60",
            "money_raised": "45000000",
            "money_given": "45000000",
            "in_kind_value": "0",
        },
    )
    client.post(  # after the period's cut-off: not counted in it
        url,
        {
            "kind": "legal",
            "title": "Tuyên truyền pháp luật",
            "starts_on": "2026-07-01",
            "participants": "80",
            "beneficiaries": "80",
            "households": "0",
            "money_raised": "0",
            "money_given": "0",
            "in_kind_value": "0",
        },
    )
    model = Activity.objects.get(kind="production_model")
    assert sorted(model.members.values_list("cccd", flat=True)) == sorted(CCCDS)
    page = client.get(f"/associations/{a.pk}/activities/")
    assert [x.title for x in page.context["page"]] == [
        "Tuyên truyền pháp luật",
        "Trao quà cho hộ nghèo",
        "Mô hình trồng chè theo chuỗi giá trị",
    ]
    report = reporting.report_open(period=period, association=a, by=None)
    values = report.values
    assert (
        values["activities"],
        values["beneficiaries"],
        values["money"],
        values["production_models"],
        values["legal_sessions"],
        values["digital_activities"],
    ) == (2, 120, 45_000_000, 5, 0, 0)
    assert values["members"] == 5


def test_bad_input_names_the_field_and_what_is_wrong(cast):
    a = cast.association_a
    _members(a)
    client = cast.client("officer_a")
    base = {"kind": "charity", "title": "Trao quà", "participants": "0", "beneficiaries": "0", "households": "0"}
    base |= {"money_raised": "0", "money_given": "0", "in_kind_value": "0"}
    response = client.post(
        f"/associations/{a.pk}/activities/new/",
        {**base, "starts_on": "2026-03-01", "members": "019160000201\n006099999999"},
    )
    assert response.context["form"].errors["members"] == [
        "Không phải hội viên của Hội Chữ thập đỏ tỉnh Thái Nguyên: 006099999999."
    ]
    response = client.post(f"/associations/{a.pk}/activities/new/", {**base, "starts_on": "2099-01-01"})
    assert response.context["form"].errors["starts_on"] == ["Sổ ghi những việc đã làm: ngày không thể ở tương lai."]
    response = client.post(
        f"/associations/{a.pk}/activities/new/", {**base, "starts_on": "2026-03-01", "ends_on": "2026-02-01"}
    )
    assert response.context["form"].errors["ends_on"] == ["Hoạt động không thể kết thúc trước khi bắt đầu."]
    response = client.post(
        f"/associations/{a.pk}/activities/new/", {**base, "starts_on": "2026-03-01", "money_raised": "nhiều"}
    )
    assert response.context["form"].errors["money_raised"] == ["Hãy ghi số đồng là số nguyên, ví dụ 15000000."]
    assert not Activity.objects.exists()


def test_scope_the_association_s_officers_and_the_province_keep_leaders_read(cast):
    a = cast.association_a
    activity = Activity.objects.create(association=a, kind="charity", title="Trao quà", starts_on=dt.date(2026, 3, 1))
    assert cast.client("officer_b").get(f"/associations/{a.pk}/activities/").status_code == 404
    assert cast.client("leader").get(f"/associations/{a.pk}/activities/").status_code == 200
    assert cast.client("leader").get(f"/associations/{a.pk}/activities/new/").status_code == 403
    assert cast.client("province_officer").get(f"/associations/{a.pk}/activities/{activity.pk}/").status_code == 200
    assert cast.client("officer_b").get(f"/associations/{a.pk}/activities/{activity.pk}/").status_code == 404


def test_the_list_runs_the_same_queries_for_1_and_20_activities(cast):
    a = cast.association_a
    Activity.objects.create(association=a, kind="charity", title="Một", starts_on=dt.date(2026, 3, 1))
    client = cast.client("officer_a")
    client.get(f"/associations/{a.pk}/activities/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/associations/{a.pk}/activities/")
    for n in range(19):
        Activity.objects.create(association=a, kind="legal", title=f"Buổi {n}", starts_on=dt.date(2026, 3, 2))
    with CaptureQueriesContext(connection) as many:
        client.get(f"/associations/{a.pk}/activities/")
    assert len(many) == len(few)


def test_the_list_exports_to_xlsx_with_the_filters_and_safe_from_formulas(cast):
    import io

    from openpyxl import load_workbook

    a = cast.association_a
    Activity.objects.create(
        association=a, kind="charity", title="=HYPERLINK(1)", starts_on=dt.date(2026, 3, 1), money_raised=45_000_000
    )
    Activity.objects.create(association=a, kind="legal", title="Tuyên truyền", starts_on=dt.date(2026, 4, 1))
    response = cast.client("leader").get(f"/associations/{a.pk}/activities/", {"format": "xlsx", "kind": "charity"})
    assert response["Content-Disposition"] == 'attachment; filename="hoat-dong.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Ngày", "Đến ngày", "Loại", "Nội dung đã thực hiện")
    assert len(rows) == 2
    assert rows[1][2:4] == ("Nhân đạo, từ thiện", "'=HYPERLINK(1)")
    assert rows[1][9] == 45_000_000


def test_a_corrected_figure_shows_what_the_register_gives(cast):
    a = cast.association_a
    period = _period()
    Activity.objects.create(
        association=a, kind="charity", title="Trao quà", starts_on=dt.date(2026, 3, 1), beneficiaries=120
    )
    report = reporting.report_open(period=period, association=a, by=None)
    reporting.report_save(
        report=report, values={**report.values, "beneficiaries": "150"}, revision=report.revision, by=None
    )
    page = cast.client("officer_a").get(f"/reports/periods/{period.pk}/{a.pk}/")
    assert "Sổ cho số liệu 120: báo cáo này ghi khác." in page.context["form"]["beneficiaries"].help_text
    assert "báo cáo này ghi khác" not in page.context["form"]["activities"].help_text  # 1 in both


def test_members_without_a_cccd_stay_on_the_activity_when_it_is_edited(cast):
    a = cast.association_a
    _members(a)
    membership_create(
        association=a,
        joined_on=dt.date(2024, 1, 1),
        by=None,
        person_data=PersonData(full_name="Lý Thị Không Số", sex="F", birth_year=1958),  # no CCCD, as lists often are
    )
    from sohoi.people.models import Person

    nameless = Person.objects.get(full_name="Lý Thị Không Số")
    activity = Activity.objects.create(
        association=a, kind="production_model", title="Mô hình chè", starts_on=dt.date(2026, 3, 1)
    )
    activity.members.set([nameless, Person.objects.get(cccd=CCCDS[0])])
    client = cast.client("officer_a")
    url = f"/associations/{a.pk}/activities/{activity.pk}/"
    form = client.get(url).context["form"]
    typed = form.initial["members"]
    assert typed.splitlines() == [CCCDS[0], f"#{nameless.pk} Lý Thị Không Số"]  # "Hội Viên 0" sorts first
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"starts_on": "2026-03-01", "title": "Mô hình chè Tân Cương", "branch": "", "commune": ""}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    activity.refresh_from_db()
    assert (activity.title, set(activity.members.all())) == (
        "Mô hình chè Tân Cương",
        {nameless, Person.objects.get(cccd=CCCDS[0])},
    )
    response = client.post(url, {**data, "members": f"#{nameless.pk + 999} Ai Đó"})
    assert response.context["form"].errors["members"] == [
        f"Không phải hội viên của Hội Chữ thập đỏ tỉnh Thái Nguyên: #{nameless.pk + 999} Ai Đó."
    ]
