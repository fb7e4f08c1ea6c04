"""Fixtures for the events tests: sessions built through Wagtail's own API under the demo index."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from events.models import EventIndexPage, ExchangeSessionPage

_counter = itertools.count(1)


def make_session(**fields) -> ExchangeSessionPage:
    index = EventIndexPage.objects.get()
    n = next(_counter)
    start = fields.pop("start", timezone.now() + datetime.timedelta(days=14))
    fields.setdefault("title", f"Testbijeenkomst {n}")
    fields.setdefault("slug", f"testbijeenkomst-{n}")
    fields.setdefault("theme_support_needs", ["expertise"])
    fields.setdefault("format", "in_person")
    fields.setdefault("venue", "Testlocatie, Den Haag")
    fields.setdefault("end", start + datetime.timedelta(hours=2))
    hosts = fields.pop("host_regions", [])
    featured = fields.pop("featured_approaches", [])
    page = ExchangeSessionPage(start=start, **fields)
    page.host_regions = hosts
    page.featured_approaches = featured
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def session_factory(demo):
    return make_session


def make_user(username: str, group: str | None = None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a callable and then its on_commit callbacks (e-mails), as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run
