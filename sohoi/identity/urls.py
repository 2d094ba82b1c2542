from django.urls import path

from sohoi.identity import views

app_name = "identity"

urlpatterns = [
    path("persons/review/", views.queue, name="queue"),
    path("persons/review/<int:pk>/", views.pair_detail, name="pair"),
    path("persons/review/<int:pk>/merge/", views.pair_merge, name="pair_merge"),
    path("persons/review/<int:pk>/decide/", views.pair_decide, name="pair_decide"),
    path("persons/review/merge-proposed/", views.proposed_merge, name="proposed_merge"),
    path("persons/matching/", views.run_list, name="runs"),
    path("persons/matching/new/", views.run_create, name="run_create"),
    path("persons/merges/", views.merge_list, name="merges"),
    path("persons/merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
