"""Sign-up with e-mail confirmation, the domain allow-list, no user enumeration, verification by
the Ministerie in the Wagtail admin."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from members.access import domain_is_allowed
from members.models import MemberProfile
from regions.models import Municipality
from tests.admin_forms import form_data

from .conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def signup(client, email, **extra):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Fleur",
        "last_name": "de Vries",
        "organisation": "Gemeente Zoetermeer",
        "role": "Beleidsadviseur jeugd",
        "municipality": Municipality.objects.get(name="Zoetermeer").pk,
        "privacy": "on",
    }
    data.update(extra)
    return client.post(reverse("account_signup"), data)


def confirmation_url(message) -> str:
    match = re.search(r"https?://[^/\s]+(/account/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_creates_unverified_member_and_sends_confirmation(client, demo):
    response = signup(client, "fleur@zoetermeer-test.nl")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="fleur@zoetermeer-test.nl")
    profile = user.member_profile
    assert (profile.organisation, profile.role, profile.municipality.name) == (
        "Gemeente Zoetermeer",
        "Beleidsadviseur jeugd",
        "Zoetermeer",
    )
    assert user.get_full_name() == "Fleur de Vries"
    assert not profile.is_verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fleur@zoetermeer-test.nl"]

    # mandatory verification: no login before the address is confirmed
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "fleur@zoetermeer-test.nl", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    # confirming is a POST on the link from the e-mail; the member stays unverified
    url = confirmation_url(mail.outbox[0])
    assert client.get(url).status_code == 200
    assert not EmailAddress.objects.get(email="fleur@zoetermeer-test.nl").verified
    client.post(url)
    assert EmailAddress.objects.get(email="fleur@zoetermeer-test.nl").verified
    profile.refresh_from_db()
    assert not profile.is_verified

    response = client.post(
        reverse("account_login"), {"login": "fleur@zoetermeer-test.nl", "password": PASSWORD}
    )
    assert response.status_code == 302
    page = client.get(reverse("members:account")).content.decode()
    assert "Nog niet geverifieerd" in page
    assert "Mijn account" in client.get("/").content.decode()


def test_signup_requires_profile_fields_and_consent(client, demo):
    response = signup(client, "half@zoetermeer-test.nl", organisation="", privacy="")
    assert response.status_code == 200
    body = response.content.decode()
    assert "U moet akkoord gaan met de privacyverklaring" in body
    assert "error-summary" in body
    assert not get_user_model().objects.filter(email="half@zoetermeer-test.nl").exists()


@override_settings(MEMBER_AUTO_VERIFY_DOMAINS=["gemeente-erkend.nl"])
def test_allow_listed_domain_is_verified_after_confirmation(client, demo):
    signup(client, "jan@gemeente-erkend.nl")
    profile = MemberProfile.objects.get(user__email="jan@gemeente-erkend.nl")
    assert not profile.is_verified  # not before the address is confirmed
    client.post(confirmation_url(mail.outbox[0]))
    profile.refresh_from_db()
    assert profile.is_verified
    assert profile.verified_by is None
    assert "gemeente-erkend.nl" in profile.verification_note


@override_settings(MEMBER_AUTO_VERIFY_DOMAINS=["gemeente-erkend.nl"])
def test_allow_list_is_exact():
    assert domain_is_allowed("a@GEMEENTE-ERKEND.nl")
    assert not domain_is_allowed("a@nep.gemeente-erkend.nl")
    assert not domain_is_allowed("a@gemeente-erkend.nl.example.com")
    assert not domain_is_allowed("")


def test_signup_with_existing_address_does_not_reveal_the_account(client, demo):
    existing = make_member(email="bestaand@zoetermeer-test.nl")
    response = signup(client, "bestaand@zoetermeer-test.nl")
    # same answer as for a new address ...
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    # ... no second account, and the owner of the address is told instead
    assert get_user_model().objects.filter(email__iexact="bestaand@zoetermeer-test.nl").count() == 1
    assert [m.to for m in mail.outbox] == [[existing.email]]


def test_password_reset_does_not_reveal_accounts(client, demo):
    make_member(email="wel@zoetermeer-test.nl")
    known = client.post(reverse("account_reset_password"), {"email": "wel@zoetermeer-test.nl"})
    unknown = client.post(reverse("account_reset_password"), {"email": "niet@zoetermeer-test.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    # one mail each (same work): a reset link for the account, "no account" for the other address
    assert [m.to for m in mail.outbox] == [["wel@zoetermeer-test.nl"], ["niet@zoetermeer-test.nl"]]
    assert "/account/password/reset/key/" in mail.outbox[0].body
    assert "/account/signup/" in mail.outbox[1].body


def _work(client, action):
    """Password hashes and mails one request costs."""
    from django.contrib.auth.hashers import MD5PasswordHasher

    before = len(mail.outbox)
    with mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
    ) as encode:
        response = action(client)
    return response.status_code, encode.call_count, len(mail.outbox) - before


def test_signup_costs_the_same_work_for_known_and_new_addresses(client, demo):
    make_member(email="bestaand2@zoetermeer-test.nl")
    known = _work(client, lambda c: signup(c, "bestaand2@zoetermeer-test.nl"))
    new = _work(client, lambda c: signup(c, "nieuw2@zoetermeer-test.nl"))
    assert known == new == (302, 1, 1)  # one password hash, one mail


def test_password_reset_costs_the_same_work_for_known_and_unknown_addresses(client, demo):
    make_member(email="wel2@zoetermeer-test.nl")
    known = _work(
        client, lambda c: c.post(reverse("account_reset_password"), {"email": "wel2@zoetermeer-test.nl"})
    )
    unknown = _work(
        client, lambda c: c.post(reverse("account_reset_password"), {"email": "niet2@zoetermeer-test.nl"})
    )
    assert known == unknown == (302, 0, 1)


def test_account_pages_are_dutch_and_in_site_layout(client, demo):
    body = client.get(reverse("account_login")).content.decode()
    assert '<html lang="nl">' in body
    assert "Inloggen" in body and "Wachtwoord vergeten?" in body
    assert 'class="skip-link"' in body
    assert '<label for="id_login"' in body
    body = client.get(reverse("account_signup")).content.decode()
    assert "Lid worden" in body and 'name="organisation"' in body


def test_login_is_rate_limited(client, demo):
    make_member(email="traag@zoetermeer-test.nl")

    def attempt(password):
        return client.post(
            reverse("account_login"), {"login": "traag@zoetermeer-test.nl", "password": password}
        )

    first = attempt("fout").content.decode()
    assert "Te veel inlogpogingen" not in first
    for _ in range(5):
        last = attempt("fout")
    # allauth: at most 5 failed attempts per 5 minutes per address; then even the right password fails
    assert "Te veel inlogpogingen" in last.content.decode()
    attempt(PASSWORD)
    assert "_auth_user_id" not in client.session


def admin_edit_url(profile):
    return reverse("wagtailsnippets_members_memberprofile:edit", args=[profile.pk])


def test_ministry_verifies_member_in_admin(client, demo):
    user = make_member(verified=False)
    profile = user.member_profile
    ministry = get_user_model().objects.get(username="ministerie")
    client.force_login(ministry)
    listing = client.get(reverse("wagtailsnippets_members_memberprofile:list"))
    assert listing.status_code == 200
    assert user.email in listing.content.decode()
    response = client.get(admin_edit_url(profile))
    assert response.status_code == 200
    data = form_data(response.content.decode())
    data["verified"] = ["on"]
    response = client.post(admin_edit_url(profile), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert profile.is_verified
    assert profile.verified_by == ministry
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "geverifieerd" in mail.outbox[0].subject


def test_coordinators_cannot_see_or_verify_members(client, demo):
    profile = make_member(verified=False).member_profile
    client.force_login(get_user_model().objects.get(username="coordinator-haaglanden"))
    assert client.get(reverse("wagtailsnippets_members_memberprofile:list")).status_code in (302, 403)
    assert client.get(admin_edit_url(profile)).status_code in (302, 403)
    profile.refresh_from_db()
    assert not profile.is_verified


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_axes_lockout_is_per_member_not_per_ip(client, demo):
    from axes.utils import reset

    reset()
    victim = make_member(email="pech@zoetermeer-test.nl")
    make_member(email="ander@zoetermeer-test.nl")
    for _ in range(4):
        client.post(reverse("account_login"), {"login": victim.email, "password": "fout"})
    other = Client()
    other.post(reverse("account_login"), {"login": "ander@zoetermeer-test.nl", "password": PASSWORD})
    assert "_auth_user_id" in other.session  # another member behind the same IP can still log in
    locked = Client()
    locked.post(reverse("account_login"), {"login": victim.email, "password": PASSWORD})
    assert "_auth_user_id" not in locked.session  # the attacked account is locked for a while
    reset()


def test_contact_log_is_visible_to_the_ministry_only(client, scheidingspunt):
    from members.models import ContactLog

    sender = make_member()
    ContactLog.objects.create(
        sender=sender, page=scheidingspunt, page_title=scheidingspunt.title, recipient_count=2
    )
    url = reverse("wagtailsnippets_members_contactlog:list")
    client.force_login(get_user_model().objects.get(username="ministerie"))
    response = client.get(url)
    assert response.status_code == 200 and scheidingspunt.title in response.content.decode()
    # read-only: no add view for the log
    assert client.get(reverse("wagtailsnippets_members_contactlog:add")).status_code in (302, 403)
    client.force_login(get_user_model().objects.get(username="coordinator-zeeland"))
    assert client.get(url).status_code in (302, 403)
