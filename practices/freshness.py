"""When a profile counts as stale: one definition for the profile page, the home page, the
overview, the reminders and the admin report.

A profile's review date is the first of ``REVIEW_SOURCES`` that is set (``last_reviewed``, else
its last publication, else its first); it is stale when that date lies more than ``STALE_AFTER``
before the reference day, or when it has none. The rule is written once, as the ordered sources
and the cut-off; ``review_date_expression``/``stale_filter`` state it for the database (the home
page's and the report's lists are queries), ``review_date``/``is_stale`` for values already in
memory (a page instance, the overview's facts rebuilt from revisions)."""

from __future__ import annotations

import datetime

from django.db.models import DateField, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

STALE_AFTER = datetime.timedelta(days=365)
# Where a profile's review date comes from, first set wins: a date, then two date-times.
REVIEW_SOURCES = ("last_reviewed", "last_published_at", "first_published_at")
REVIEW_DATE = "review_on"  # the annotation ``with_review_date`` adds


def cutoff(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - STALE_AFTER


def review_date(last_reviewed, last_published_at, first_published_at) -> datetime.date | None:
    for value in (last_reviewed, last_published_at, first_published_at):
        if value:
            return value.date() if isinstance(value, datetime.datetime) else value
    return None


def is_stale(reviewed: datetime.date | None, today: datetime.date | None = None) -> bool:
    return reviewed is None or reviewed < cutoff(today)


def review_date_expression():
    """The review date in SQL (date-times as their UTC date, as ``review_date`` reads them)."""
    reviewed, *published = REVIEW_SOURCES
    return Coalesce(
        F(reviewed), *(TruncDate(name, tzinfo=datetime.UTC) for name in published), output_field=DateField()
    )


def with_review_date(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(**{REVIEW_DATE: review_date_expression()})


def stale_filter(today: datetime.date | None = None) -> Q:
    """The rule as a filter on a queryset annotated by ``with_review_date``."""
    return Q(**{f"{REVIEW_DATE}__lt": cutoff(today)}) | Q(**{f"{REVIEW_DATE}__isnull": True})


def stale(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """The stale profiles of ``queryset``, oldest review first (never reviewed before all)."""
    return (
        with_review_date(queryset)
        .filter(stale_filter(today))
        .order_by(F(REVIEW_DATE).asc(nulls_first=True), "title", "pk")
    )
