"""The public registration form under hostile input: never 5xx, a clear message for every refusal,
nothing half-saved, and what is saved is exactly what was typed (no mangling, no markup run)."""

from __future__ import annotations

import datetime
import html

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .strategies import INJECTIONS, hostile_text

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


@pytest.fixture
def session(demo):
    from events.models import EventIndexPage, ExchangeSessionPage

    start = timezone.now() + datetime.timedelta(days=30)
    page = ExchangeSessionPage(
        title="Bestendigheidstoets",
        slug="bestendigheidstoets",
        start=start,
        end=start + datetime.timedelta(hours=2),
        format="in_person",
        venue="Stadhuis, Den Haag",
        theme_support_needs=["expertise"],
        capacity=2,
    )
    EventIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _valid(n: int = 0) -> dict:
    return {
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@example.org",
        "organisation": "Gemeente Voorbeeld",
        "municipality": "",
        "role": "policy",
        "consent": "on",
        "website": "",
    }


field_name = st.sampled_from(["name", "email", "organisation", "municipality", "role", "consent", "website"])
field_value = st.one_of(
    hostile_text,
    st.sampled_from(["on", "policy", "other", "x@example.org", "1", "99999999", "-1"]),
    st.lists(hostile_text, min_size=2, max_size=4),  # repeated field
)


def _post(client, session, data):
    from events.models import Registration

    before = Registration.objects.filter(session=session).count()
    response = client.post(session.url + "aanmelden/", data)
    after = Registration.objects.filter(session=session).count()
    assert response.status_code in (302, 400, 409), response.status_code
    if response.status_code == 302:
        assert after == before + 1
    else:
        assert after == before, "refused, yet something was saved"
        page = response.content.decode()
        if response.context is None or "form" not in response.context:
            # refused by Django before the view (malformed or oversized request): the 400 page
            assert response.status_code == 400
            assert "Ongeldig verzoek" in page
            return response
        form = response.context["form"]
        messages = [str(m) for errors in (form.errors.values() if form else []) for m in errors]
        messages += [response.context.get("registration_error") or ""]
        messages = [m for m in messages if m]
        assert messages, "refused without saying why"
        for message in messages:
            assert html.escape(message) in page or message in page, message
    return response


@HYPOTHESIS
@given(
    changes=st.dictionaries(field_name, field_value, max_size=4),
    extra=st.dictionaries(hostile_text, hostile_text, max_size=2),
)
def test_registration_form_never_breaks(client, session, changes, extra):
    data = {**_valid(), **extra, **changes}
    _post(client, session, data)


@HYPOTHESIS
@given(text=hostile_text.filter(lambda s: s.strip() and "\x00" not in s and len(s) <= 200))
def test_accepted_text_is_stored_verbatim_and_escaped(client, session, text):
    from events.models import Registration

    Registration.objects.filter(session=session).delete()
    data = {**_valid(), "name": text, "organisation": text}
    response = _post(client, session, data)
    if response.status_code == 302:
        saved = Registration.objects.get(session=session)
        assert saved.name == text.strip()
        assert saved.organisation == text.strip()


@pytest.mark.parametrize("injection", INJECTIONS)
def test_injection_strings_in_every_text_field(client, session, injection):
    from events.models import Registration

    Registration.objects.filter(session=session).delete()
    data = {**_valid(), "name": f"Naam {injection}", "organisation": f"Org {injection}"}
    response = _post(client, session, data)
    if "\x00" in injection:
        assert response.status_code == 400
    elif "\n" in injection or "\r" in injection:  # names end up in mail: one line only
        assert response.status_code == 400
        assert "zonder regeleinden" in response.content.decode()
        assert not Registration.objects.filter(session=session).exists()
    else:
        assert response.status_code == 302
        assert Registration.objects.get(session=session).name == f"Naam {injection}".strip()
    # the e-mail field takes only what is a valid address, and stores exactly that
    email = f"a{injection}@example.org"
    response = _post(client, session, {**_valid(1), "email": email})
    if response.status_code == 302:
        assert Registration.objects.filter(session=session, email=email.strip()).count() == 1


def test_honeypot_and_missing_consent_are_refused_with_a_message(client, session):
    assert _post(client, session, {**_valid(), "website": "http://spam.example"}).status_code == 400
    data = _valid()
    del data["consent"]
    response = _post(client, session, data)
    assert response.status_code == 400
    assert "toestemming" in response.content.decode().lower()


def test_oversized_fields_are_refused(client, session):
    response = _post(client, session, {**_valid(), "name": "n" * 5000, "organisation": "o" * 100_000})
    assert response.status_code == 400


def test_valid_registration_is_accepted(client, session):
    """The gate is meaningful: a proper sign-up still works."""
    assert _post(client, session, _valid()).status_code == 302
