"""Helpers for the members tests: members in every state, profiles with contact persons."""

from __future__ import annotations

import itertools

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from members.models import MemberProfile
from practices.models import ApproachContact, ApproachPage

PASSWORD = "Zeer-geheim-wachtwoord-2026"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _commit_after_requests(commit_after_requests):
    """Member actions queue their mail in the outbox; deliver it when the request ends."""


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    # allauth keeps its rate-limit counters in the cache; every test starts from zero
    cache.clear()
    yield
    cache.clear()


def make_member(*, verified: bool = True, confirmed: bool = True, email: str | None = None, **profile):
    n = next(_numbers)
    email = email or f"lid{n}@gemeente-test.nl"
    user = get_user_model().objects.create_user(
        username=f"lid-{n}", email=email, password=PASSWORD, first_name="Lid", last_name=f"Nummer {n}"
    )
    EmailAddress.objects.create(user=user, email=email, verified=confirmed, primary=True)
    profile.setdefault("organisation", "Gemeente Test")
    member = MemberProfile.objects.create(user=user, **profile)
    if verified:
        member.mark_verified(note="test")
    return user


@pytest.fixture
def member(demo):
    return make_member(verified=True)


@pytest.fixture
def unverified_member(demo):
    return make_member(verified=False)


def with_contacts(page: ApproachPage, *emails: str) -> ApproachPage:
    page = ApproachPage.objects.get(pk=page.pk)
    page.contacts = [
        ApproachContact(name=f"Contact {i}", role="Coördinator", email=email)
        for i, email in enumerate(emails)
    ]
    page.save_revision().publish()
    return ApproachPage.objects.get(pk=page.pk)


@pytest.fixture
def scheidingspunt(demo):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    return with_contacts(page, "anna.geheim@zoetermeer.example", "bert.geheim@zoetermeer.example")


def now():
    return timezone.now()
