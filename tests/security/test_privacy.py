"""Personal data never reaches anonymous visitors: named contact persons of a profile and the people
who registered for a session are absent from public pages, the API, search and the exports."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from practices.models import ApproachContact, ApproachPage

pytestmark = pytest.mark.django_db

CONTACT_NAME = "Privella Qwertz"
CONTACT_EMAIL = "privella.qwertz@voorbeeld-gemeente.nl"
CONTACT_PHONE = "06-98765432"
REGISTRANT_NAME = "Registria Zyxwv"
REGISTRANT_EMAIL = "registria.zyxwv@voorbeeld-gemeente.nl"
SECRETS = [CONTACT_NAME, "Qwertz", CONTACT_EMAIL, CONTACT_PHONE, REGISTRANT_NAME, "Zyxwv", REGISTRANT_EMAIL]


def _assert_clean(text: str, where: str) -> None:
    leaked = [secret for secret in SECRETS if secret.lower() in text.lower()]
    assert not leaked, f"personal data {leaked} in {where}"


@pytest.fixture
def profile(demo, django_capture_on_commit_callbacks):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    page.contacts.add(
        ApproachContact(name=CONTACT_NAME, email=CONTACT_EMAIL, phone=CONTACT_PHONE, role="projectleider")
    )
    with django_capture_on_commit_callbacks(execute=True):  # search index sync runs on commit
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.contacts.filter(name=CONTACT_NAME).exists()
    return page


@pytest.fixture
def session_with_registrant(demo, django_capture_on_commit_callbacks):
    from events.models import EventIndexPage, ExchangeSessionPage
    from events.registration import register

    start = timezone.now() + datetime.timedelta(days=21)
    session = ExchangeSessionPage(
        title="Privacytoets bijeenkomst",
        slug="privacytoets-bijeenkomst",
        start=start,
        end=start + datetime.timedelta(hours=2),
        format="in_person",
        venue="Stadhuis, Den Haag",
        theme_support_needs=["expertise"],
        capacity=10,
    )
    EventIndexPage.objects.get().add_child(instance=session)
    session.save_revision().publish()
    session.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        register(
            session,
            {
                "name": REGISTRANT_NAME,
                "email": REGISTRANT_EMAIL,
                "organisation": "Gemeente Voorbeeld",
                "municipality": None,
                "role": "policy",
            },
        )
    return session


def test_contact_persons_absent_from_public_profile(client, profile):
    response = client.get(profile.url)
    assert response.status_code == 200
    _assert_clean(response.content.decode(), "public profile HTML")
    response = client.get("/en" + profile.url)
    assert response.status_code == 200
    _assert_clean(response.content.decode(), "English profile HTML")


def test_contact_persons_visible_to_editors_so_the_test_can_fail(admin_client, profile):
    assert CONTACT_NAME in admin_client.get(profile.url).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/?type=practices.ApproachPage&fields=*",
        "/api/v2/pages/{id}/",
        "/api/v2/pages/{id}/?fields=*",
        "/api/v2/approaches/?fields=*",
        "/api/v2/approaches/{id}/",
        "/api/v2/approaches/{id}/?fields=*",
    ],
)
def test_contact_persons_absent_from_api(client, profile, path):
    response = client.get(path.format(id=profile.pk))
    assert response.status_code == 200, response.content[:300]
    _assert_clean(response.content.decode(), path)


@pytest.mark.parametrize("field", ["contacts", "contacts(name,email)"])
def test_api_refuses_to_expand_contacts(client, profile, field):
    for base in ("/api/v2/pages/{id}/", "/api/v2/approaches/{id}/"):
        response = client.get(base.format(id=profile.pk), {"fields": field})
        assert response.status_code in (200, 400)
        _assert_clean(response.content.decode(), f"{base}?fields={field}")
        if response.status_code == 400:
            assert response.json()["message"]


def test_contact_persons_absent_from_search_api_and_index(client, profile):
    from search.models import SearchDocument

    for query in (CONTACT_NAME, "Qwertz", CONTACT_EMAIL, "Scheidingspunt"):
        response = client.get("/api/search/", {"q": query})
        assert response.status_code == 200
        _assert_clean(response.content.decode(), f"/api/search/?q={query}")
    assert client.get("/api/search/", {"q": "Qwertz"}).json()["total"] == 0
    assert SearchDocument.objects.filter(page_id=profile.pk).exists()
    for document in SearchDocument.objects.all():
        _assert_clean(" ".join(str(value) for value in document.__dict__.values()), "search document")


def test_contact_persons_absent_from_search_page(client, profile):
    response = client.get("/zoeken/", {"q": "Scheidingspunt"})
    assert response.status_code == 200
    assert "Scheidingspunt" in response.content.decode()
    _assert_clean(response.content.decode(), "search page")
    # searching for the person finds nothing (the page echoes the query, so check the address)
    response = client.get("/zoeken/", {"q": "Qwertz"})
    assert response.status_code == 200
    assert profile.url not in response.content.decode()


def test_contact_persons_absent_from_open_data(client, profile):
    for path in ("/open-data/aanpakken.csv", "/open-data/aanpakken.json"):
        response = client.get(path)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Scheidingspunt" in body  # the profile itself is exported
        _assert_clean(body, path)


def test_registrants_absent_from_public_session_pages_and_api(client, session_with_registrant):
    session = session_with_registrant
    assert session.registrations.filter(email=REGISTRANT_EMAIL).exists()
    paths = [
        session.url,
        "/en" + session.url,
        session.get_parent().url,
        "/api/v2/sessions/?fields=*",
        f"/api/v2/sessions/{session.pk}/",
        f"/api/v2/sessions/{session.pk}/?fields=*",
        f"/api/v2/pages/{session.pk}/?fields=*",
        "/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        _assert_clean(response.content.decode(errors="replace"), path)


def test_registrant_feed_and_calendar_have_no_personal_data(client, session_with_registrant):
    session = session_with_registrant
    index = session.get_parent().specific

    def url(value):
        return value() if callable(value) else value

    for path in (url(index.feed_url), url(session.ical_url)):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_clean(response.content.decode(errors="replace"), path)


def test_api_json_is_valid_and_public_fields_only(client, profile):
    data = json.loads(client.get(f"/api/v2/pages/{profile.pk}/?fields=*").content)
    assert "contacts" not in data
