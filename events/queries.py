"""Read-side queries on sessions, shared by the pages, the home page and the API."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import ExchangeSessionPage, Registration


def published_sessions():
    return ExchangeSessionPage.objects.live().public()


def with_confirmed_seats(queryset):
    """Annotate ``confirmed_seats`` (read by ``ExchangeSessionPage.is_full``): one query for a list.
    A subquery, not a join, so later filters on related rows cannot multiply the count."""
    confirmed = (
        Registration.objects.filter(session=OuterRef("pk"), status=Registration.Status.CONFIRMED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(confirmed_seats=Coalesce(Subquery(confirmed), 0))


def upcoming_sessions(limit: int | None = None, now=None):
    """Sessions that have not ended yet, soonest first (the home page shows three), with their
    confirmed seats so cards can say "Vol — wachtlijst"."""
    now = now or timezone.now()
    queryset = with_confirmed_seats(published_sessions().filter(end__gte=now)).order_by("start", "pk")
    return queryset[:limit] if limit else queryset


def past_sessions(now=None):
    now = now or timezone.now()
    return published_sessions().filter(end__lt=now).order_by("-start", "pk")
