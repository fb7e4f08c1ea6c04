"""Reminder e-mails to invited municipalities that have not finished the questionnaire.

Who gets one: an invitation of an open round, not revoked, with an address, whose municipality is
not yet covered by a complete response (its own, or a joint one naming it), and that was neither
sent nor reminded in the last ``QUICKSCAN_REMINDER_DAYS`` days (default 7).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import dashboard, mail


def reminder_days() -> int:
    return int(getattr(settings, "QUICKSCAN_REMINDER_DAYS", 7))


def due(round_, *, now=None):
    if not round_.accepts_answers:
        return dashboard.invitations_with_status(round_).none()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=reminder_days())
    return (
        dashboard.invitations_with_status(round_)
        .filter(revoked_at__isnull=True, covered_complete=False)
        .exclude(email="")
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=cutoff))
        .filter(Q(sent_at__isnull=True) | Q(sent_at__lt=cutoff))
    )


@dataclass
class ReminderReport:
    sent: int = 0
    failed: int = 0


def send_reminders(round_) -> ReminderReport:
    report = ReminderReport()
    for invitation in due(round_):
        if mail.deliver(invitation, mail.REMINDER):
            report.sent += 1
        else:
            report.failed += 1
    return report
