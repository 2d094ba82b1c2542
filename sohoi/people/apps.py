from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sohoi.people"
    label = "people"
