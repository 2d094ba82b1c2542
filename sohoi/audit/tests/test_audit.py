import datetime as dt

from sohoi.audit.models import AuditEntry
from sohoi.registry.models import EventKind
from tests.factories import record


def test_every_write_is_in_the_audit_log_with_its_actor_and_changes(cast):
    a = cast.association_a
    AuditEntry.objects.all().delete()
    record(a, EventKind.RENAME, dt.date(2023, 6, 1), by=cast.province_officer, new_name="Hội Chữ thập đỏ Thái Nguyên")
    entry = AuditEntry.objects.get()
    assert (entry.actor_name, entry.action, entry.object_repr, entry.note) == (
        "sonoivu",
        "event",
        "Hội Chữ thập đỏ Thái Nguyên",
        "Đổi tên: 1/QĐ-UBND",
    )
    assert entry.changes == {"name": ["Hội Chữ thập đỏ tỉnh Thái Nguyên", "Hội Chữ thập đỏ Thái Nguyên"]}


def test_the_province_officer_browses_and_filters_the_log(cast):
    client = cast.client("province_officer")
    client.post(
        f"/associations/{cast.association_a.pk}/edit/",
        {"phone": "0208111", "abbreviation": "HTN", "scope_level": "provincial"},
    )
    page = client.get("/audit/", {"actor": "sonoivu"}).context["page"]
    assert [(e.actor_name, e.action, e.object_repr, e.changes) for e in page] == [
        ("sonoivu", "update", "Hội Chữ thập đỏ tỉnh Thái Nguyên", {"phone": ["", "0208111"]}),
    ]
    html = client.get("/audit/").content.decode()
    assert "Nhật ký thao tác" in html
