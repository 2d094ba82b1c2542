from django.urls import path

from sohoi.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.association_list, name="list"),
    path("new/", views.association_create, name="create"),
    path("<int:pk>/", views.association_detail, name="detail"),
    path("<int:pk>/tab/<slug:tab>/", views.association_detail, name="detail_tab"),
    path("<int:pk>/edit/", views.association_edit, name="edit"),
    path("<int:pk>/lineage/", views.association_lineage, name="lineage"),
    path("<int:pk>/events/new/", views.event_create, name="event_create"),
    path("<int:pk>/branches/new/", views.branch_create, name="branch_create"),
    path("<int:pk>/branches/<int:branch_pk>/edit/", views.branch_edit, name="branch_edit"),
    path("<int:pk>/decisions/<int:decision_pk>/file/", views.decision_file, name="decision_file"),
]

calendar_patterns = (
    [
        path("", views.calendar_page, name="page"),
        path("<int:pk>/remove/", views.calendar_day_remove, name="remove"),
    ],
    "calendar",
)

directory_patterns = (
    [
        path("", views.directory_list, name="list"),
        path("<int:pk>/", views.directory_detail, name="detail"),
    ],
    "directory",
)
