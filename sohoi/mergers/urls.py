from django.urls import path

from sohoi.mergers import views

app_name = "mergers"

urlpatterns = [
    path("overlap/", views.overlap, name="overlap"),
    path("overlap.xlsx", views.overlap_export, name="overlap_export"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/branches/<int:branch_pk>/", views.branch_plan, name="branch_plan"),
    path("proposals/<int:pk>/leaders/", views.interim_leader_add, name="interim_leader_add"),
    path("proposals/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("proposals/<int:pk>/documents/", views.document_add, name="document_add"),
    path("proposals/<int:pk>/documents/<int:document_pk>/", views.document_file, name="document_file"),
    path("proposals/<int:pk>/submit/", views.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/approve/", views.proposal_approve, name="proposal_approve"),
    path("proposals/<int:pk>/refuse/", views.proposal_refuse, name="proposal_refuse"),
    path("proposals/<int:pk>/execute/", views.proposal_execute, name="proposal_execute"),
    path("proposals/<int:pk>/run/", views.proposal_run, name="proposal_run"),
    path("proposals/<int:pk>/annex.docx", views.proposal_annex, name="proposal_annex"),
    path("province/", views.province, name="province"),
    path("province/proposals/", views.province_create, name="province_create"),
    path("province/submit/", views.province_submit, name="province_submit"),
    path("province/approve/", views.province_approve, name="province_approve"),
    path("province/execute/", views.province_execute, name="province_execute"),
    path("province/run/", views.province_run, name="province_run"),
]
