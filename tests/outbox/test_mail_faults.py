"""A failing mail server never turns a saved action into an error: registration, contact and
sign-up mails are queued with the action, delivered after commit outside any transaction, and
retried. Real sockets on loopback: a port that refuses and a server that accepts and never says
hello (smtplib then waits for EMAIL_TIMEOUT)."""

from __future__ import annotations

import datetime
import socket
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from members.models import ContactLog
from outbox import queue
from outbox.models import OutgoingMail
from practices.models import ApproachPage
from regions.models import Municipality
from regions.roles import MINISTRY_GROUP
from tests.events.conftest import make_session
from tests.members.conftest import PASSWORD, make_member, with_contacts

pytestmark = pytest.mark.django_db

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def refusing_port():
    """A loopback port nobody listens on: connect() is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hanging_port():
    """A loopback server that accepts connections and never answers (no SMTP greeting)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in accepted:
        conn.close()
    server.close()


def smtp_on(port: int):
    return override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_TIMEOUT=1)


def _registration_data(n: int = 1) -> dict:
    return {
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@example.org",
        "organisation": "Gemeente Test",
        "municipality": str(Municipality.objects.order_by("pk").first().pk),
        "role": "policy",
        "consent": "on",
        "website": "",
    }


@pytest.mark.parametrize("server", ["refusing_port", "hanging_port"])
def test_registration_is_saved_and_confirmed_when_smtp_fails(
    request, client, demo, commit_after_requests, server
):
    session = make_session(capacity=10)
    with smtp_on(request.getfixturevalue(server)):
        response = client.post(session.url + "aanmelden/", _registration_data(), follow=True)
    assert response.status_code == 200
    assert "U bent aangemeld" in response.content.decode()  # the person sees the confirmation
    assert Registration.objects.filter(session=session, email="deelnemer1@example.org").exists()
    queued = OutgoingMail.objects.get()
    assert (queued.status, queued.attempts, queued.to) == ("pending", 1, ["deelnemer1@example.org"])
    expected = "ConnectionRefusedError" if server == "refusing_port" else "timed out"
    assert expected in queued.last_error
    # The server is back: the retry delivers the same mail, with its cancel link and calendar.
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    assert queue.deliver_due() == {"sent": 1}
    [sent] = mail.outbox
    assert "/aanmelding/" in sent.body and sent.attachments[0][0] == "bijeenkomst.ics"
    assert not OutgoingMail.objects.exists()


def test_contact_message_is_accepted_when_smtp_hangs(client, demo, commit_after_requests, hanging_port):
    member = make_member(verified=True)
    page = with_contacts(ApproachPage.objects.get(slug="scheidingspunt-zoetermeer"), "contact@example.org")
    client.force_login(member)
    message = {"subject": "Vraag", "message": "Hoe hebben jullie de spreekuren georganiseerd?"}
    with smtp_on(hanging_port):
        response = client.post(f"/leden/contact/{page.pk}/", message)
    assert response.status_code == 302
    assert ContactLog.objects.filter(sender=member).count() == 1
    assert "timed out" in OutgoingMail.objects.get(kind="members.contact").last_error


def test_signup_is_saved_when_smtp_refuses(client, demo, commit_after_requests, refusing_port):
    data = {
        "email": "nieuw@zoetermeer-test.nl",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Nieuw",
        "last_name": "Lid",
        "organisation": "Gemeente Zoetermeer",
        "role": "Beleidsadviseur",
        "municipality": str(Municipality.objects.get(name="Zoetermeer").pk),
        "privacy": "on",
    }
    with smtp_on(refusing_port):
        response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_user_model().objects.filter(email="nieuw@zoetermeer-test.nl").exists()
    queued = OutgoingMail.objects.get()
    assert queued.kind.startswith("account.") and queued.to == ["nieuw@zoetermeer-test.nl"]


class RecordingBackend(LocmemBackend):
    """Records whether a database transaction was open while 'SMTP' ran."""

    in_transaction: list[bool] = []

    def send_messages(self, messages):
        RecordingBackend.in_transaction.append(connection.in_atomic_block)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_contact_mail_is_sent_outside_any_transaction(client, demo_tx):
    """The SQLite write lock is not held while the mail server is talked to (real commits here)."""
    member = make_member(verified=True)
    page = with_contacts(ApproachPage.objects.get(slug="scheidingspunt-zoetermeer"), "contact@example.org")
    client.force_login(member)
    RecordingBackend.in_transaction = []
    backend = f"{__name__}.RecordingBackend"
    with override_settings(EMAIL_BACKEND=backend):
        response = client.post(
            f"/leden/contact/{page.pk}/", {"subject": "Vraag", "message": "Een vraag " * 3}
        )
    assert response.status_code == 302
    assert RecordingBackend.in_transaction == [False]


def test_retries_back_off_and_give_up(demo, refusing_port):
    message = EmailMessage("Onderwerp", "Tekst", to=["iemand@example.org"])
    message.attach("bijlage.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    item = queue.queue(message, kind="test")
    now = timezone.now()
    with smtp_on(refusing_port):
        outcomes = []
        for _attempt in range(queue.MAX_ATTEMPTS):
            outcomes.append(queue.deliver(item.pk, now))
            item.refresh_from_db()
            if item.next_attempt_at:
                assert item.next_attempt_at - now == queue.backoff(item.attempts)
                assert not queue.due(now).exists() and queue.due(item.next_attempt_at).exists()
    assert outcomes == ["retry"] * (queue.MAX_ATTEMPTS - 1) + ["failed"]
    assert item.status == "failed" and item.attempts == queue.MAX_ATTEMPTS
    assert not queue.due(now + datetime.timedelta(days=30)).exists()  # given up: listed, not retried


def test_a_claimed_mail_is_not_sent_twice(demo):
    item = queue.queue(EmailMessage("Onderwerp", "Tekst", to=["iemand@example.org"]))
    now = timezone.now()
    assert queue._claim(item.pk, now)
    assert queue.deliver(item.pk, now) == "skipped"
    assert mail.outbox == []
    later = now + datetime.timedelta(seconds=queue.CLAIM_SECONDS + 1)
    assert queue.deliver(item.pk, later) == "sent" and len(mail.outbox) == 1


def test_message_survives_the_queue_unchanged(demo):
    original = EmailMessage(
        "Onderwerp",
        "Tekst",
        "van@example.org",
        ["a@example.org"],
        reply_to=["r@example.org"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    original.attach("a.ics", b"BEGIN:VCALENDAR\r\n", "text/calendar")
    original.attach("b.txt", "tekst", "text/plain")
    original.attach("c.bin", bytes(range(256)), "application/octet-stream")
    stored = OutgoingMail.from_message(original)
    stored.save()
    copy = OutgoingMail.objects.get(pk=stored.pk).to_message()
    assert (copy.subject, copy.body, copy.from_email, copy.to, copy.reply_to, copy.extra_headers) == (
        "Onderwerp",
        "Tekst",
        "van@example.org",
        ["a@example.org"],
        ["r@example.org"],
        {"Auto-Submitted": "auto-generated"},
    )
    assert [tuple(a) for a in copy.attachments] == [tuple(a) for a in original.attachments]
    assert copy.attachments[2][1] == bytes(range(256))


def test_organisers_see_unsent_mail_and_others_do_not(client, demo):
    queue.queue(EmailMessage("Niet verstuurd Qzx", "Tekst", to=["iemand@example.org"]))
    OutgoingMail.objects.update(attempts=2, last_error="ConnectionRefusedError: refused")
    organiser = get_user_model().objects.create_user("organisator", "o@example.org", "pw")
    organiser.groups.add(Group.objects.get(name=MINISTRY_GROUP))
    client.force_login(organiser)
    response = client.get("/admin/outbox/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Niet verstuurd Qzx" in body and "ConnectionRefusedError" in body
    coordinator = get_user_model().objects.create_user("coord", "c@example.org", "pw")
    coordinator.groups.add(Group.objects.filter(name__startswith="Coördinator").first())
    client.force_login(coordinator)
    assert client.get("/admin/outbox/").status_code in (302, 403)
