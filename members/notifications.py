"""E-mails to a member about their own account."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sitelinks.absolute_urls import absolute


def notify_verified(profile) -> None:
    user = profile.user
    if not user.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "members/email/verified.txt",
            {"user": user, "account_url": absolute(reverse("members:account"))},
        )
        send_mail(
            _("[Kennisnetwerk Scheiden] Uw account is geverifieerd"),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            fail_silently=True,
        )
