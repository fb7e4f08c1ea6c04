"""Who sees contact persons and the contact form; delivery with hidden addresses; rate limit."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from members.models import ContactLog
from outbox.models import OutgoingMail
from outbox.queue import deliver_due
from practices.models import ApproachPage

pytestmark = pytest.mark.django_db

HIDDEN = ("anna.geheim@zoetermeer.example", "bert.geheim@zoetermeer.example")
MESSAGE = {"subject": "Vraag over jullie loket", "message": "Hoe hebben jullie de spreekuren georganiseerd?"}


def contact_url(page):
    return reverse("members:contact", args=[page.pk])


def test_anonymous_sees_no_contacts_and_no_form(client, scheidingspunt):
    body = client.get(scheidingspunt.url).content.decode()
    assert "Contact 0" not in body
    assert contact_url(scheidingspunt) not in body
    assert not any(address in body for address in HIDDEN)
    response = client.get(contact_url(scheidingspunt))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_unverified_member_sees_no_contacts_and_cannot_send(client, scheidingspunt, unverified_member):
    client.force_login(unverified_member)
    body = client.get(scheidingspunt.url).content.decode()
    assert "Contact 0" not in body
    assert contact_url(scheidingspunt) not in body
    assert "nog geverifieerd" in body
    assert client.get(contact_url(scheidingspunt)).status_code == 403
    response = client.post(contact_url(scheidingspunt), MESSAGE)
    assert response.status_code == 403
    assert "geverifieerde leden" in response.content.decode()
    assert mail.outbox == []
    assert not ContactLog.objects.exists()


def test_verified_member_sees_names_but_never_addresses(client, scheidingspunt, member):
    client.force_login(member)
    body = client.get(scheidingspunt.url).content.decode()
    assert "Contact 0" in body and "Contact 1" in body
    assert contact_url(scheidingspunt) in body
    form = client.get(contact_url(scheidingspunt)).content.decode()
    for html in (body, form):
        assert not any(address in html for address in HIDDEN)


def test_message_is_delivered_with_reply_to_and_logged_without_text(client, scheidingspunt, member):
    client.force_login(member)
    response = client.post(contact_url(scheidingspunt), MESSAGE, follow=True)
    assert response.redirect_chain[-1][0] == scheidingspunt.url
    page = response.content.decode()
    assert "Uw bericht is verstuurd" in page
    assert not any(address in page for address in HIDDEN)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sorted(sent.to) == sorted(HIDDEN)
    assert sent.cc == [] and sent.bcc == []
    assert sent.reply_to == [member.email]
    assert "Vraag over jullie loket" in sent.subject
    assert MESSAGE["message"] in sent.body
    assert "Gemeente Test" in sent.body and scheidingspunt.title in sent.body

    log = ContactLog.objects.get()
    assert (log.sender, log.page_id, log.recipient_count) == (member, scheidingspunt.pk, 2)
    stored = " ".join(str(getattr(log, f.attname)) for f in ContactLog._meta.concrete_fields)
    assert MESSAGE["message"] not in stored and MESSAGE["subject"] not in stored


def test_subject_cannot_inject_headers(client, scheidingspunt, member):
    client.force_login(member)
    client.post(contact_url(scheidingspunt), {**MESSAGE, "subject": "Hallo\r\nBcc: spam@example.com"})
    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject
    assert mail.outbox[0].bcc == []


def test_invalid_message_is_400_and_not_sent(client, scheidingspunt, member):
    client.force_login(member)
    response = client.post(contact_url(scheidingspunt), {"subject": "", "message": "kort"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert mail.outbox == [] and not ContactLog.objects.exists()


@override_settings(MEMBER_CONTACT_LIMIT_HOUR=2, MEMBER_CONTACT_LIMIT_DAY=20)
def test_hourly_rate_limit(client, scheidingspunt, member):
    client.force_login(member)
    assert [client.post(contact_url(scheidingspunt), MESSAGE).status_code for _ in range(2)] == [302, 302]
    response = client.post(contact_url(scheidingspunt), MESSAGE)
    assert response.status_code == 429
    assert "afgelopen uur al 2 berichten" in response.content.decode()
    assert len(mail.outbox) == 2
    assert ContactLog.objects.count() == 2
    # the form page says so up front as well
    assert client.get(contact_url(scheidingspunt)).status_code == 429


@override_settings(MEMBER_CONTACT_LIMIT_HOUR=5, MEMBER_CONTACT_LIMIT_DAY=3)
def test_daily_rate_limit_counts_earlier_messages(client, scheidingspunt, member):
    earlier = timezone.now() - datetime.timedelta(hours=5)
    for _ in range(3):
        ContactLog.objects.create(
            sender=member, page=scheidingspunt, page_title="x", recipient_count=1, sent_at=earlier
        )
    ContactLog.objects.create(
        sender=member,
        page=scheidingspunt,
        page_title="x",
        recipient_count=1,
        sent_at=timezone.now() - datetime.timedelta(days=2),
    )
    client.force_login(member)
    response = client.post(contact_url(scheidingspunt), MESSAGE)
    assert response.status_code == 429
    assert "vandaag al 3 berichten" in response.content.decode()
    assert mail.outbox == []


@override_settings(MEMBER_CONTACT_LIMIT_HOUR=1)
def test_rate_limit_is_per_sender(client, scheidingspunt, member):
    from .conftest import make_member

    other = make_member()
    client.force_login(member)
    assert client.post(contact_url(scheidingspunt), MESSAGE).status_code == 302
    client.force_login(other)
    assert client.post(contact_url(scheidingspunt), MESSAGE).status_code == 302


def test_profile_without_contacts(client, demo, member):
    page = ApproachPage.objects.get(slug="joop-zeeland")
    assert not page.contacts.exists()
    client.force_login(member)
    assert client.get(contact_url(page)).status_code == 404
    assert client.post(contact_url(page), MESSAGE).status_code == 404
    assert mail.outbox == []


def test_mail_failure_keeps_the_message_queued_for_a_retry(client, scheidingspunt, member):
    client.force_login(member)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("smtp down")):
        response = client.post(contact_url(scheidingspunt), MESSAGE)
    assert response.status_code == 302  # the member's message is accepted, not a 500 or 503
    assert ContactLog.objects.count() == 1
    queued = OutgoingMail.objects.get()
    assert (queued.status, queued.attempts, queued.kind) == ("pending", 1, "members.contact")
    assert "smtp down" in queued.last_error and mail.outbox == []
    OutgoingMail.objects.update(next_attempt_at=None)
    assert deliver_due() == {"sent": 1}
    assert len(mail.outbox) == 1 and not OutgoingMail.objects.exists()


def test_contact_form_needs_csrf_token(scheidingspunt, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(contact_url(scheidingspunt), MESSAGE).status_code == 403
    assert mail.outbox == []


def test_demo_has_no_contacts_until_the_demo_command_adds_a_fictional_one(client, demo, member):
    from django.core.management import call_command

    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    assert not page.contacts.exists()  # the sources name no contact persons
    call_command("add_demo_contact")
    call_command("add_demo_contact")
    page = ApproachPage.objects.get(pk=page.pk)
    assert [c.email for c in page.contacts.all()] == ["contact-scheidingspunt@example.org"]
    client.force_login(member)
    assert client.post(contact_url(page), MESSAGE).status_code == 302
    assert mail.outbox[0].to == ["contact-scheidingspunt@example.org"]
