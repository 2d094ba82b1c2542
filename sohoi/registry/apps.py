from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sohoi.registry"
    label = "registry"
