from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sohoi.core"
    label = "core"
