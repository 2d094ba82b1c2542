from django.urls import path

from sohoi.mergers import views

app_name = "mergers"

urlpatterns = [
    path("overlap/", views.overlap, name="overlap"),
    path("overlap.xlsx", views.overlap_export, name="overlap_export"),
]
