"""The registration rules at their edges (events/registration.py), without the web layer: when
the window opens and closes, what the counts and free seats say, what a registration records,
and how freed seats go to the waiting list."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from events import registration as logic
from events.models import ExchangeSessionPage, Registration

pytestmark = pytest.mark.django_db
S = Registration.Status


def person(n, **changes):
    return {
        "name": f"  Deelnemer {n} ",
        "email": f" deelnemer{n}@example.org ",
        "organisation": " Gemeente Goes ",
        "municipality": None,
        "role": "policy",
        **changes,
    }


@pytest.fixture
def soon(session_factory):
    now = timezone.now().replace(microsecond=0)
    return now, session_factory(start=now + datetime.timedelta(days=7), capacity=2)


def test_the_window_at_its_edges(soon):
    now, session = soon
    assert logic.window_state(session, now).is_open
    at_start = logic.window_state(session, session.start)
    assert not at_start.is_open and "al begonnen" in at_start.reason
    assert "contact op met de organisator." in at_start.advice
    at_end = logic.window_state(session, session.end)
    assert not at_end.is_open and at_end.reason == "Deze bijeenkomst is voorbij."
    session.organiser_email = "org@example.org"
    assert "via org@example.org" in logic.window_state(session, session.start).advice

    session.registration_opens = now + datetime.timedelta(days=1)
    session.registration_closes = now + datetime.timedelta(days=3)
    before = logic.window_state(session, session.registration_opens - datetime.timedelta(seconds=1))
    assert not before.is_open and before.reason.startswith("Aanmelden kan vanaf ")
    assert logic.window_state(session, session.registration_opens).is_open
    assert logic.window_state(session, session.registration_closes - datetime.timedelta(seconds=1)).is_open
    closed = logic.window_state(session, session.registration_closes)
    assert not closed.is_open and closed.reason.startswith("Aanmelden is gesloten sinds ")
    assert closed.advice == "Wilt u toch komen? Neem contact op met de organisator via org@example.org."


def test_a_registration_records_the_moment_and_trimmed_details(soon):
    now, session = soon
    registration = logic.register(session, person(1), now=now)
    saved = Registration.objects.get(pk=registration.pk)
    details = (saved.name, saved.email, saved.organisation)
    assert details == ("Deelnemer 1", "deelnemer1@example.org", "Gemeente Goes")
    assert saved.consent_at == now and saved.created_at == now and saved.status == S.CONFIRMED
    with pytest.raises(logic.DuplicateRegistration):
        logic.register(session, person(1, email="DEELNEMER1@example.org"), now=now)
    with pytest.raises(logic.RegistrationClosed):
        logic.register(session, person(2), now=session.start)


def test_counts_and_free_seats(soon):
    now, session = soon
    assert logic.seats_left(session) == 2
    for n in range(4):
        logic.register(session, person(n), now=now)
    assert logic.seats_left(session) == 0
    logic.cancel(Registration.objects.get(session=session, email="deelnemer3@example.org"), now=now)
    counts = logic.registration_counts(session)
    assert counts == {"confirmed": 2, "waitlisted": 1, "cancelled": 1, "total": 3}
    ExchangeSessionPage.objects.filter(pk=session.pk).update(capacity=1)  # lowered below the confirmed
    session.refresh_from_db()
    assert logic.seats_left(session) == 0
    session.capacity = None
    assert logic.seats_left(session) is None
    preview = ExchangeSessionPage(title="Nieuw", capacity=12)
    assert logic.seats_left(preview) == 12
    assert logic.registration_counts(preview) == {"confirmed": 0, "waitlisted": 0, "cancelled": 0, "total": 0}


def test_freed_seats_go_to_the_waiting_list_in_order(soon):
    now, session = soon
    people = [logic.register(session, person(n), now=now + datetime.timedelta(minutes=n)) for n in range(5)]
    assert [p.status for p in people] == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED, S.WAITLISTED]
    promoted = logic.cancel(people[0], now=now)
    assert [p.pk for p in promoted] == [people[2].pk]
    assert Registration.objects.get(pk=people[2].pk).promoted_at == now
    assert logic.cancel(people[0], now=now) == []  # cancelling again frees nothing
    ExchangeSessionPage.objects.filter(pk=session.pk).update(capacity=3)
    assert [p.pk for p in logic.promote_from_waitlist(session, now=now)] == [people[3].pk]
    ExchangeSessionPage.objects.filter(pk=session.pk).update(capacity=None)
    assert logic.promote_from_waitlist(session, now=session.start) == []  # under way: nothing moves
    assert [p.pk for p in logic.promote_from_waitlist(session, now=now)] == [people[4].pk]
    with pytest.raises(logic.RegistrationError):
        logic.cancel(people[1], now=session.start)
