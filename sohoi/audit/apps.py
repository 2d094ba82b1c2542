from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sohoi.audit"
    label = "audit"
