from django.conf import settings
from django.db.models import QuerySet

from sohoi.geo.models import AdministrativeUnit, Level


def home_province() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(level=Level.PROVINCE, code=settings.SOHOI_HOME_PROVINCE)


def home_communes() -> QuerySet[AdministrativeUnit]:
    """The current communes of the deployment's home province, for headquarters and branches."""
    return AdministrativeUnit.objects.filter(
        level=Level.COMMUNE, parent__code=settings.SOHOI_HOME_PROVINCE, valid_to__isnull=True
    ).order_by("name")


def commune_by_code(code: str) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(level=Level.COMMUNE, code=code).first()
