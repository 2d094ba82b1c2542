from django.urls import path

from sohoi.members import views

app_name = "members"

urlpatterns = [
    path("associations/<int:pk>/members/", views.member_list, name="list"),
    path("associations/<int:pk>/members/new/", views.membership_create, name="create"),
    path("associations/<int:pk>/members/<int:membership_pk>/end/", views.membership_end, name="end"),
    path("associations/<int:pk>/members/violations/", views.violations, name="violations"),
    path("associations/<int:pk>/members/figures/", views.figures, name="figures"),
    path("associations/<int:pk>/members/export.xlsx", views.member_export, name="export"),
    path("associations/<int:pk>/members/rule/", views.eligibility_rule_edit, name="eligibility_rule"),
    path("associations/<int:pk>/members/import/", views.import_upload, name="import_upload"),
    path("associations/<int:pk>/members/import/template.xlsx", views.import_template, name="import_template"),
    path("associations/<int:pk>/members/import/<int:import_pk>/", views.import_detail, name="import"),
    path("associations/<int:pk>/members/import/<int:import_pk>/columns/", views.import_columns, name="import_columns"),
    path(
        "associations/<int:pk>/members/import/<int:import_pk>/rejected.xlsx",
        views.import_rejected,
        name="import_rejected",
    ),
    path("people/<int:person_pk>/", views.person_detail, name="person"),
    path("people/<int:person_pk>/edit/", views.person_edit, name="person_edit"),
    path("members/figures/", views.province_figures, name="province_figures"),
    path("members/conflicts/", views.conflict_list, name="conflicts"),
    path("members/conflicts/<int:conflict_pk>/resolve/", views.conflict_resolve, name="conflict_resolve"),
]
