"""iCalendar output for sessions (``icalendar`` library).

UIDs are stable per session (page id based, see ``ExchangeSessionPage.ical_uid``) and per calendar
file (the feed's index page id, or the session's), so a calendar
that imported the feed updates the event when the page moves or is renamed. Times carry the
Europe/Amsterdam TZID with a VTIMEZONE. The online link is only included for a confirmed
registrant's own calendar file (sent by e-mail or behind their signed link), never in public files.
"""

from __future__ import annotations

import datetime

import icalendar
from django.utils import timezone
from django.utils.html import strip_tags

from .models import SESSION_TIME_ZONE

PRODID = "-//Kennisnetwerk Scheiden//Bijeenkomsten//NL"
TIMEZONE_RANGE = (datetime.date(2020, 1, 1), datetime.date(2040, 1, 1))


def session_event(session, *, online_link: bool = False, url: str = "") -> icalendar.Event:
    location_parts = [session.venue.strip()] if session.venue.strip() else []
    description_parts = [session.intro] if session.intro else []
    if session.online_link:
        if online_link:
            location_parts.append(session.online_link)
            description_parts.append(f"Online deelnemen: {session.online_link}")
        else:
            location_parts.append("Online (link voor bevestigde deelnemers)")
    if session.organiser:
        description_parts.append(f"Organisator: {session.organiser}")
    if session.description:
        description_parts.append(strip_tags(str(session.description)).strip())
    event = icalendar.Event.new(
        uid=session.ical_uid,
        summary=session.title,
        start=timezone.localtime(session.start, SESSION_TIME_ZONE),
        end=timezone.localtime(session.end, SESSION_TIME_ZONE),
        stamp=timezone.now().astimezone(datetime.UTC),
        last_modified=(
            session.last_published_at or session.latest_revision_created_at or timezone.now()
        ).astimezone(datetime.UTC),
        location="\n".join(location_parts) or None,
        description="\n\n".join(part for part in description_parts if part) or None,
        url=url or None,
        categories=[theme["label"] for theme in session.themes],
    )
    return event


def build_calendar(sessions, *, name: str, uid: str, online_link: bool = False, url_for=None) -> bytes:
    """``uid`` identifies the calendar itself (RFC 7986); stable, or clients see a new calendar on
    every download (icalendar would make up a random one)."""
    calendar = icalendar.Calendar.new(prodid=PRODID, name=name, uid=uid)
    calendar.add("method", "PUBLISH")
    for session in sessions:
        url = url_for(session) if url_for else ""
        calendar.add_component(session_event(session, online_link=online_link, url=url))
    calendar.add_missing_timezones(*TIMEZONE_RANGE)
    return calendar.to_ical()


def session_calendar(session, *, online_link: bool = False, url: str = "") -> bytes:
    return build_calendar(
        [session],
        name=session.title,
        uid=f"calendar-{session.ical_uid}",
        online_link=online_link,
        url_for=(lambda _s: url) if url else None,
    )
