from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "sohoi.home"
    label = "home"
