from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Leden")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from practices import visibility

        from . import access, hooks

        if access.is_verified_member not in visibility.MEMBER_CHECK:
            visibility.MEMBER_CHECK.append(access.is_verified_member)
        if hooks.profile_context not in visibility.PROFILE_CONTEXT_HOOKS:
            visibility.PROFILE_CONTEXT_HOOKS.append(hooks.profile_context)
        email_confirmed.connect(hooks.on_email_confirmed, dispatch_uid="members.auto_verify")
