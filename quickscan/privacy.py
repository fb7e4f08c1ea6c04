"""Erasing respondents' personal data after a round (the answers stay, reported only in aggregate).

Invitation addresses go when the round closes (``Round.close``); the respondent's name and e-mail
address and the closing questions' contact details go ``QUICKSCAN_RETENTION_DAYS`` after closing
(``manage.py quickscan_purge``, daily). Purging is idempotent: an erased response is not touched
again, so a second run changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Invitation, Response, Round


def rounds_due(days: int):
    """Closed rounds whose closing lies more than ``days`` days back."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return Round.objects.filter(status=Round.Status.CLOSED, closed_at__lt=cutoff)


def responses_due(days: int):
    has_personal = Q(interview_consent__isnull=False)
    for name in Response.PERSONAL_FIELDS:
        has_personal |= ~Q(**{name: ""})
    return Response.objects.filter(round__in=rounds_due(days)).filter(
        has_personal | Q(personal_data_erased_at__isnull=True)
    )


@transaction.atomic
def purge(days: int) -> dict[str, int]:
    """Erase what is due; returns how many responses and invitation addresses were erased."""
    responses = list(responses_due(days))
    for response in responses:
        response.erase_personal_data()
    addresses = Invitation.objects.filter(round__in=rounds_due(days)).exclude(email="").update(email="")
    return {"responses": len(responses), "invitations": addresses}
