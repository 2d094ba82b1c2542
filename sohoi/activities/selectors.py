"""Reads of the activities register, and its figures for a period (what the report forms pre-fill)."""

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum

from sohoi.activities.models import Activity, ActivityKind


def activity_list(association, *, kind: str = "", start=None, end=None) -> QuerySet[Activity]:
    qs = Activity.objects.filter(association=association).select_related("branch", "commune")
    qs = qs.annotate(member_count=Count("members")).order_by("-starts_on", "-id")
    if kind:
        qs = qs.filter(kind=kind)
    if start:
        qs = qs.filter(starts_on__gte=start)
    if end:
        qs = qs.filter(starts_on__lte=end)
    return qs


def figures(association, start: dt.date, end: dt.date) -> dict[str, int]:
    """The period's activities (begun from `start` to `end`) added up: activities, persons helped,
    money raised, legal sessions, digital-transformation activities; and the members of the production
    models running in the period (each person once)."""
    in_period = Activity.objects.filter(association=association, starts_on__range=(start, end))
    sums = in_period.aggregate(
        activities=Count("id"),
        beneficiaries=Sum("beneficiaries"),
        money_raised=Sum("money_raised"),
        legal=Count("id", filter=Q(kind=ActivityKind.LEGAL)),
        digital=Count("id", filter=Q(kind=ActivityKind.DIGITAL)),
    )
    running = Activity.objects.filter(association=association, kind=ActivityKind.PRODUCTION_MODEL).filter(
        Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start))
    )
    production = running.exclude(members=None).values("members").distinct().count()
    return {key: value or 0 for key, value in sums.items()} | {"production_members": production}
