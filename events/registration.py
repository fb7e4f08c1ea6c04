"""Registration rules: registration window, capacity, waiting list, cancellation and promotion.

Every change that depends on the number of confirmed seats runs inside ``transaction.atomic()``
after locking the session's row with ``SELECT … FOR UPDATE``. On PostgreSQL concurrent sign-ups
for one session therefore queue on that lock and each sees the count left by the one before, so
capacity is never exceeded. SQLite ignores ``FOR UPDATE`` but lets only one writer in at a time
(the settings open transactions with ``BEGIN IMMEDIATE``), which gives the same guarantee.

E-mails are queued in the outbox inside the same transaction (so they commit with the change) and
delivered after commit, outside the transaction (``outbox.queue``): a failing mail server never
fails or undoes a registration.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import mail
from .models import ExchangeSessionPage, Registration

Status = Registration.Status


class RegistrationError(Exception):
    """A sign-up or cancellation that cannot go ahead; ``message`` is shown to the visitor."""

    status_code = 409

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RegistrationClosed(RegistrationError):
    status_code = 403


class DuplicateRegistration(RegistrationError):
    status_code = 409


@dataclass(frozen=True)
class WindowState:
    """Whether registration is open now, and if not, why and what to do."""

    is_open: bool
    reason: str = ""
    advice: str = ""


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def window_state(session: ExchangeSessionPage, now: datetime.datetime | None = None) -> WindowState:
    now = now or timezone.now()
    contact = (
        _("Neem contact op met de organisator via %(email)s.") % {"email": session.organiser_email}
        if session.organiser_email
        else _("Neem contact op met de organisator.")
    )
    if session.end <= now:
        return WindowState(False, _("Deze bijeenkomst is voorbij."), _("Bekijk hieronder het verslag."))
    if session.start <= now:
        return WindowState(False, _("Deze bijeenkomst is al begonnen; aanmelden kan niet meer."), contact)
    if session.registration_opens and now < session.registration_opens:
        return WindowState(
            False,
            _("Aanmelden kan vanaf %(when)s.") % {"when": _when(session.registration_opens)},
            _("Voeg de bijeenkomst alvast toe aan uw agenda en kom dan terug."),
        )
    if session.registration_closes and now >= session.registration_closes:
        return WindowState(
            False,
            _("Aanmelden is gesloten sinds %(when)s.") % {"when": _when(session.registration_closes)},
            _("Wilt u toch komen? %(contact)s") % {"contact": contact},
        )
    return WindowState(True)


def registration_counts(session: ExchangeSessionPage) -> dict[str, int]:
    """Number of registrations per status (anonymised rows included: counts survive the purge)."""
    counts = {status.value: 0 for status in Status}
    counts["total"] = 0
    if session.pk is None:  # preview of a new page
        return counts
    rows = Registration.objects.filter(session=session).values("status").annotate(n=Count("pk"))
    for row in rows:
        counts[row["status"]] = row["n"]
    counts["total"] = counts[Status.CONFIRMED] + counts[Status.WAITLISTED]
    return counts


def seats_left(session: ExchangeSessionPage) -> int | None:
    """Free seats, or None when capacity is unlimited."""
    if session.capacity is None:
        return None
    if session.pk is None:  # preview of a new page
        return session.capacity
    confirmed = session.registrations.filter(status=Status.CONFIRMED).count()
    return max(session.capacity - confirmed, 0)


def _lock(session: ExchangeSessionPage) -> ExchangeSessionPage:
    return ExchangeSessionPage.objects.select_for_update(of=("self",)).get(pk=session.pk)


def register(session: ExchangeSessionPage, data: dict, now: datetime.datetime | None = None) -> Registration:
    """Sign someone up: confirmed while seats are free, otherwise waitlisted.

    ``data`` holds name, email, organisation, municipality (instance or None) and role; consent is
    checked by the form. Raises RegistrationClosed or DuplicateRegistration.
    """
    now = now or timezone.now()
    email = data["email"].strip()
    try:
        with transaction.atomic():
            locked = _lock(session)
            state = window_state(locked, now)
            if not state.is_open:
                raise RegistrationClosed(f"{state.reason} {state.advice}".strip())
            duplicate = locked.registrations.filter(
                email__iexact=email, status__in=Registration.ACTIVE, anonymised_at__isnull=True
            ).exists()
            if duplicate:
                raise DuplicateRegistration(_duplicate_message())
            confirmed = locked.registrations.filter(status=Status.CONFIRMED).count()
            full = locked.capacity is not None and confirmed >= locked.capacity
            registration = Registration.objects.create(
                session=locked,
                name=data["name"].strip(),
                email=email,
                organisation=data["organisation"].strip(),
                municipality=data.get("municipality"),
                role=data["role"],
                status=Status.WAITLISTED if full else Status.CONFIRMED,
                consent_at=now,
                created_at=now,
            )
            mail.send_registration_received(registration)
    except IntegrityError as error:
        # Same address registered twice at the same moment: the unique constraint decides.
        raise DuplicateRegistration(_duplicate_message()) from error
    return registration


def _duplicate_message() -> str:
    return _(
        "Dit e-mailadres is al aangemeld voor deze bijeenkomst. Kijk in uw e-mail voor de bevestiging; "
        "daarin staat ook de link om uw aanmelding te bekijken of af te melden."
    )


def cancel(registration: Registration, now: datetime.datetime | None = None) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first person on the waiting list.

    Returns the registrations promoted from the waiting list (each gets an e-mail).
    """
    now = now or timezone.now()
    with transaction.atomic():
        session = _lock(registration.session)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        if session.start <= now:
            raise RegistrationError(_("De bijeenkomst is al begonnen; afmelden via de site kan niet meer."))
        current.status = Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        promoted = _promote(session, now)
        mail.send_cancelled(current)
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    return promoted


def promote_from_waitlist(session: ExchangeSessionPage, now: datetime.datetime | None = None) -> list:
    """Fill free seats from the waiting list (e.g. after the capacity was raised)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(session)
        if locked.start <= now:
            return []
        return _promote(locked, now)


def _promote(locked: ExchangeSessionPage, now: datetime.datetime) -> list[Registration]:
    """Caller holds the session lock."""
    waiting = locked.registrations.filter(status=Status.WAITLISTED).order_by(*Registration.WAITLIST_ORDER)
    if locked.capacity is None:
        chosen = list(waiting)
    else:
        confirmed = locked.registrations.filter(status=Status.CONFIRMED).count()
        free = locked.capacity - confirmed
        chosen = list(waiting[:free]) if free > 0 else []
    for registration in chosen:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        mail.send_promoted(registration)
    return chosen
