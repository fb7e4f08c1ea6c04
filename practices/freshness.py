"""When a profile counts as stale: one definition for the profile page, the home page, the
overview, the reminders and the admin report.

A profile's facts date from the later of ``last_reviewed`` (someone checked them) and its data
date (``data_date``, the peildatum the facts describe: spring 2018 for the 2018 study). Only when
neither is known does its last publication count, else its first. It is stale when that date lies
more than ``STALE_AFTER`` before the reference day, or when it has none: a profile built from 2018
interviews is stale however recently it was loaded. The rule is written twice on purpose, once
for the database (``review_date_expression``/``stale_filter``: the home page's and the report's
lists are queries) and once for values in memory (``review_date``/``is_stale``: a page instance,
the overview's facts rebuilt from revisions); ``tests/practices/test_freshness.py`` holds them
equal."""

from __future__ import annotations

import datetime

from django.db.models import Case, DateField, F, Q, QuerySet, When
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

STALE_AFTER = datetime.timedelta(days=365)
# Dated sources (the later wins), then the publication date-times (the first set wins).
DATED_SOURCES = ("last_reviewed", "data_date")
PUBLISHED_SOURCES = ("last_published_at", "first_published_at")
REVIEW_DATE = "review_on"  # the annotation ``with_review_date`` adds


def cutoff(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - STALE_AFTER


def review_date(last_reviewed, last_published_at, first_published_at, data_date=None) -> datetime.date | None:
    known = [day for day in (last_reviewed, data_date) if day]
    if known:
        return max(known)
    for value in (last_published_at, first_published_at):
        if value:
            return value.astimezone(datetime.UTC).date() if isinstance(value, datetime.datetime) else value
    return None


def is_stale(reviewed: datetime.date | None, today: datetime.date | None = None) -> bool:
    return reviewed is None or reviewed < cutoff(today)


def review_date_expression():
    """The review date in SQL (date-times as their UTC date, as ``review_date`` reads them).
    GREATEST is NULL on SQLite when either side is, so both-set is its own case."""
    reviewed, dated = DATED_SOURCES
    published = Coalesce(*(TruncDate(name, tzinfo=datetime.UTC) for name in PUBLISHED_SOURCES))
    return Case(
        When(
            Q(**{f"{reviewed}__isnull": False, f"{dated}__isnull": False}),
            then=Greatest(F(reviewed), F(dated)),
        ),
        When(Q(**{f"{reviewed}__isnull": False}), then=F(reviewed)),
        When(Q(**{f"{dated}__isnull": False}), then=F(dated)),
        default=published,
        output_field=DateField(),
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
