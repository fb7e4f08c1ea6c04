"""When a profile counts as stale: one definition for the profile page, the home page, the
overview, the reminders and the admin report.

A profile's facts date from the later of ``last_reviewed`` (someone checked them) and its data
date (``data_date``, the peildatum the facts describe: spring 2018 for the 2018 study). Only when
neither is known does its last publication count, else its first. It is stale when that date lies
more than ``STALE_AFTER`` before the reference day, or when it has none: a profile built from 2018
interviews is stale however recently it was loaded. The rule is written once, ``review_date``:
``ApproachPage.save`` stores its value as ``review_on`` (every publish saves the page), so the
home page's, the report's and the reminders' lists filter and sort an indexed column, and the
overview's facts rebuilt from revisions call the same function."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

STALE_AFTER = datetime.timedelta(days=365)
# Dated sources (the later wins), then the publication date-times (the first set wins).
DATED_SOURCES = ("last_reviewed", "data_date")
PUBLISHED_SOURCES = ("last_published_at", "first_published_at")
SOURCES = DATED_SOURCES + PUBLISHED_SOURCES  # the fields ``review_date`` reads
REVIEW_DATE = "review_on"  # the stored ``review_date`` (ApproachPage.save)


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


def stale_filter(today: datetime.date | None = None) -> Q:
    return Q(**{f"{REVIEW_DATE}__lt": cutoff(today)}) | Q(**{f"{REVIEW_DATE}__isnull": True})


def stale(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """The stale profiles of ``queryset``, oldest review first (never reviewed before all)."""
    return queryset.filter(stale_filter(today)).order_by(F(REVIEW_DATE).asc(nulls_first=True), "title", "pk")
