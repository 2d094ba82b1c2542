from django.urls import path

from sohoi.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.period_list, name="periods"),
    path("periods/<int:period_pk>/", views.period_detail, name="period"),
    path("periods/<int:period_pk>/consolidated/", views.consolidation, name="consolidation"),
    path("periods/<int:period_pk>/remind/", views.remind, name="remind"),
    path("periods/<int:period_pk>/<int:association_pk>/", views.report_detail, name="report"),
]
