"""When a profile counts as stale: one definition for the profile page, the overview, the
reminders and the admin report.

A profile's facts date from the later of ``last_reviewed`` (someone checked them) and its data
date (``data_date``, the peildatum the facts describe: spring 2018 for the 2018 study). Only when
neither is known does its last publication count. It is stale when that date lies more than
``STALE_AFTER`` before the reference day: a profile built from 2018 interviews is stale however
recently it was loaded."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

STALE_AFTER = datetime.timedelta(days=365)


def review_date(last_reviewed, last_published_at, first_published_at, data_date=None) -> datetime.date | None:
    known = [day for day in (last_reviewed, data_date) if day]
    if known:
        return max(known)
    published = last_published_at or first_published_at
    return published.date() if published else None


def is_stale(reviewed: datetime.date | None, today: datetime.date | None = None) -> bool:
    return reviewed is None or reviewed < (today or timezone.localdate()) - STALE_AFTER


def stale_filter(today: datetime.date | None = None) -> Q:
    """The same rule as a query (reviewed or dated, else published, before the cut-off; or never)."""
    cutoff = (today or timezone.localdate()) - STALE_AFTER
    undated = Q(last_reviewed__isnull=True, data_date__isnull=True)
    dated_old = (
        ~undated
        & (Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff))
        & (Q(data_date__isnull=True) | Q(data_date__lt=cutoff))
    )
    return (
        dated_old
        | (undated & Q(last_published_at__date__lt=cutoff))
        | (undated & Q(last_published_at__isnull=True, first_published_at__date__lt=cutoff))
        | (undated & Q(last_published_at__isnull=True, first_published_at__isnull=True))
    )
