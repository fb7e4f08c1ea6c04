"""Public forms: per-IP and per-session rate limits (429 with a Dutch message) and single-line
names (no CR/LF into mail bodies), for registration, the contact form and sign-up."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from events.models import Registration
from regions.models import Municipality
from tests.events.conftest import make_session
from tests.members.conftest import PASSWORD, make_member, with_contacts

pytestmark = pytest.mark.django_db

LIMITED = override_settings(PUBLIC_FORM_RATE_IP="3/h", PUBLIC_FORM_RATE_SESSION="2/h")


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def _registration(n: int, **changes) -> dict:
    data = {
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@example.org",
        "organisation": "Gemeente Test",
        "municipality": str(Municipality.objects.order_by("pk").first().pk),
        "role": "policy",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


@LIMITED
def test_registration_is_limited_per_session(client, demo):
    session = make_session(capacity=50)
    url = session.url + "aanmelden/"
    statuses = [client.post(url, _registration(n)).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    response = client.post(url, _registration(9))
    assert response.status_code == 429
    assert "te vaak" in response.content.decode()
    assert Registration.objects.filter(session=session).count() == 2  # nothing saved when refused


@LIMITED
def test_registration_is_limited_per_ip_whatever_the_session(demo):
    from django.test import Client

    session = make_session(capacity=50)
    url = session.url + "aanmelden/"
    statuses = []
    for n in range(4):  # a fresh client (no cookies, so a new session) every time, one address
        statuses.append(Client().post(url, _registration(n), REMOTE_ADDR="192.0.2.7").status_code)
    assert statuses == [302, 302, 302, 429]
    other_ip = Client().post(url, _registration(7), REMOTE_ADDR="192.0.2.8")
    assert other_ip.status_code == 302


def test_registration_names_must_be_single_line(client, demo):
    session = make_session(capacity=50)
    url = session.url + "aanmelden/"
    for field in ("name", "organisation"):
        for value in ("Anna\nBcc: x@example.org", "Anna\rX", "Anna\u2028X"):
            response = client.post(url, _registration(1, **{field: value}))
            assert response.status_code == 400, (field, value)
            assert "zonder regeleinden" in response.content.decode()
    assert not Registration.objects.filter(session=session).exists()


@LIMITED
def test_contact_form_is_limited_per_session(client, demo, commit_after_requests):
    from practices.models import ApproachPage

    page = with_contacts(ApproachPage.objects.get(slug="scheidingspunt-zoetermeer"), "c@example.org")
    client.force_login(make_member(verified=True))
    message = {"subject": "Vraag", "message": "Hoe hebben jullie de spreekuren georganiseerd?"}
    statuses = [client.post(f"/leden/contact/{page.pk}/", message).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def _signup(client, n: int, **changes):
    data = {
        "email": f"nieuw{n}@zoetermeer-test.nl",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Nieuw",
        "last_name": "Lid",
        "organisation": "Gemeente Zoetermeer",
        "role": "",
        "municipality": "",
        "privacy": "on",
    }
    data.update(changes)
    return client.post(reverse("account_signup"), data)


@LIMITED
def test_signup_is_limited_per_session(client, demo, commit_after_requests):
    statuses = [_signup(client, n).status_code for n in range(3)]
    assert statuses[:2] == [302, 302] and statuses[2] == 429


def test_signup_names_must_be_single_line(client, demo):
    for field in ("first_name", "last_name", "organisation", "role"):
        response = _signup(client, 1, **{field: "Lid\r\nBcc: x@example.org"})
        assert response.status_code == 200, field  # allauth re-renders the form with the error
        assert "zonder regeleinden" in response.content.decode(), field


def test_profile_names_must_be_single_line(client, demo):
    client.force_login(make_member(verified=True))
    response = client.post(
        reverse("members:account"),
        {"first_name": "A\nB", "last_name": "C", "organisation": "O", "role": "", "digest_frequency": "off"},
    )
    assert response.status_code == 400 and "zonder regeleinden" in response.content.decode()
