"""Unsubscribe links, data export and account deletion."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from members.models import ContactLog, Follow, MemberProfile, SavedSearch
from members.tokens import make_unsubscribe_token
from practices.models import ApproachPage

from .conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def unsubscribe_url(user):
    return reverse("members:unsubscribe", args=[make_unsubscribe_token(user)])


def digest_frequency(user):
    return MemberProfile.objects.get(user=user).digest_frequency


def test_unsubscribe_link_confirms_then_switches_off(client, member):
    url = unsubscribe_url(member)
    response = client.get(url)
    assert response.status_code == 200
    assert "Ja, afmelden" in response.content.decode()
    assert digest_frequency(member) == "weekly"  # a GET (e.g. a mail scanner) changes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert "U bent afgemeld" in response.content.decode()
    assert digest_frequency(member) == "off"


def test_one_click_unsubscribe_without_csrf_token_or_login(member):
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the link, no cookies
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_url(member), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert digest_frequency(member) == "off"


def test_forged_or_stale_links_do_nothing(client, member):
    other = make_member()
    token = make_unsubscribe_token(member)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(reverse("members:unsubscribe", args=[tampered])).status_code == 400
    assert client.post(reverse("members:unsubscribe", args=["niet-geldig"])).status_code == 400
    # the address changed hands: the old link no longer works
    member.email = "nieuw@gemeente-test.nl"
    member.save()
    response = client.post(reverse("members:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert "ongeldig" in response.content.decode()
    assert digest_frequency(member) == "weekly" and digest_frequency(other) == "weekly"


def test_export_contains_own_data_only(client, member, scheidingspunt):
    other = make_member()
    Follow.objects.create(member=member, page=scheidingspunt)
    SavedSearch.objects.create(member=member, name="Mijn zoekopdracht", query_string="q=loket")
    SavedSearch.objects.create(member=other, name="Niet van mij", query_string="q=x")
    ContactLog.objects.create(
        sender=member, page=scheidingspunt, page_title=scheidingspunt.title, recipient_count=2
    )
    client.force_login(member)
    response = client.get(reverse("members:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["organisation"] == "Gemeente Test" and data["profile"]["verified"] is True
    assert [f["page_id"] for f in data["follows"]] == [scheidingspunt.pk]
    assert [s["name"] for s in data["saved_searches"]] == ["Mijn zoekopdracht"]
    assert data["contact_messages"][0]["profile"] == scheidingspunt.title
    text = response.content.decode()
    assert other.email not in text and "Niet van mij" not in text
    assert "zoetermeer.example" not in text  # no contact persons' addresses


def test_export_requires_login(client, demo):
    response = client.get(reverse("members:export"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_delete_account_needs_the_password(client, member):
    client.force_login(member)
    assert client.get(reverse("members:delete_account")).status_code == 200
    response = client.post(reverse("members:delete_account"), {"password": "verkeerd"})
    assert response.status_code == 400
    assert "Het wachtwoord klopt niet" in response.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_delete_account_removes_personal_data(client, member, scheidingspunt):
    Follow.objects.create(member=member, page=scheidingspunt)
    SavedSearch.objects.create(member=member, name="Weg", query_string="q=x")
    log = ContactLog.objects.create(
        sender=member, page=scheidingspunt, page_title=scheidingspunt.title, recipient_count=2
    )
    client.force_login(member)
    response = client.post(reverse("members:delete_account"), {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Uw account en uw gegevens zijn verwijderd" in response.content.decode()
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert not MemberProfile.objects.filter(user_id=member.pk).exists()
    assert not Follow.objects.filter(member_id=member.pk).exists()
    assert not SavedSearch.objects.filter(member_id=member.pk).exists()
    assert not EmailAddress.objects.filter(email=member.email).exists()
    log.refresh_from_db()
    assert log.sender is None and log.page_id == scheidingspunt.pk  # anonymous statistics remain
    assert "_auth_user_id" not in client.session
    assert ApproachPage.objects.filter(pk=scheidingspunt.pk).exists()


def test_editors_cannot_delete_themselves_here(client, demo):
    editor = get_user_model().objects.get(username="coordinator-haaglanden")
    client.force_login(editor)
    response = client.post(reverse("members:delete_account"), {"password": "kennisnetwerk-demo"})
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=editor.pk).exists()


def test_delete_needs_post_with_csrf(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(reverse("members:delete_account"), {"password": PASSWORD}).status_code == 403
    assert get_user_model().objects.filter(pk=member.pk).exists()
