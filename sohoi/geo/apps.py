from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "sohoi.geo"
    label = "geo"
