"""Send mail through the outbox: ``queue(message)`` stores it (inside the caller's transaction, so
the mail commits or rolls back with the action) and asks for delivery after commit. Delivery runs
outside any transaction, holds no database lock during SMTP, and never raises: a failure is
recorded and retried with back-off by ``manage.py send_queued_mail`` (cron), up to
``MAX_ATTEMPTS``; then the mail is marked failed and stays listed for organisers."""

from __future__ import annotations

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
CLAIM_SECONDS = 120  # longer than any SMTP timeout: a second deliverer leaves a claimed mail alone


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next attempt: 1, 4, 16, 64, 256 minutes."""
    return datetime.timedelta(minutes=4 ** max(attempts - 1, 0))


def queue(message: EmailMessage, kind: str = "") -> OutgoingMail:
    mail = OutgoingMail.from_message(message, kind=kind)
    mail.save()
    transaction.on_commit(lambda: _request_delivery(mail.pk))
    return mail


def _request_delivery(pk: int) -> None:
    from .tasks import deliver_mail

    try:
        deliver_mail.enqueue(pk)
    except Exception:  # a task queue that is down must not fail the request; cron retries
        logger.exception("Could not enqueue delivery of mail %s; send_queued_mail will retry", pk)


def _claim(pk: int, now: datetime.datetime) -> bool:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    claimed = OutgoingMail.objects.filter(free, pk=pk, status=OutgoingMail.Status.PENDING).update(
        claimed_until=now + datetime.timedelta(seconds=CLAIM_SECONDS)
    )
    return claimed == 1


def deliver(pk: int, now: datetime.datetime | None = None) -> str:
    """Try to send one queued mail: "sent", "retry", "failed" or "skipped" (gone or claimed)."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return "skipped"
    mail = OutgoingMail.objects.get(pk=pk)
    try:
        mail.to_message().send(fail_silently=False)
    except Exception as error:
        attempts = mail.attempts + 1
        gave_up = attempts >= MAX_ATTEMPTS
        OutgoingMail.objects.filter(pk=pk).update(
            attempts=F("attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:300],
            next_attempt_at=None if gave_up else now + backoff(attempts),
            status=OutgoingMail.Status.FAILED if gave_up else OutgoingMail.Status.PENDING,
            claimed_until=None,
        )
        logger.warning("Mail %s (%s) not sent, attempt %s: %s", pk, mail.kind, attempts, error)
        return "failed" if gave_up else "retry"
    OutgoingMail.objects.filter(pk=pk).delete()
    return "sent"


def due(now: datetime.datetime | None = None):
    now = now or timezone.now()
    return OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def deliver_due(now: datetime.datetime | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for pk in list(due(now).values_list("pk", flat=True)):
        outcome = deliver(pk, now)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
