from django.shortcuts import redirect, render
from django.utils import timezone

from sohoi.accounts.models import Role
from sohoi.accounts.roles import role_of
from sohoi.core.calendar import missing_year_ahead
from sohoi.home import selectors


def home(request):
    """Anonymous visitors go to the public directory; each role lands on its own work."""
    role = role_of(request.user)
    today = timezone.localdate()
    warning = {"days_off_missing": missing_year_ahead(today)}
    if role == Role.ASSOCIATION_OFFICER:
        context = {"home": selectors.association_officer_home(request.user, today)}
        return render(request, "home/association_officer.html", {**context, **warning, "today": today})
    if role == Role.PROVINCE_OFFICER:
        context = {"home": selectors.province_officer_home(request.user, today)}
        return render(request, "home/province_officer.html", {**context, **warning, "today": today})
    if role == Role.LEADER:
        return render(request, "home/leader.html", {"home": selectors.leader_home(today), "today": today})
    return redirect("directory:list")
