"""When a profile counts as stale: one definition for the profile page, the overview, the
reminders and the admin report. A profile is reviewed on ``last_reviewed``, else on its last
publication; it is stale when that lies more than ``STALE_AFTER`` before the reference day."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

STALE_AFTER = datetime.timedelta(days=365)


def review_date(last_reviewed, last_published_at, first_published_at) -> datetime.date | None:
    if last_reviewed:
        return last_reviewed
    published = last_published_at or first_published_at
    return published.date() if published else None


def is_stale(reviewed: datetime.date | None, today: datetime.date | None = None) -> bool:
    return reviewed is None or reviewed < (today or timezone.localdate()) - STALE_AFTER


def stale_filter(today: datetime.date | None = None) -> Q:
    """The same rule as a query (reviewed, else published, before the cut-off; or never)."""
    cutoff = (today or timezone.localdate()) - STALE_AFTER
    never_reviewed = Q(last_reviewed__isnull=True)
    return (
        Q(last_reviewed__lt=cutoff)
        | (never_reviewed & Q(last_published_at__date__lt=cutoff))
        | (never_reviewed & Q(last_published_at__isnull=True, first_published_at__date__lt=cutoff))
        | (never_reviewed & Q(last_published_at__isnull=True, first_published_at__isnull=True))
    )
