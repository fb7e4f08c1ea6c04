"""The purge command erases personal data N days after a session and keeps the counts."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from events import registration as logic
from events.models import Registration
from events.privacy import due_for_purge

pytestmark = pytest.mark.django_db


def _data(n):
    return {
        "name": f"P{n}",
        "email": f"p{n}@example.org",
        "organisation": "Org",
        "role": "policy",
        "municipality": None,
    }


@pytest.fixture
def old_and_recent(session_factory):
    now = timezone.now()
    old = session_factory(start=now - datetime.timedelta(days=5), capacity=1)
    recent = session_factory(start=now - datetime.timedelta(days=1))
    # Registrations made before the sessions took place.
    before = now - datetime.timedelta(days=20)
    for n in range(3):
        Registration.objects.create(
            session=old,
            consent_at=before,
            created_at=before,
            status="confirmed" if n == 0 else "waitlisted",
            name=f"P{n}",
            email=f"p{n}@example.org",
            organisation="Org",
            role="policy",
        )
    Registration.objects.filter(session=old, email="p2@example.org").update(status="cancelled")
    Registration.objects.create(
        session=recent,
        consent_at=before,
        status="confirmed",
        name="R",
        email="r@example.org",
        organisation="O",
        role="other",
    )
    return old, recent


def test_purge_erases_after_retention_and_keeps_counts(old_and_recent):
    old, recent = old_and_recent
    counts_before = logic.registration_counts(old)
    due = due_for_purge(3).count()
    assert due >= 3  # this test's old session plus the demo's past session
    out = StringIO()
    call_command("purge_registrations", "--days", "3", stdout=out)
    assert f"{due} aanmelding(en) gewist" in out.getvalue()
    for item in Registration.objects.filter(session=old):
        assert item.name == "" and item.organisation == ""
        assert "example.org" not in item.email
        assert item.anonymised_at is not None
    assert logic.registration_counts(old) == counts_before
    assert Registration.objects.get(session=recent).name == "R"


def test_purge_default_days_from_settings(old_and_recent):
    old, _recent = old_and_recent
    with override_settings(REGISTRATION_RETENTION_DAYS=90):
        call_command("purge_registrations", stdout=StringIO())
    assert Registration.objects.get(session=old, status="confirmed").name == "P0"
    with override_settings(REGISTRATION_RETENTION_DAYS=2):
        call_command("purge_registrations", stdout=StringIO())
    assert Registration.objects.get(session=old, status="confirmed").name == ""


def test_dry_run_changes_nothing_and_signed_link_dies(client, old_and_recent):
    old, _recent = old_and_recent
    item = Registration.objects.get(session=old, status="confirmed")
    path = item.manage_path()
    assert client.get(path).status_code == 200
    out = StringIO()
    call_command("purge_registrations", "--days", "3", "--dry-run", stdout=out)
    assert f"{due_for_purge(3).count()} aanmelding(en) zouden" in out.getvalue()
    assert Registration.objects.get(pk=item.pk).name == "P0"
    call_command("purge_registrations", "--days", "3", stdout=StringIO())
    assert client.get(path).status_code == 404


def test_negative_days_is_an_error(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_registrations", "--days", "-1", stdout=StringIO())


def test_anonymised_rows_do_not_block_new_registration_with_same_address(old_and_recent, session_factory):
    call_command("purge_registrations", "--days", "3", stdout=StringIO())
    fresh = session_factory()
    assert logic.register(fresh, _data(0)).status == "confirmed"


def test_purge_erases_exactly_the_declared_personal_fields(old_and_recent):
    from events.privacy import ERASED_EMAIL_DOMAIN, purge_personal_data

    old, _recent = old_and_recent
    before = {r.pk: r for r in Registration.objects.filter(session=old)}
    kept = [f.name for f in Registration._meta.concrete_fields if f.name not in Registration.PERSONAL_FIELDS]
    purge_personal_data(days=2)
    for registration in Registration.objects.filter(session=old):
        assert registration.name == "" and registration.organisation == ""
        assert registration.email == f"{registration.pk}@{ERASED_EMAIL_DOMAIN}"
        original = before[registration.pk]
        changed = {name for name in kept if getattr(registration, name) != getattr(original, name)}
        assert changed == {"token", "anonymised_at"}  # municipality, role, status, dates stay


def test_consent_text_names_every_form_field_and_the_erased_ones():
    from events.forms import RegistrationForm, consent_text

    assert tuple(RegistrationForm.Meta.fields) == Registration.FORM_FIELDS
    text = consent_text(90)
    assert "naam, e-mailadres, organisatie, gemeente en rol te bewaren" in text
    assert "naam, e-mailadres en organisatie worden uiterlijk 90 dagen" in text
