from django.contrib.auth import views as auth_views

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log


class AuditedPasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, with the change (never the password) in the audit log."""

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_log(actor=self.request.user, action=Action.PASSWORD, obj=self.request.user)
        return response
