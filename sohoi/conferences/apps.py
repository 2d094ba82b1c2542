from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "sohoi.conferences"
    label = "conferences"
