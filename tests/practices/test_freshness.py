"""Freshness: the admin report of stale profiles per coordinator and the weekly reminder e-mail."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from practices.reminders import reminders, stale_profiles
from regions.models import RegionPage
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(demo):
    old = timezone.localdate() - datetime.timedelta(days=800)
    zeeland = RegionPage.objects.get(title="Zeeland")
    return {
        "stale_hl": make_approach("JZ24", title="Oud Haaglanden", last_reviewed=old),
        "fresh_hl": make_approach("JZ24", title="Vers Haaglanden", last_reviewed=timezone.localdate()),
        "stale_zl": make_approach(zeeland, title="Oud Zeeland", last_reviewed=old),
        "draft_hl": make_approach("JZ24", title="Concept oud", last_reviewed=old, publish=False, live=False),
    }


def test_stale_profiles_match_is_stale(profiles):
    stale = set(stale_profiles())
    assert profiles["stale_hl"] in stale and profiles["stale_zl"] in stale
    assert profiles["fresh_hl"] not in stale and profiles["draft_hl"] not in stale
    for page in stale:
        assert page.is_stale


def test_admin_report_shows_only_own_region(client, profiles):
    user = get_user_model().objects.get(username="coordinator-haaglanden")
    client.force_login(user)
    response = client.get("/admin/verouderde-profielen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Oud Haaglanden" in html
    assert "Oud Zeeland" not in html
    assert "Vers Haaglanden" not in html
    assert "Verouderde profielen" in html


def test_ministry_sees_all_stale_profiles(client, profiles):
    client.force_login(get_user_model().objects.get(username="ministerie"))
    html = client.get("/admin/verouderde-profielen/").content.decode()
    assert "Oud Haaglanden" in html and "Oud Zeeland" in html


def test_report_needs_login(client, profiles):
    response = client.get("/admin/verouderde-profielen/")
    assert response.status_code == 302


def test_reminders_go_to_the_right_coordinators(profiles):
    batches = {user.username: pages for user, pages in reminders().items()}
    assert profiles["stale_hl"] in batches["coordinator-haaglanden"]
    assert profiles["stale_zl"] not in batches["coordinator-haaglanden"]
    assert profiles["stale_zl"] in batches["coordinator-zeeland"]
    assert "ministerie" not in batches


def test_reminder_command_sends_mail(profiles):
    call_command("send_stale_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    to_haaglanden = [m for m in mail.outbox if m.to == ["coordinator-haaglanden@example.org"]]
    assert len(to_haaglanden) == 1
    message = to_haaglanden[0]
    assert "Oud Haaglanden" in message.body
    assert "Oud Zeeland" not in message.body
    assert f"/admin/pages/{profiles['stale_hl'].pk}/edit/" in message.body


def test_reminder_dry_run_sends_nothing(profiles):
    call_command("send_stale_reminders", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


def test_staleness_is_twelve_months_everywhere(client, demo):
    """One definition (practices/freshness.py): 13 months unreviewed is stale, 11 months is not, in
    the page property, the reminders, the admin report and the national figures alike."""
    from django.contrib.auth.models import Group

    from practices.figures import overview_now
    from regions.roles import MINISTRY_GROUP

    today = timezone.localdate()
    old = make_approach("JZ24", title="Dertien maanden", last_reviewed=today - datetime.timedelta(days=395))
    recent = make_approach("JZ24", title="Elf maanden", last_reviewed=today - datetime.timedelta(days=335))
    assert old.is_stale and not recent.is_stale
    stale = set(stale_profiles())
    assert old in stale and recent not in stale
    admin = get_user_model().objects.create_user("fresh-admin", "fa@example.org", "pw")
    admin.groups.add(Group.objects.get(name=MINISTRY_GROUP))
    client.force_login(admin)
    report = client.get("/admin/verouderde-profielen/").content.decode()
    assert "Dertien maanden" in report and "Elf maanden" not in report
    before = overview_now().stale
    recent.last_reviewed = today - datetime.timedelta(days=395)
    recent.save_revision().publish()
    assert overview_now().stale == before + 1


def test_the_stored_review_date_follows_every_save_and_publish(demo):
    """``review_on`` is ``review_date`` stored by ``ApproachPage.save`` (the stale lists filter
    that column): a publish, a direct save and a save of only some fields all keep it equal, and
    the fictional profiles the benchmark bulk-inserts get it too."""
    from practices.freshness import REVIEW_DATE
    from practices.models import ApproachPage

    today = timezone.localdate()
    page = make_approach("JZ24", title="Opgeslagen peildatum", last_reviewed=None)
    page.refresh_from_db()
    assert page.review_on == page.last_published_at.astimezone(datetime.UTC).date()
    page.last_reviewed = today - datetime.timedelta(days=500)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.review_on == page.last_reviewed and page in stale_profiles()
    page.data_date = today - datetime.timedelta(days=10)
    page.save(update_fields=["data_date"])
    page.refresh_from_db()
    assert page.review_on == page.data_date and page not in stale_profiles()
    mismatched = [p.pk for p in ApproachPage.objects.all() if getattr(p, REVIEW_DATE) != p.review_date]
    assert mismatched == []


def test_the_synthetic_profiles_store_their_review_date(demo):
    from benchmarks.synthetic import create_profiles
    from practices.models import ApproachPage

    create_profiles(3, seed=5)
    fictional = list(ApproachPage.objects.filter(is_fictional=True))
    assert fictional and all(p.review_on == p.review_date for p in fictional)
