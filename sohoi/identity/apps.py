from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "sohoi.identity"
    label = "identity"
