"""Admin screen "Onverstuurde e-mail" for organisers (Ministerie, superusers): read only. Delivered
mail is deleted, so the list is exactly what has not reached its recipient yet."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from regions.roles import is_ministry

from .models import OutgoingMail


class OrganiserReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and is_ministry(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and is_ministry(user)


register_permission_policy(OutgoingMail, OrganiserReadOnlyPolicy(OutgoingMail))


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = _("Onverstuurde e-mail")
    menu_order = 320
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["subject", "recipients_display", "kind", "status", "attempts", "last_error", "created_at"]
    list_filter = ["status", "kind"]
    inspect_view_fields = [
        "subject",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
    ]
    form_fields = ["subject"]
    ordering = ["created_at"]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutgoingMailViewSet("outbox")
