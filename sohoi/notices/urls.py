from django.urls import path

from sohoi.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_page, name="list"),
    path("settings/", views.preferences, name="preferences"),
    path("<int:pk>/", views.notice_open, name="open"),
]
