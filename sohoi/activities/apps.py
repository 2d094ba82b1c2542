from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "sohoi.activities"
    label = "activities"
