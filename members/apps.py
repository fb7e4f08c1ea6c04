from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Leden")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from . import receivers

        email_confirmed.connect(receivers.on_email_confirmed, dispatch_uid="members.auto_verify")
