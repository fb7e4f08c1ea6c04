"""iCalendar files parsed back: stable UIDs, Europe/Amsterdam times, no online link in public files."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from events import registration as logic
from events.models import ExchangeSessionPage

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
LINK = "https://example.org/heel-geheim"


@pytest.fixture
def session(session_factory):
    start = datetime.datetime(timezone.now().year + 1, 7, 1, 10, 0, tzinfo=AMS)  # summer time (UTC+2)
    return session_factory(
        title="Zomersessie",
        start=start,
        end=start + datetime.timedelta(hours=2, minutes=30),
        format="hybrid",
        online_link=LINK,
    )


def _parse(response) -> icalendar.Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_session_file(client, session):
    response = client.get(session.url + "bijeenkomst.ics")
    assert response.status_code == 200
    calendar = _parse(response)
    [event] = calendar.events
    assert str(event["UID"]) == f"session-{session.pk}@kennisnetwerkscheiden.nl"
    assert str(event["SUMMARY"]) == "Zomersessie"
    assert event.start == session.start and event.end == session.end
    assert event.start.utcoffset() == datetime.timedelta(hours=2)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert [tz["TZID"] for tz in calendar.timezones] == ["Europe/Amsterdam"]
    assert LINK not in response.content.decode()
    assert str(event["URL"]).endswith(session.url)


def test_uid_survives_move_and_rename(client, session):
    uid = str(_parse(client.get(session.url + "bijeenkomst.ics")).events[0]["UID"])
    session.slug = "andere-naam"
    session.title = "Andere naam"
    session.save_revision().publish()
    session.refresh_from_db()
    again = _parse(client.get(session.url + "bijeenkomst.ics")).events[0]
    assert str(again["UID"]) == uid


def test_feed_lists_upcoming_sessions_only(client, session, session_factory):
    past = session_factory(start=timezone.now() - datetime.timedelta(days=10))
    index_page = client.get("/bijeenkomsten/").content.decode()
    assert '<link rel="alternate" type="text/calendar"' in index_page
    assert 'href="/bijeenkomsten/agenda.ics"' in index_page
    response = client.get("/bijeenkomsten/agenda.ics")
    assert response.status_code == 200
    calendar = _parse(response)
    uids = {str(event["UID"]) for event in calendar.events}
    assert session.ical_uid in uids
    assert past.ical_uid not in uids
    expected = {p.ical_uid for p in ExchangeSessionPage.objects.live() if not p.is_past}
    assert uids == expected
    assert LINK not in response.content.decode()
    assert "example.org/fictieve-demo" not in response.content.decode()  # demo sessions' links


def test_registrant_file_has_the_link_only_when_confirmed(client, session):
    session.capacity = 1
    session.save_revision().publish()
    data = {"name": "A", "email": "a@example.org", "organisation": "O", "role": "other", "municipality": None}
    confirmed = logic.register(session, data)
    waiting = logic.register(session, {**data, "email": "b@example.org"})
    text = client.get(confirmed.manage_path() + "bijeenkomst.ics").content.decode()
    assert LINK in icalendar.Calendar.from_ical(text).events[0]["LOCATION"]
    text = client.get(waiting.manage_path() + "bijeenkomst.ics").content.decode()
    assert LINK not in text


def test_calendar_level_uids_are_stable(client, session):
    """The VCALENDAR's own UID (RFC 7986) is the same on every download, so a client that
    subscribed does not see a new calendar each time."""
    feeds = [_parse(client.get("/bijeenkomsten/agenda.ics")) for _ in range(2)]
    files = [_parse(client.get(session.url + "bijeenkomst.ics")) for _ in range(2)]
    assert str(feeds[0]["UID"]) == str(feeds[1]["UID"])
    assert str(files[0]["UID"]) == str(files[1]["UID"]) == f"calendar-{session.ical_uid}"
    assert str(feeds[0]["UID"]) != str(files[0]["UID"])
