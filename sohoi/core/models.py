from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    OFF = "off", _("Day off (holiday or bridge day)")
    WORKED = "worked", _("Working day (a weekend day worked in exchange)")


class CalendarDay(models.Model):
    """A day the province's officers entered in the working calendar, beside the days off the code
    knows from the Government's notices (sohoi.core.calendar): a holiday or bridge day of a year the
    code does not list yet, or a weekend day worked in exchange for a bridge."""

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=DayKind.choices, default=DayKind.OFF)
    name = models.CharField(_("name"), max_length=100, blank=True, help_text=_("For example: Tết Nguyên đán."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar day")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"
