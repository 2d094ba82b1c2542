from django.urls import path

from sohoi.staffing import views

app_name = "staffing"

urlpatterns = [
    path("", views.quota_page, name="quotas"),
    path("quotas/new/", views.quota_new, name="quota_new"),
    path("associations/<int:pk>/", views.staff_page, name="staff"),
    path("associations/<int:pk>/new/", views.staff_new, name="staff_new"),
    path("staff/<int:pk>/end/", views.staff_end, name="staff_end"),
    path("training/", views.training_page, name="training"),
    path("training/new/", views.course_new, name="course_new"),
    path("training/<int:pk>/", views.course_detail, name="course"),
    path("transfers/", views.transfer_page, name="transfers"),
    path("transfers/new/", views.transfer_new, name="transfer_new"),
    path("transfers/<int:pk>/decide/", views.transfer_decide, name="transfer_decide"),
    path("retirements/", views.retirement_page, name="retirements"),
    path("leaders/", views.leader_page, name="leaders"),
    path("rules/", views.rules_page, name="rules"),
    path("rules/leaders/", views.leader_rule_save, name="leader_rule_add"),
    path("rules/leaders/<int:pk>/", views.leader_rule_save, name="leader_rule_save"),
    path("rules/leaders/<int:pk>/remove/", views.leader_rule_remove, name="leader_rule_remove"),
    path("rules/training/", views.training_requirements_save, name="training_requirements"),
]
