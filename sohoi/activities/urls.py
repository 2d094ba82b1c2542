from django.urls import path

from sohoi.activities import views

app_name = "activities"

urlpatterns = [
    path("associations/<int:pk>/activities/", views.activity_list, name="list"),
    path("associations/<int:pk>/activities/new/", views.activity_create, name="create"),
    path("associations/<int:pk>/activities/<int:activity_pk>/", views.activity_edit, name="edit"),
]
