from django.urls import include, path

from sohoi.api import api
from sohoi.home.views import home
from sohoi.registry.urls import calendar_patterns, directory_patterns

urlpatterns = [
    path("", home, name="home"),
    path("", include("sohoi.core.urls")),
    path("accounts/", include("sohoi.accounts.urls")),
    path("associations/", include("sohoi.registry.urls")),
    path("", include("sohoi.members.urls")),
    path("", include("sohoi.identity.urls")),
    path("", include("sohoi.activities.urls")),
    path("directory/", include(directory_patterns)),
    path("calendar/", include(calendar_patterns)),
    path("reports/", include("sohoi.reporting.urls")),
    path("tasks/", include("sohoi.conferences.urls")),
    path("staffing/", include("sohoi.staffing.urls")),
    path("notices/", include("sohoi.notices.urls")),
    path("audit/", include("sohoi.audit.urls")),
    path("mergers/", include("sohoi.mergers.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
]
