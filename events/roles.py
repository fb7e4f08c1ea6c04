"""What the Ministerie group may do with registrations (extends regions.roles without editing it).

Called from the demo step and after every ``migrate`` (post_migrate), so a deployment that ran
``setup_roles`` gets these permissions too. Idempotent."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from regions.roles import MINISTRY_GROUP, is_ministry

MINISTRY_REGISTRATION_PERMISSIONS = ("view_registration", "change_registration")


def ensure_event_permissions() -> int:
    """Grant the Ministerie group its registration permissions; returns the number granted."""
    group = Group.objects.filter(name=MINISTRY_GROUP).first()
    if group is None:
        return 0
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="events", codename__in=MINISTRY_REGISTRATION_PERMISSIONS
        )
    )
    group.permissions.add(*permissions)
    return len(permissions)


def can_see_registrations(user) -> bool:
    return bool(
        user and user.is_authenticated and (is_ministry(user) or user.has_perm("events.view_registration"))
    )
