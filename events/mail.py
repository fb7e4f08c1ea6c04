"""E-mails to registrants (plain text, Dutch). The online link is only ever sent to people whose
registration is confirmed; a confirmation carries the session as an iCalendar attachment. Mail goes
through the outbox: call these inside the transaction that makes the change."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from outbox import queue as outbox
from sitelinks.absolute_urls import absolute, page_url

from . import ical
from .models import retention_days


def _context(registration) -> dict:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "confirmed": registration.status == registration.Status.CONFIRMED,
        "manage_url": absolute(registration.manage_path()),
        "session_url": page_url(session),
        "retention_days": retention_days(),
        "waitlist_position": registration.waitlist_position(),
    }


def _send(registration, template: str, subject: str, attach_ical: bool = False) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(registration)
        body = render_to_string(f"events/email/{template}.txt", context)
        message = EmailMessage(
            subject=f"{subject}: {registration.session.title}",
            body=body,
            to=[registration.email],
            reply_to=[registration.session.organiser_email] if registration.session.organiser_email else None,
        )
        if attach_ical:
            data = ical.session_calendar(
                registration.session, online_link=True, url=page_url(registration.session)
            )
            message.attach("bijeenkomst.ics", data, "text/calendar")
        outbox.queue(message, kind=f"events.{template}")


def send_registration_received(registration) -> None:
    if registration.status == registration.Status.CONFIRMED:
        _send(registration, "confirmed", "Aanmelding bevestigd", attach_ical=True)
    else:
        _send(registration, "waitlisted", "U staat op de wachtlijst")


def send_promoted(registration) -> None:
    _send(registration, "promoted", "Er is een plaats vrijgekomen", attach_ical=True)


def send_cancelled(registration) -> None:
    _send(registration, "cancelled", "Afmelding ontvangen")
