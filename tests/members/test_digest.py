"""Digest selection (new vs changed vs unchanged, followed vs not, saved searches, sessions) and
sending (one mail per member, nothing when nothing is new)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from members import digest
from members.models import Follow, MemberProfile, SavedSearch
from practices.models import ApproachPage
from regions.models import RegionPage
from tests.factories import make_approach

from .conftest import make_member

pytestmark = pytest.mark.django_db


_capture = None


@pytest.fixture(autouse=True)
def _run_on_commit(django_capture_on_commit_callbacks):
    # the search app indexes after commit; tests run inside a transaction, so run those callbacks
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield
    _capture = None


def new_approach(region, **fields):
    with _capture(execute=True):
        return make_approach(region, **fields)


def haaglanden():
    return RegionPage.objects.get(youth_care_region__code="JZ24")


def republish(slug: str) -> ApproachPage:
    page = ApproachPage.objects.get(slug=slug)
    with _capture(execute=True):
        page.save_revision().publish()
    return ApproachPage.objects.get(pk=page.pk)


def fresh_member(**profile):
    """A member whose digest window starts now (nothing of the demo set-up counts as new)."""
    return make_member(**profile)


def test_new_changed_and_unchanged_for_a_followed_region(demo):
    user = fresh_member()
    Follow.objects.create(member=user, page=haaglanden())
    new = new_approach("JZ24", title="Nieuw loket Delft", stage="exploring")
    changed = republish("kenniscentrum-kind-en-scheiding-haaglanden")
    new_approach("JZ38", title="Nieuw in Zeeland")  # not followed
    new_approach("JZ24", title="Nog een concept", publish=False)  # not published

    result = digest.build_digest(user)
    assert [item.page.pk for item in result.new] == [new.pk]
    assert [item.page.pk for item in result.changed] == [changed.pk]
    # Scheidingspunt (Haaglanden) was not published in the window: unchanged, not listed
    assert "scheidingspunt-zoetermeer" not in {item.page.slug for item in result.items}
    assert result.new[0].reasons == ["u volgt Haaglanden"]


def test_following_a_single_profile(demo):
    user = fresh_member()
    joop = ApproachPage.objects.get(slug="joop-zeeland")
    Follow.objects.create(member=user, page=joop)
    new_approach("JZ38", title="Andere aanpak Zeeland")
    republish("joop-zeeland")
    result = digest.build_digest(user)
    assert [(item.page.slug, item.kind) for item in result.items] == [("joop-zeeland", digest.CHANGED)]


def test_saved_search_matches_through_the_search_service(demo):
    user = fresh_member()
    SavedSearch.objects.create(member=user, name="Pilots", query_string="stage=exploring")
    pilot = new_approach("JZ38", title="Pilot in Zeeland", stage="exploring")
    new_approach("JZ38", title="Structureel in Zeeland", stage="implemented")
    result = digest.build_digest(user)
    assert [item.page.pk for item in result.items] == [pilot.pk]
    assert result.items[0].reasons == ["past bij uw zoekopdracht ‘Pilots’"]


def test_saved_search_with_text_query(demo):
    user = fresh_member()
    SavedSearch.objects.create(member=user, name="Loket", query_string="q=scheidingsloket")
    match = new_approach("JZ38", title="Scheidingsloket Middelburg", summary="Een scheidingsloket.")
    new_approach("JZ38", title="Werkgroep Goes", summary="Een werkgroep.")
    assert [item.page.pk for item in digest.build_digest(user).items] == [match.pk]


def test_invalid_saved_search_matches_nothing(demo):
    user = fresh_member()
    SavedSearch.objects.create(member=user, name="Oud", query_string="stage=bestaat-niet")
    new_approach("JZ38", title="Iets nieuws")
    assert digest.build_digest(user).is_empty


def test_a_failing_search_engine_skips_the_saved_search_but_not_the_digest(demo, monkeypatch):
    def broken(query):
        raise RuntimeError("engine down")

    monkeypatch.setattr(digest, "run_search", broken)
    user = fresh_member()
    SavedSearch.objects.create(member=user, name="Pilots", query_string="stage=exploring")
    followed = new_approach("JZ24", title="Pilot Haaglanden", stage="exploring")
    Follow.objects.create(member=user, page=followed)
    items = digest.build_digest(user).items
    assert [item.page.pk for item in items] == [followed.pk]
    assert len(items[0].reasons) == 1


def test_a_page_matching_twice_is_listed_once_with_both_reasons(demo):
    user = fresh_member()
    Follow.objects.create(member=user, page=haaglanden())
    SavedSearch.objects.create(member=user, name="Pilots", query_string="stage=exploring")
    page = new_approach("JZ24", title="Pilot Haaglanden", stage="exploring")
    items = digest.build_digest(user).items
    assert len(items) == 1 and items[0].page.pk == page.pk
    assert len(items[0].reasons) == 2


def test_window_starts_at_last_digest(demo):
    user = fresh_member()
    Follow.objects.create(member=user, page=haaglanden())
    new_approach("JZ24", title="Al gemeld")
    MemberProfile.objects.filter(user=user).update(last_digest_at=timezone.now())
    assert digest.build_digest(user).is_empty
    later = new_approach("JZ24", title="Daarna gepubliceerd")
    assert [item.page.pk for item in digest.build_digest(user).items] == [later.pk]


def test_recommended_upcoming_sessions(demo):
    from events.models import EventIndexPage, ExchangeSessionPage

    user = fresh_member()
    index = EventIndexPage.objects.get()
    start = timezone.now() + datetime.timedelta(days=20)

    def session(title, recommended, start=start):
        page = ExchangeSessionPage(
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=2),
            format="online",
            online_link="https://meet.example.org/sessie",
            theme_support_needs=["basic_offer"],
            recommended_by_ministry=recommended,
            recommendation_reason="Voor regio's die een loket overwegen." if recommended else "",
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    recommended = session("Leren van loketten", True)
    session("Gewone bijeenkomst", False)
    session("Al geweest", True, start=timezone.now() - datetime.timedelta(days=3))
    result = digest.build_digest(user)
    assert [s.pk for s in result.sessions] == [recommended.pk]
    assert not result.is_empty  # a recommended session alone is worth a digest


def test_send_digests_sends_one_mail_per_member_with_news(demo):
    followers = [fresh_member() for _ in range(2)]
    for user in followers:
        Follow.objects.create(member=user, page=haaglanden())
    quiet = fresh_member()  # follows Zeeland, where nothing happens
    Follow.objects.create(member=quiet, page=RegionPage.objects.get(youth_care_region__code="JZ38"))
    off = fresh_member(digest_frequency="off")
    Follow.objects.create(member=off, page=haaglanden())
    unconfirmed = make_member(confirmed=False)
    Follow.objects.create(member=unconfirmed, page=haaglanden())
    daily = fresh_member(digest_frequency="daily")
    Follow.objects.create(member=daily, page=haaglanden())

    page = new_approach("JZ24", title="Scheidingsloket Westland", stage="exploring")
    report = digest.send_digests("weekly")

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in followers)
    assert report["sent"] == 2 and report["empty"] >= 1
    message = mail.outbox[0]
    assert "Scheidingsloket Westland" in message.body and page.get_full_url() in message.body
    assert message.subject == "Nieuw in het Kennisnetwerk Scheiden: 1 profiel"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/leden/afmelden/" in message.extra_headers["List-Unsubscribe"]
    html = message.alternatives[0][0]
    assert "Scheidingsloket Westland" in html
    # nothing of other people: no contact persons, no other members
    assert "@zoetermeer.example" not in message.body and followers[1].email not in message.body

    for user in followers:
        assert MemberProfile.objects.get(user=user).last_digest_at is not None
    assert MemberProfile.objects.get(user=quiet).last_digest_at is None  # nothing sent, window kept

    # running again right away sends nothing new
    mail.outbox.clear()
    digest.send_digests("weekly")
    assert mail.outbox == []


def test_nothing_new_sends_nothing(demo):
    user = fresh_member()
    Follow.objects.create(member=user, page=haaglanden())
    SavedSearch.objects.create(member=user, name="Alles", query_string="")
    call_command("send_digests", "--frequency", "weekly")
    assert mail.outbox == []


def test_weekly_digest_is_not_resent_within_six_days(demo):
    user = fresh_member()
    Follow.objects.create(member=user, page=haaglanden())
    MemberProfile.objects.filter(user=user).update(last_digest_at=timezone.now() - datetime.timedelta(days=2))
    new_approach("JZ24", title="Nieuw maar te vroeg")
    assert user not in digest.members_due("weekly")
    assert user in digest.members_due("weekly", now=timezone.now() + datetime.timedelta(days=5))


def test_dry_run_sends_nothing(demo):
    user = fresh_member()
    Follow.objects.create(member=user, page=haaglanden())
    new_approach("JZ24", title="Proef")
    report = digest.send_digests("weekly", dry_run=True)
    assert report["sent"] >= 1 and mail.outbox == []
    assert MemberProfile.objects.get(user=user).last_digest_at is None
