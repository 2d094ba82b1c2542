from django.urls import path

from sohoi.conferences import views

app_name = "conferences"

urlpatterns = [
    path("", views.board, name="board"),
    path("overview/", views.overview_page, name="overview"),
    path("<int:pk>/", views.task_detail, name="task"),
    path("<int:pk>/files/<int:update_pk>/", views.update_file, name="update_file"),
    path("conferences/", views.conference_list, name="conferences"),
    path("bodies/", views.department_list, name="departments"),
    path("conferences/new/", views.conference_create, name="conference_new"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference"),
    path("conferences/<int:pk>/notice/", views.notice_file, name="notice_file"),
    path("conferences/<int:pk>/tasks/new/", views.task_create, name="task_new"),
]
