from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "sohoi.reporting"
    label = "reporting"
