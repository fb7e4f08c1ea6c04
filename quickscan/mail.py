"""E-mails to invited municipalities: the personal link, and reminders (plain text, Dutch, "u").

A mail server that refuses or is down never turns the action into a 500: ``deliver`` returns False,
logs the cause, and the caller shows a Dutch message (admin) or counts the failure (reminders).
``sent_at``/``reminded_at`` are only set when the message went out.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .invitations import absolute_link

logger = logging.getLogger(__name__)

INVITATION, REMINDER = "invitation", "reminder"
SUBJECTS = {
    INVITATION: "Uitnodiging quickscan relaties en (echt)scheidingen",
    REMINDER: "Herinnering: quickscan relaties en (echt)scheidingen",
}
STAMPS = {INVITATION: "sent_at", REMINDER: "reminded_at"}


def message_for(invitation, kind: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "round": invitation.round,
            "municipality": invitation.municipality,
            "link": absolute_link(invitation),
        }
        body = render_to_string(f"quickscan/email/{kind}.txt", context)
    return EmailMessage(
        subject=f"{SUBJECTS[kind]} {invitation.round.label}: {invitation.municipality.name}",
        body=body,
        to=[invitation.email],
    )


def deliver(invitation, kind: str) -> bool:
    """Send the invitation or reminder to ``invitation.email``; stamp it on success only."""
    if not invitation.email or invitation.is_revoked:
        return False
    try:
        message_for(invitation, kind).send()
    except (smtplib.SMTPException, OSError) as error:  # refused, unreachable, timed out, TLS
        logger.warning("Quickscan %s for invitation %s not sent: %s", kind, invitation.pk, error)
        return False
    stamp = STAMPS[kind]
    setattr(invitation, stamp, timezone.now())
    invitation.save(update_fields=[stamp])
    return True
