"""The registration purge's rules at their edges (events/privacy.py): the cut-off is the session's
end, the moment given is the one recorded, every run erases each row once, and the signed link
of an erased row is a new one."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from events.models import Registration
from events.privacy import due_for_purge, purge_personal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(session_factory):
    """A session that ended exactly ten days before ``NOW``, with one registration."""
    now = timezone.now().replace(microsecond=0)
    start = now - datetime.timedelta(days=10, hours=2)
    session = session_factory(start=start, end=start + datetime.timedelta(hours=2))
    registration = Registration.objects.create(
        session=session,
        consent_at=start - datetime.timedelta(days=7),
        status="confirmed",
        name="Ria",
        email="ria@example.org",
        organisation="Gemeente Goes",
        role="policy",
    )
    return now, session, registration


def test_the_cut_off_is_the_sessions_end_plus_the_retention(ended):
    now, session, registration = ended
    ours = Registration.objects.filter(pk=registration.pk)
    assert not due_for_purge(10, now=now - datetime.timedelta(seconds=1)).filter(pk=registration.pk)
    assert not due_for_purge(10, now=now).filter(pk=registration.pk)  # ended exactly 10 days ago
    assert due_for_purge(10, now=now + datetime.timedelta(seconds=1)).filter(pk=registration.pk)
    assert due_for_purge(9, now=now).filter(pk=registration.pk)
    assert ours.get().name == "Ria"  # looking changes nothing


def test_the_retention_setting_is_the_default(ended):
    now, _session, registration = ended
    with override_settings(REGISTRATION_RETENTION_DAYS=11):
        assert not due_for_purge(now=now).filter(pk=registration.pk)
    with override_settings(REGISTRATION_RETENTION_DAYS=9):
        assert due_for_purge(now=now).filter(pk=registration.pk)


def test_the_purge_records_its_moment_replaces_the_token_and_erases_once(ended):
    now, _session, registration = ended
    later = now + datetime.timedelta(days=1)
    old_token = registration.token
    others_before = due_for_purge(10, now=later).exclude(pk=registration.pk).count()
    assert purge_personal_data(days=10, now=later) == others_before + 1
    erased = Registration.objects.get(pk=registration.pk)
    assert erased.anonymised_at == later
    assert erased.token != old_token and erased.token
    assert (erased.name, erased.organisation) == ("", "")
    assert erased.email == f"{erased.pk}@gewist.invalid"
    assert erased.status == "confirmed" and erased.role == "policy"  # the counts stay
    assert purge_personal_data(days=10, now=later + datetime.timedelta(days=1)) == 0
    assert Registration.objects.get(pk=registration.pk).anonymised_at == later

