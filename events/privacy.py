"""Erasing registrants' personal data some days after a session (privacy statement: default 90).

Rows stay, with their status, role and municipality (no personal data on their own), so the
numbers per session (confirmed, waitlisted, cancelled) and who the sessions reached remain
available; ``Registration.PERSONAL_FIELDS`` (name, e-mail address, organisation) are blanked and
the signed link stops working. Invitations (``SessionInvitation``) lose their address and who sent
them at the same moment; the region and the date stay.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from .models import Registration, SessionInvitation, retention_days

ERASED_EMAIL_DOMAIN = "gewist.invalid"


def erased_value(registration: Registration, name: str) -> str:
    """What a personal field holds after the purge (the address stays unique per row)."""
    if name == "email":
        return f"{registration.pk}@{ERASED_EMAIL_DOMAIN}"
    return ""


def _cutoff(days: int | None, now: datetime.datetime | None) -> datetime.datetime:
    days = retention_days() if days is None else days
    return (now or timezone.now()) - datetime.timedelta(days=days)


def due_for_purge(days: int | None = None, now: datetime.datetime | None = None):
    return Registration.objects.filter(session__end__lt=_cutoff(days, now), anonymised_at__isnull=True)


def invitations_due_for_purge(days: int | None = None, now: datetime.datetime | None = None):
    return SessionInvitation.objects.filter(session__end__lt=_cutoff(days, now), anonymised_at__isnull=True)


def purge_invitations(days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Erase the addresses of invitations to sessions that ended more than ``days`` ago."""
    now = now or timezone.now()
    erased = 0
    for invitation in invitations_due_for_purge(days, now).select_for_update():
        invitation.email = f"{invitation.pk}@{ERASED_EMAIL_DOMAIN}"
        invitation.invited_by = None
        invitation.anonymised_at = now
        invitation.save(update_fields=["email", "invited_by", "anonymised_at"])
        erased += 1
    return erased


@transaction.atomic
def purge_personal_data(days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Blank the personal fields of registrations (and invitations) for sessions that ended more
    than ``days`` ago; returns the number of registrations erased."""
    now = now or timezone.now()
    purge_invitations(days, now)
    erased = 0
    for registration in due_for_purge(days, now).select_for_update():
        for name in Registration.PERSONAL_FIELDS:
            setattr(registration, name, erased_value(registration, name))
        registration.token = uuid.uuid4()
        registration.anonymised_at = now
        registration.save(update_fields=[*Registration.PERSONAL_FIELDS, "token", "anonymised_at"])
        erased += 1
    return erased
