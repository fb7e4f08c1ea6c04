"""One rule for "may an anonymous visitor see this page" (practices/models/published.py): a
login-restricted profile and a draft are absent from every public surface, and the follow
endpoint does not name them to logged-in accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from events.invitees import published_profiles as invitee_profiles
from members.models import Follow
from practices.figures import published_profiles as figure_profiles
from practices.models import ApproachPage, is_published, published_among
from search.models import SearchDocument
from tests.events.conftest import make_session
from tests.factories import make_approach

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Afgeschermde Qwxyz-aanpak"
SECRET_SUMMARY = "Samenvatting die alleen ingelogde mensen zien, Vbnmq."


@pytest.fixture
def restricted(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # search sync runs on commit
        page = make_approach(title=SECRET_TITLE, summary=SECRET_SUMMARY, stage="implemented")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return ApproachPage.objects.get(pk=page.pk)


@pytest.fixture
def public(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach(title="Openbare Zxcvb-aanpak", stage="implemented")
    return ApproachPage.objects.get(pk=page.pk)


def _absent(text: str) -> bool:
    return SECRET_TITLE not in text and "Vbnmq" not in text and "Qwxyz" not in text


def test_the_rule_as_queryset_and_for_one_page(restricted, public):
    published = ApproachPage.objects.published()
    assert public in published and restricted not in published
    assert is_published(public) and not is_published(restricted)
    assert published_among([restricted, public]) == [public]
    draft = make_approach(publish=False, live=False)
    assert not is_published(draft) and draft not in published
    fictional = make_approach(is_fictional=True)
    assert fictional in ApproachPage.objects.published()
    assert fictional not in ApproachPage.objects.published().real()
    assert public in ApproachPage.objects.published().real()


def test_restricted_profile_absent_from_search(client, restricted, public):
    assert SearchDocument.objects.filter(pk=public.pk).exists()  # so the test can fail
    assert not SearchDocument.objects.filter(pk=restricted.pk).exists()
    body = client.get("/api/search/", {"q": "aanpak"}).content.decode()
    assert "Zxcvb" in body and _absent(body)


def test_restricted_profile_absent_from_open_data(client, restricted, public):
    for path in ("/open-data/aanpakken.csv", "/open-data/aanpakken.json"):
        body = client.get(path).content.decode()
        assert "Zxcvb" in body and _absent(body), path


def test_restricted_profile_absent_from_figures_and_invitees(restricted, public):
    assert public in figure_profiles() and restricted not in figure_profiles()
    assert public in invitee_profiles() and restricted not in invitee_profiles()


def test_restricted_profile_absent_from_api_sitemap_and_region_page(client, restricted, public):
    for path in ("/api/v2/approaches/?limit=20&offset=0", "/sitemap.xml", restricted.get_parent().url):
        body = client.get(path).content.decode()
        assert _absent(body) and "restricted" not in path, path
    regions = client.get(f"/api/v2/regions/{restricted.get_parent().pk}/").content.decode()
    assert "Zxcvb" in regions and _absent(regions)


def test_restricted_profile_not_shown_under_featured_approaches(client, restricted, public):
    session = make_session(featured_approaches=[restricted, public])
    body = client.get(session.url).content.decode()
    assert "Zxcvb" in body  # the public one is featured, so the test can fail
    assert _absent(body)


def test_follow_endpoint_does_not_name_restricted_or_draft_pages(client, restricted):
    user = get_user_model().objects.create_user("volger", "volger@example.org", "x")
    client.force_login(user)
    draft = make_approach(title="Concept Plmok-aanpak", publish=False, live=False)
    for page in (restricted, draft):
        for data in ({}, {"action": "unfollow"}):
            response = client.post(f"/leden/volgen/{page.pk}/", data, follow=True)
            body = response.content.decode()
            assert response.status_code == 404, (page.title, data)
            assert _absent(body) and "Plmok" not in body
    assert not Follow.objects.filter(member=user).exists()


def test_follow_endpoint_still_follows_public_pages(client, public):
    user = get_user_model().objects.create_user("volger2", "volger2@example.org", "x")
    client.force_login(user)
    response = client.post(f"/leden/volgen/{public.pk}/", follow=True)
    assert response.status_code == 200 and "Zxcvb" in response.content.decode()
    assert Follow.objects.filter(member=user, page_id=public.pk).exists()


def test_public_agrees_with_wagtails_rule_for_every_page_model(demo, restricted, public):
    """sitelinks/public_pages.py reads restrictions without Wagtail's join; the answer must be
    Wagtail's own: a restricted region hides its profiles, a restricted profile only itself, and a
    password restriction counts like a login one."""
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    from events.models import ExchangeSessionPage
    from regions.models import RegionIndexPage, RegionPage
    from sitelinks.public_pages import restricted_q

    region = RegionPage.objects.get(title="Zeeland")
    PageViewRestriction.objects.create(
        page=region, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    inside = make_approach(region, title="Onder afgeschermde regio")
    make_session(title="Openbare sessie")
    for model in (ApproachPage, RegionPage, RegionIndexPage, ExchangeSessionPage, Page):
        wagtail = set(PageQuerySet(model).public().values_list("pk", flat=True))
        ours = set(model.objects.exclude(restricted_q()).values_list("pk", flat=True))
        assert ours == wagtail, model
        if model is not Page:
            assert set(model.objects.public().values_list("pk", flat=True)) == wagtail, model
    published = set(ApproachPage.objects.published())
    assert public in published and restricted not in published and inside not in published
    assert region not in RegionPage.objects.public()
