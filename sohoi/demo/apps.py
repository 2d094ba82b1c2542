from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sohoi.demo"
    label = "demo"
