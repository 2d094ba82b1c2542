"""Factories and the fixed cast of users. Objects that have a legal state are made through the
services, so tests start from states the product itself can reach."""

import datetime as dt

import factory

from sohoi.accounts.models import Role, User
from sohoi.core.text import fold
from sohoi.geo.models import AdministrativeUnit
from sohoi.registry import services
from sohoi.registry.models import Association, EventKind, Position, ScopeLevel

PASSWORD = "test-password-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Thử"
    last_name = "Người"
    role = Role.ASSOCIATION_OFFICER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def associations(self, create, extracted, **kwargs):
        if create and extracted:
            self.associations.set(extracted)
        self.save()


def commune(code: str = "05443") -> AdministrativeUnit:
    """Phường Phan Đình Phùng (05443) by default; 01840 is Phường Đức Xuân (former Bắc Kạn)."""
    return AdministrativeUnit.objects.get(level="commune", code=code)


class AssociationFactory(factory.django.DjangoModelFactory):
    """An association as registered: status "being founded", no events yet."""

    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Hội Thử nghiệm số {n} tỉnh Thái Nguyên")
    name_folded = factory.LazyAttribute(lambda o: fold(o.name))
    abbreviation = "HTN"
    scope_level = ScopeLevel.PROVINCIAL
    hq_commune = factory.LazyFunction(commune)
    hq_street = "Số 1, đường Hoàng Văn Thụ"


def decision(day: dt.date, number: str = "1/QĐ-UBND") -> services.DecisionData:
    return services.DecisionData(number=number, issued_on=day, authority="UBND tỉnh Thái Nguyên")


def record(association, kind, day, by=None, **extra):
    data = services.EventData(kind=kind, occurred_on=day, decision=decision(day), **extra)
    return services.legal_event_record(association=association, data=data, by=by)


def chairman(name: str = "Nguyễn Văn An", birth_year: int = 1960) -> services.LeaderData:
    return services.LeaderData(full_name=name, position=Position.CHAIRMAN, birth_year=birth_year, sex="M")


def active_association(founded: dt.date = dt.date(2022, 3, 1), **kwargs) -> Association:
    """Permitted on `founded`, founding congress 30 days later (term 1)."""
    association = AssociationFactory(**kwargs)
    record(association, EventKind.ESTABLISHMENT_PERMIT, founded)
    record(association, EventKind.FOUNDING_CONGRESS, founded + dt.timedelta(days=30), leaders=[chairman()])
    association.refresh_from_db()
    return association
