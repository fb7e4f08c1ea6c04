"""What the home page shows: latest and stale profiles, upcoming sessions.

Kept out of the model so the events app stays optional for the home page's logic and the
queries are easy to test."""

from __future__ import annotations

from django.apps import apps

from practices.models import ApproachPage

LATEST_COUNT = 6


def home_sections(home_page) -> dict:
    profiles = ApproachPage.objects.published().real().select_related("logo")
    latest = list(profiles.order_by("-last_published_at")[:LATEST_COUNT])
    stale = [page for page in profiles.order_by("last_reviewed", "title") if page.is_stale][:LATEST_COUNT]
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
