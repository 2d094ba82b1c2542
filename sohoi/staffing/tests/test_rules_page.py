"""Province officers change the leader age and term rules and the training each position requires in
a page; the checks read them at once; every change is audited."""

import datetime as dt

import pytest

from sohoi.audit.models import AuditEntry
from sohoi.staffing import leaders, selectors
from sohoi.staffing.models import LeaderAgeRule, TrainingRequirement
from sohoi.staffing.tests.test_staffing import congress, hire

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_a_changed_leader_rule_is_what_the_checks_read(assigned):
    client = assigned.client("province_officer")
    rule = LeaderAgeRule.objects.get()
    page = client.get("/staffing/rules/")
    assert [r.pk for r, _form in page.context["rules"]] == [rule.pk]
    event = congress(assigned.association_a, dt.date(2026, 3, 1), chairman=("Hoàng Văn Cao", 1959))  # 67
    assert [w.message for w in leaders.term_warnings(event.term)] == [
        "Hoàng Văn Cao 67 tuổi vào ngày 01/03/2026: quá 65, chỉ được làm chủ tịch trong trường hợp đặc biệt (≤ 70)."
    ]
    response = client.post(
        f"/staffing/rules/leaders/{rule.pk}/",
        {
            f"r{rule.pk}-source": "Quy định mới của tỉnh",
            f"r{rule.pk}-max_age": "68",
            f"r{rule.pk}-chairman_max_age": "70",
            f"r{rule.pk}-chairman_max_terms": "2",
            f"r{rule.pk}-only_assigned": "on",
        },
        follow=True,
    )
    assert _messages(response) == ["Đã lưu quy định."]
    assert leaders.term_warnings(event.term) == []  # 67 ≤ 68 now
    entry = AuditEntry.objects.filter(content_type__model="leaderagerule").latest("pk")
    assert entry.changes == {
        "source": ["Kết luận 32-KL/TW ngày 30/03/2022 của Ban Bí thư", "Quy định mới của tỉnh"],
        "max_age": [65, 68],
    }


def test_a_rule_that_makes_no_sense_is_refused_with_a_message(assigned):
    client = assigned.client("province_officer")
    response = client.post(
        "/staffing/rules/leaders/",
        {"new-source": "Thử", "new-max_age": "66", "new-chairman_max_age": "60", "new-chairman_max_terms": "2"},
        follow=True,
    )
    assert _messages(response) == ["Giới hạn của chủ tịch là ngoại lệ, cao hơn giới hạn chung (66)."]
    response = client.post("/staffing/rules/leaders/", {"new-source": "Thử", "new-max_age": "nhiều"}, follow=True)
    assert "Tuổi tối đa khi giới thiệu lần đầu hoặc tái cử: Hãy ghi một số nguyên, ví dụ 65." in _messages(response)
    assert LeaderAgeRule.objects.count() == 1


def test_the_training_each_position_requires_is_set_in_the_grid(assigned):
    client = assigned.client("province_officer")
    hire(assigned.association_a, "Ma Văn Kế", dt.date(2020, 1, 1), position="accountant")
    assert [g.missing for g in selectors.training_gaps(assigned.province_officer)] == [["Chuyên môn, nghiệp vụ"]]
    response = client.post(
        "/staffing/rules/training/", {"required": ["accountant:it", "chairman:political", "nobody:it"]}, follow=True
    )
    assert _messages(response) == ["Đã lưu tiêu chuẩn đào tạo, bồi dưỡng."]
    assert set(TrainingRequirement.objects.values_list("position", "kind")) == {
        ("accountant", "it"),
        ("chairman", "political"),
    }
    assert [g.missing for g in selectors.training_gaps(assigned.province_officer)] == [["Tin học"]]
    page = client.get("/staffing/rules/").content.decode()
    assert 'value="accountant:it" aria-label="Kế toán: Tin học" checked' in page
    assert AuditEntry.objects.filter(content_type__model="trainingrequirement", action="delete").count() == 8
