from django.apps import AppConfig


class MergersConfig(AppConfig):
    name = "sohoi.mergers"
    label = "mergers"
