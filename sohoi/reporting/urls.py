from django.urls import path

from sohoi.reporting import views, views_configuration

app_name = "reporting"

urlpatterns = [
    path("", views.period_list, name="periods"),
    path("periods/<int:period_pk>/", views.period_detail, name="period"),
    path("periods/<int:period_pk>/consolidated/", views.consolidation, name="consolidation"),
    path("periods/<int:period_pk>/remind/", views.remind, name="remind"),
    path("periods/<int:period_pk>/<int:association_pk>/", views.report_detail, name="report"),
    path("regimes/", views_configuration.regime_list, name="regimes"),
    path("regimes/new/", views_configuration.regime_create, name="regime_create"),
    path("regimes/<int:pk>/", views_configuration.regime_detail, name="regime"),
    path("regimes/<int:pk>/indicators/", views_configuration.indicator_save, name="indicator_save"),
    path(
        "regimes/<int:pk>/indicators/<slug:code>/remove/",
        views_configuration.indicator_remove,
        name="indicator_remove",
    ),
    path("regimes/<int:pk>/rules/", views_configuration.rule_add, name="rule_add"),
    path("regimes/<int:pk>/rules/<int:rule_pk>/remove/", views_configuration.rule_remove, name="rule_remove"),
    path("regimes/<int:pk>/periods/", views_configuration.periods_generate, name="periods_generate"),
]
