from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "sohoi.staffing"
    label = "staffing"
