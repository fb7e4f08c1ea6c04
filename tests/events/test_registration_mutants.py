"""The registration rules to the letter (events/registration.py): the exact Dutch words a visitor
reads when the window is shut or an address is already signed up, the dates in those words, what a
cancellation records, and what happens to the waiting list when the capacity was lowered below
the number already confirmed. Written against the survivors of a mutation run (issue 17)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from events import registration as logic
from events.models import ExchangeSessionPage, Registration

pytestmark = pytest.mark.django_db
S = Registration.Status
UTC = datetime.UTC

CONTACT = "Neem contact op met de organisator."
DUPLICATE = (
    "Dit e-mailadres is al aangemeld voor deze bijeenkomst. Kijk in uw e-mail voor de bevestiging; "
    "daarin staat ook de link om uw aanmelding te bekijken of af te melden."
)


def person(n, **changes):
    return {
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@example.org",
        "organisation": "Gemeente Goes",
        "municipality": None,
        "role": "coordinator",
        **changes,
    }


@pytest.fixture
def soon(session_factory):
    now = timezone.now().replace(microsecond=0)
    return now, session_factory(start=now + datetime.timedelta(days=7), capacity=2)


@pytest.fixture
def march():
    """A session on 20 March 2027 (winter time, UTC+1) without an organiser address; registration
    opens 4 March 13:30 UTC and closes 10 March 16:00 UTC. Only the window is read, so unsaved."""
    return ExchangeSessionPage(
        title="Maart",
        start=datetime.datetime(2027, 3, 20, 9, 0, tzinfo=UTC),
        end=datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC),
        registration_opens=datetime.datetime(2027, 3, 4, 13, 30, tzinfo=UTC),
        registration_closes=datetime.datetime(2027, 3, 10, 16, 0, tzinfo=UTC),
        organiser_email="",
    )


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def test_a_shut_window_says_exactly_why_and_what_to_do(march):
    assert logic.window_state(march, march.end) == logic.WindowState(
        False, "Deze bijeenkomst is voorbij.", "Bekijk hieronder het verslag."
    )
    assert logic.window_state(march, march.start) == logic.WindowState(
        False, "Deze bijeenkomst is al begonnen; aanmelden kan niet meer.", CONTACT
    )
    assert logic.window_state(march, at(2027, 3, 1)) == logic.WindowState(
        False,
        "Aanmelden kan vanaf 4 maart 2027, 14:30.",
        "Voeg de bijeenkomst alvast toe aan uw agenda en kom dan terug.",
    )
    assert logic.window_state(march, at(2027, 3, 15)) == logic.WindowState(
        False, "Aanmelden is gesloten sinds 10 maart 2027, 17:00.", f"Wilt u toch komen? {CONTACT}"
    )
    assert logic.window_state(march, at(2027, 3, 5)) == logic.WindowState(True)


def test_window_dates_are_written_in_dutch_local_time_with_the_hour(march):
    march.start, march.end = at(2027, 9, 20, 9), at(2027, 9, 20, 12)
    march.registration_opens = at(2027, 6, 1, 22, 5)  # summer time: 00:05 the next day in Amsterdam
    march.registration_closes = at(2027, 9, 1, 6, 0)
    opens, closes = (logic.window_state(march, at(2027, month, 2)).reason for month in (5, 9))
    assert opens == "Aanmelden kan vanaf 2 juni 2027, 00:05."
    assert closes == "Aanmelden is gesloten sinds 1 september 2027, 08:00."


def test_a_refused_registration_carries_the_reason_and_the_advice(soon):
    now, session = soon
    with pytest.raises(logic.RegistrationClosed) as refused:
        logic.register(session, person(1), now=session.start)
    expected = f"Deze bijeenkomst is al begonnen; aanmelden kan niet meer. {CONTACT}"
    assert refused.value.message == expected
    assert str(refused.value) == expected  # what a log line or traceback shows
    assert refused.value.status_code == 403
    assert not session.registrations.exists()


def test_a_registration_keeps_the_role_and_municipality_given(soon, demo):
    from regions.models import Municipality

    now, session = soon
    goes = Municipality.objects.first()
    registration = logic.register(session, person(1, municipality=goes), now=now)
    saved = Registration.objects.get(pk=registration.pk)
    assert (saved.role, saved.municipality) == (Registration.Role.COORDINATOR, goes)


def test_a_second_sign_up_with_the_same_address_is_told_where_to_look(soon):
    now, session = soon
    logic.register(session, person(1), now=now)
    with pytest.raises(logic.DuplicateRegistration) as twice:
        logic.register(session, person(1, email="Deelnemer1@Example.org"), now=now)
    assert twice.value.message == DUPLICATE
    assert twice.value.status_code == 409
    assert session.registrations.count() == 1


def test_a_simultaneous_sign_up_with_the_same_address_gets_the_same_message(soon, monkeypatch):
    """Two requests with one address pass the duplicate check together; the unique constraint
    stops the second insert. Simulated here by letting the rival's row land just before ours."""
    now, session = soon
    create = Registration.objects.create

    def rival_first(**fields):
        create(**{**fields, "name": "Rivaal"})
        return create(**fields)

    monkeypatch.setattr(Registration.objects, "create", rival_first)
    with pytest.raises(logic.DuplicateRegistration) as raced:
        logic.register(session, person(1), now=now)
    assert raced.value.message == DUPLICATE
    assert not session.registrations.exists()  # the whole attempt was rolled back


def test_a_cancellation_records_its_moment_and_after_the_start_says_why_not(soon):
    now, session = soon
    first, second = (logic.register(session, person(n), now=now) for n in (1, 2))
    later = now + datetime.timedelta(hours=1)
    logic.cancel(first, now=later)
    assert (first.status, first.cancelled_at) == (S.CANCELLED, later)
    saved = Registration.objects.get(pk=first.pk)
    assert (saved.status, saved.cancelled_at) == (S.CANCELLED, later)

    with pytest.raises(logic.RegistrationError) as refused:
        logic.cancel(second, now=session.start)
    assert refused.value.message == "De bijeenkomst is al begonnen; afmelden via de site kan niet meer."
    assert str(refused.value) == refused.value.message
    assert Registration.objects.get(pk=second.pk).status == S.CONFIRMED


def test_no_one_moves_up_while_more_are_confirmed_than_the_lowered_capacity(soon):
    now, session = soon
    ExchangeSessionPage.objects.filter(pk=session.pk).update(capacity=3)
    people = [logic.register(session, person(n), now=now + datetime.timedelta(minutes=n)) for n in range(5)]
    assert [p.status for p in people] == [S.CONFIRMED] * 3 + [S.WAITLISTED] * 2
    ExchangeSessionPage.objects.filter(pk=session.pk).update(capacity=1)
    assert logic.cancel(people[0], now=now) == []  # 2 confirmed for 1 seat: nothing is freed
    assert logic.promote_from_waitlist(session, now=now) == []
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == [S.CANCELLED, S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
