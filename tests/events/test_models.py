"""Session page validation, page tree rules and the demo sessions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from events.models import EventIndexPage, ExchangeSessionPage
from home.models import HomePage

from .conftest import make_session

pytestmark = pytest.mark.django_db


def _unsaved(**fields):
    start = timezone.now() + datetime.timedelta(days=3)
    values = {
        "title": "X",
        "slug": "x",
        "start": start,
        "end": start + datetime.timedelta(hours=1),
        "format": "in_person",
        "venue": "Den Haag",
        "theme_support_needs": ["expertise"],
    }
    values.update(fields)
    return ExchangeSessionPage(**values)


def _errors(page) -> dict:
    with pytest.raises(ValidationError) as info:
        page.clean()
    return info.value.message_dict


def test_valid_session_passes_clean(demo):
    _unsaved().clean()


def test_end_must_be_after_start(demo):
    start = timezone.now() + datetime.timedelta(days=3)
    errors = _errors(_unsaved(start=start, end=start))
    assert errors["end"] == ["Het einde moet na het begin liggen."]
    errors = _errors(_unsaved(start=start, end=start - datetime.timedelta(minutes=5)))
    assert "end" in errors


def test_at_least_one_theme(demo):
    errors = _errors(_unsaved(theme_support_needs=[]))
    assert "Kies minstens één thema" in errors["theme_support_needs"][0]


def test_none_is_not_a_theme(demo):
    errors = _errors(_unsaved(theme_cooperation_bottlenecks=["none"]))
    assert "theme_cooperation_bottlenecks" in errors


def test_unknown_theme_code_is_refused_by_full_clean(demo):
    page = _unsaved(theme_support_needs=["no-such-code"])
    with pytest.raises(ValidationError) as info:
        page.full_clean(exclude=["path", "depth", "content_type"])
    assert "theme_support_needs" in info.value.message_dict


def test_venue_and_link_required_by_format(demo):
    assert "venue" in _errors(_unsaved(format="in_person", venue=""))
    assert "online_link" in _errors(_unsaved(format="online", venue=""))
    errors = _errors(_unsaved(format="hybrid", venue=""))
    assert {"venue", "online_link"} <= set(errors)
    _unsaved(format="online", venue="", online_link="https://example.org/x").clean()


def test_registration_window_must_make_sense(demo):
    start = timezone.now() + datetime.timedelta(days=3)
    page = _unsaved(
        start=start,
        end=start + datetime.timedelta(hours=2),
        registration_opens=start - datetime.timedelta(days=1),
        registration_closes=start - datetime.timedelta(days=2),
    )
    assert "registration_closes" in _errors(page)
    page = _unsaved(
        start=start,
        end=start + datetime.timedelta(hours=2),
        registration_closes=start + datetime.timedelta(days=1),
    )
    assert "registration_closes" in _errors(page)


def test_recommendation_needs_a_reason(demo):
    errors = _errors(_unsaved(recommended_by_ministry=True, recommendation_reason=" "))
    assert "recommendation_reason" in errors


def test_theme_keys_and_ical_uid_are_stable(session_factory):
    page = session_factory(theme_support_needs=["expertise"], theme_national_bottlenecks=["fragmentation"])
    assert page.theme_keys == ["national_bottleneck:fragmentation", "support_need:expertise"]
    assert page.ical_uid == f"session-{page.pk}@kennisnetwerkscheiden.nl"
    page.slug = "verplaatst"
    page.save()
    assert page.ical_uid == f"session-{page.pk}@kennisnetwerkscheiden.nl"


class TestPageTree(WagtailTestUtils):
    def test_parent_and_child_types(self, demo):
        assert EventIndexPage.allowed_parent_page_models() == [HomePage]
        assert ExchangeSessionPage.allowed_parent_page_models() == [EventIndexPage]
        assert ExchangeSessionPage.allowed_subpage_models() == []

    def test_index_is_created_by_site_tree_with_title_and_slug_only(self, demo):
        index = EventIndexPage.objects.get()
        assert index.slug == "bijeenkomsten"
        assert index.live
        assert EventIndexPage.max_count == 1


def test_demo_sessions(demo):
    sessions = ExchangeSessionPage.objects.live().filter(slug__startswith="demo-")
    assert sessions.count() == 3
    assert all(page.title.startswith("Fictieve demo:") for page in sessions)
    past = [page for page in sessions if page.is_past]
    assert len(past) == 1 and past[0].has_report
    assert any(page.recommended_by_ministry and page.recommendation_reason for page in sessions)
    assert all(page.featured_approaches.exists() for page in sessions)


def test_demo_sessions_step_is_idempotent(demo):
    from events.demo import ensure_demo_sessions

    before = ExchangeSessionPage.objects.count()
    assert ensure_demo_sessions() == 0
    assert ExchangeSessionPage.objects.count() == before


def test_make_session_helper(session_factory):
    page = session_factory()
    assert page.live and page.url.startswith("/bijeenkomsten/")
    assert make_session is session_factory


def test_preview_of_an_unsaved_session_renders(demo):
    from practices.models import ApproachPage

    index = EventIndexPage.objects.get()
    page = _unsaved(title="Voorbeeld", slug="voorbeeld", capacity=5)
    page.featured_approaches = list(ApproachPage.objects.live()[:2])
    page.set_url_path(index)
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorbeeld" in html and "Nog 5 plaatsen vrij" in html
