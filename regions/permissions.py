"""Admin permission policies shared by the apps: what the Ministerie group may do with a model."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .roles import MINISTRY_GROUP, is_ministry


class MinistryPermissionPolicy(ModelPermissionPolicy):
    """The Ministerie group may perform ``actions``; others need the explicit model permission."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        if action not in self.actions:
            return False
        return is_ministry(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        ministry = get_user_model().objects.filter(
            Q(is_superuser=True) | Q(groups__name=MINISTRY_GROUP), is_active=True
        )
        return (ministry | super().users_with_any_permission(actions)).distinct()
