"""The one definition of "stale": a profile not reviewed (``last_reviewed``, else its last
publication) for twelve months. Used by ``ApproachPage.is_stale``, the reminders and the admin
report (``practices.reminders.stale_filter``) and the national figures."""

from __future__ import annotations

import datetime

STALE_AFTER = datetime.timedelta(days=365)


def is_stale(review_date: datetime.date | None, today: datetime.date) -> bool:
    return review_date is None or review_date < today - STALE_AFTER


def stale_cutoff(today: datetime.date) -> datetime.date:
    """Reviewed before this date means stale."""
    return today - STALE_AFTER
