"""Contacting a profile's contact persons through the site.

The recipients' addresses never reach the sender: the mail goes from the site to the contact
persons with the sender as Reply-To. Only who/when/which profile is logged (``ContactLog``); the
log doubles as the per-sender rate-limit counter, so the limit holds across workers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from outbox import queue as outbox
from sitelinks.absolute_urls import page_url

from .access import ensure_profile
from .models import ContactLog, MemberProfile


class ContactError(Exception):
    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


@dataclass(frozen=True)
class Limit:
    window: datetime.timedelta
    count: int
    message: Callable[[int], str]  # the Dutch message for the number of messages sent (plural-aware)


def limits() -> list[Limit]:
    return [
        Limit(
            datetime.timedelta(hours=1),
            settings.MEMBER_CONTACT_LIMIT_HOUR,
            lambda sent: ngettext(
                "U heeft het afgelopen uur al %(count)s bericht verstuurd. Probeer het later opnieuw.",
                "U heeft het afgelopen uur al %(count)s berichten verstuurd. Probeer het later opnieuw.",
                sent,
            ),
        ),
        Limit(
            datetime.timedelta(days=1),
            settings.MEMBER_CONTACT_LIMIT_DAY,
            lambda sent: ngettext(
                "U heeft vandaag al %(count)s bericht verstuurd. Probeer het morgen opnieuw.",
                "U heeft vandaag al %(count)s berichten verstuurd. Probeer het morgen opnieuw.",
                sent,
            ),
        ),
    ]


def rate_limit_message(user, now: datetime.datetime | None = None) -> str | None:
    """A Dutch explanation when the sender has used up a limit, else None."""
    now = now or timezone.now()
    for limit in limits():
        sent = ContactLog.objects.filter(sender=user, sent_at__gt=now - limit.window).count()
        if sent >= limit.count:
            return limit.message(sent) % {"count": sent}
    return None


def recipients(page) -> list[str]:
    return sorted({contact.email.strip() for contact in page.contacts.all() if contact.email.strip()})


def build_message(*, sender, page, subject: str, body: str, to: list[str]) -> EmailMessage:
    profile = ensure_profile(sender)
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "members/email/contact_message.txt",
            {
                "sender": sender,
                "profile": profile,
                "page": page,
                "page_url": page_url(page),
                "message": body,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        full_subject = _("[Kennisnetwerk Scheiden] %(subject)s") % {"subject": subject}
    return EmailMessage(
        subject=full_subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=[sender.email],
        headers={"Auto-Submitted": "auto-generated", "X-Kennisnetwerk-Profile": str(page.pk)},
    )


def send_contact_message(*, sender, page, subject: str, body: str) -> ContactLog:
    """Log and queue the mail, or raise ContactError (nothing logged then). Serialised per sender.

    The mail is delivered after commit, outside the transaction (``outbox.queue``): no database
    lock is held during SMTP, and a failing server means a retry later, never an error here."""
    to = recipients(page)
    if not to:
        raise ContactError(_("Dit profiel heeft geen contactpersonen om een bericht aan te sturen."), 400)
    if not sender.email:
        raise ContactError(_("Uw account heeft geen e-mailadres; een antwoord zou u niet bereiken."), 400)
    ensure_profile(sender)
    with transaction.atomic():
        # Row lock on the sender's profile: concurrent posts of one sender queue up (PostgreSQL).
        MemberProfile.objects.select_for_update().filter(user=sender).first()
        message = rate_limit_message(sender)
        if message:
            raise ContactError(message, 429)
        log = ContactLog.objects.create(
            sender=sender, page=page, page_title=page.title[:255], recipient_count=len(to)
        )
        email = build_message(sender=sender, page=page, subject=subject, body=body, to=to)
        outbox.queue(email, kind="members.contact")
    return log
