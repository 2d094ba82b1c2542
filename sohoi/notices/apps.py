from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "sohoi.notices"
    label = "notices"
