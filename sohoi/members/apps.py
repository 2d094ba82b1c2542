from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "sohoi.members"
    label = "members"
