"""Erasing registrants' personal data some days after a session (privacy statement: default 90).

Rows stay, with their status, role and municipality (no personal data on their own), so the
numbers per session (confirmed, waitlisted, cancelled) and who the sessions reached remain
available; name, e-mail address and organisation are blanked and the signed link stops working.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from .models import Registration, retention_days

ERASED_EMAIL_DOMAIN = "gewist.invalid"


def due_for_purge(days: int | None = None, now: datetime.datetime | None = None):
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Registration.objects.filter(session__end__lt=cutoff, anonymised_at__isnull=True)


@transaction.atomic
def purge_personal_data(days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Blank the personal fields of registrations for sessions that ended more than ``days`` ago."""
    now = now or timezone.now()
    erased = 0
    for registration in due_for_purge(days, now).select_for_update():
        registration.name = ""
        registration.email = f"{registration.pk}@{ERASED_EMAIL_DOMAIN}"
        registration.organisation = ""
        registration.token = uuid.uuid4()
        registration.anonymised_at = now
        registration.save(update_fields=["name", "email", "organisation", "token", "anonymised_at"])
        erased += 1
    return erased
