from django.urls import path

from sohoi.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("access/", views.access_list, name="access"),
]
