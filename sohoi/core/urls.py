from django.urls import path

from sohoi.core import views

app_name = "core"

urlpatterns = [path("dashboard/", views.dashboard, name="home")]
