"""Registration through the real views: confirmation, duplicate, closed, full → waiting list,
cancel by signed link → promotion, e-mails in Django's outbox, online link only for the confirmed."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from events import registration as logic
from events.models import Registration
from events.tokens import make_token
from regions.models import Municipality

pytestmark = pytest.mark.django_db

LINK = "https://example.org/geheime-vergaderlink"


def _data(n=1, **changes):
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


@pytest.fixture
def post(client, commit):
    def run(path, data=None):
        return commit(client.post, path, data or {})

    return run


@pytest.fixture
def register(post):
    def run(session, n=1, **changes):
        return post(session.url + "aanmelden/", _data(n, **changes))

    return run


def _manage_url(message) -> str:
    match = re.search(r"https?://\S+/aanmelding/\S+/", message.body)
    assert match, message.body
    return match.group(0)


@pytest.fixture
def hybrid(session_factory):
    return session_factory(format="hybrid", online_link=LINK, capacity=2, organiser_email="org@example.org")


def test_public_page_shows_form_but_never_the_online_link(client, register, post, hybrid):
    response = client.get(hybrid.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="consent"' in html
    assert LINK not in html
    assert 'type="text/calendar"' in html


def test_register_confirms_and_mails_with_link_and_calendar(client, register, post, hybrid):
    response = register(hybrid)
    assert response.status_code == 302
    item = Registration.objects.get(session=hybrid)
    assert item.status == Registration.Status.CONFIRMED
    assert item.municipality is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["deelnemer1@example.org"]
    assert "bevestigd" in message.subject.lower()
    assert LINK in message.body
    assert message.attachments and message.attachments[0][0] == "bijeenkomst.ics"
    content = message.attachments[0][1]
    assert LINK in (content.decode() if isinstance(content, bytes) else content)
    page = client.get(hybrid.url).content.decode()
    assert "U bent aangemeld" in page
    assert LINK not in page


def test_signed_link_shows_online_link_to_confirmed(client, register, post, hybrid):
    register(hybrid)
    url = _manage_url(mail.outbox[0])
    path = url.split("testserver", 1)[-1]
    response = client.get(path)
    assert response.status_code == 200
    assert LINK in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"  # no-referrer breaks the CSRF Origin check


def test_tampered_token_is_404(client, register, post, hybrid):
    register(hybrid)
    item = Registration.objects.get(session=hybrid)
    token = make_token(item)
    assert client.get(f"/aanmelding/{token}x/").status_code == 404
    assert client.get(f"/aanmelding/{item.token}/").status_code == 404  # unsigned uuid


def test_duplicate_email_is_refused_politely(client, register, post, hybrid):
    register(hybrid)
    response = register(hybrid, n=2, email="DEELNEMER1@example.org ")
    assert response.status_code == 409
    assert "al aangemeld voor deze bijeenkomst" in response.content.decode()
    assert Registration.objects.filter(session=hybrid).count() == 1


def test_missing_consent_and_bad_input_are_400(client, register, post, hybrid):
    response = register(hybrid, consent="")
    assert response.status_code == 400
    assert "toestemming" in response.content.decode()
    assert register(hybrid, email="geen-adres").status_code == 400
    assert register(hybrid, municipality="999999999").status_code == 400
    assert register(hybrid, role="koning").status_code == 400
    assert not Registration.objects.filter(session=hybrid).exists()
    assert not mail.outbox


def test_honeypot_refuses(client, register, post, hybrid):
    assert register(hybrid, website="http://spam.example").status_code == 400
    assert not Registration.objects.filter(session=hybrid).exists()


def test_full_session_waitlists_then_cancel_promotes_first_waiting(client, register, post, hybrid):
    for n in (1, 2, 3, 4):
        assert register(hybrid, n=n).status_code == 302
    statuses = dict(Registration.objects.filter(session=hybrid).values_list("email", "status"))
    assert statuses["deelnemer3@example.org"] == "waitlisted"
    assert statuses["deelnemer4@example.org"] == "waitlisted"
    waitlist_mail = mail.outbox[2]
    assert "wachtlijst" in waitlist_mail.subject.lower()
    assert LINK not in waitlist_mail.body  # the online link is for confirmed people only
    page = client.get(hybrid.url).content.decode()
    assert "Alle plaatsen zijn bezet" in page

    # Waitlisted person's own page has no link either.
    waiting_path = _manage_url(mail.outbox[2]).split("testserver", 1)[-1]
    assert LINK not in client.get(waiting_path).content.decode()

    first_path = _manage_url(mail.outbox[0])
    assert mail.outbox[0].to == ["deelnemer1@example.org"]
    mail.outbox.clear()
    response = post(first_path.split("testserver", 1)[-1])
    assert response.status_code == 302
    statuses = dict(Registration.objects.filter(session=hybrid).values_list("email", "status"))
    assert statuses["deelnemer1@example.org"] == "cancelled"
    assert statuses["deelnemer3@example.org"] == "confirmed"
    assert statuses["deelnemer4@example.org"] == "waitlisted"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "vrijgekomen" in subjects["deelnemer3@example.org"]
    assert "Afmelding" in subjects["deelnemer1@example.org"]
    promoted_mail = next(m for m in mail.outbox if m.to == ["deelnemer3@example.org"])
    assert LINK in promoted_mail.body
    # Cancelling twice changes nothing.
    post(first_path.split("testserver", 1)[-1])
    assert hybrid.registrations.filter(status="confirmed").count() == 2
    # After cancelling the same address may register again (ends on the waiting list: full).
    assert register(hybrid, n=1).status_code == 302
    assert Registration.objects.filter(email="deelnemer1@example.org", status="waitlisted").exists()


def test_closed_registration_explains_why_and_what_to_do(client, register, post, session_factory):
    now = timezone.now()
    closed = session_factory(
        registration_closes=now - datetime.timedelta(hours=1),
        organiser_email="org@example.org",
    )
    page = client.get(closed.url).content.decode()
    assert "Aanmelden is gesloten sinds" in page
    assert "org@example.org" in page
    assert 'name="email"' not in page
    response = register(closed)
    assert response.status_code == 403
    assert "Aanmelden is gesloten" in response.content.decode()
    assert not Registration.objects.filter(session=closed).exists()

    not_yet = session_factory(registration_opens=now + datetime.timedelta(days=2))
    assert "Aanmelden kan vanaf" in client.get(not_yet.url).content.decode()
    assert register(not_yet).status_code == 403


def test_past_session_cannot_be_registered_for(client, register, post, session_factory):
    start = timezone.now() - datetime.timedelta(days=2)
    past = session_factory(start=start, report="<p>Verslag</p>")
    page = client.get(past.url).content.decode()
    assert "Deze bijeenkomst is voorbij" in page
    assert register(past).status_code == 403


def test_raising_capacity_on_publish_promotes_waiting(session_factory):
    page = session_factory(capacity=1)
    first = logic.register(page, {**_data(1), "municipality": None})
    second = logic.register(page, {**_data(2), "municipality": None})
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    page.capacity = 2
    page.save_revision().publish()
    second.refresh_from_db()
    assert second.status == "confirmed" and second.promoted_at is not None


def test_cancel_after_start_is_refused(session_factory):
    page = session_factory()
    item = logic.register(page, {**_data(1), "municipality": None})
    with pytest.raises(logic.RegistrationError):
        logic.cancel(item, now=page.start + datetime.timedelta(minutes=1))
    item.refresh_from_db()
    assert item.status == "confirmed"


def test_unlimited_capacity_always_confirms(session_factory):
    page = session_factory(capacity=None)
    for n in range(5):
        assert logic.register(page, {**_data(n), "municipality": None}).status == "confirmed"


def test_registration_is_refused_while_the_session_is_under_way(client, register, post, session_factory):
    start = timezone.now() - datetime.timedelta(minutes=30)
    running = session_factory(start=start, end=start + datetime.timedelta(hours=2), capacity=10)
    page = client.get(running.url).content.decode()
    assert "al begonnen" in page and 'name="email"' not in page
    response = register(running)
    assert response.status_code == 403
    assert "al begonnen" in response.content.decode()
    assert not Registration.objects.filter(session=running).exists()
    assert mail.outbox == []


def test_waitlist_mail_has_no_online_link_in_any_part(client, register, post, hybrid):
    register(hybrid, 1)
    register(hybrid, 2)
    mail.outbox.clear()
    register(hybrid, 3)  # capacity 2: waiting list
    assert Registration.objects.get(email="deelnemer3@example.org").status == "waitlisted"
    [message] = mail.outbox
    assert LINK not in message.body
    for _name, content, _mimetype in message.attachments:
        assert LINK not in (content.decode() if isinstance(content, bytes) else content)
    assert LINK not in message.message().as_string()  # nor in any MIME part
