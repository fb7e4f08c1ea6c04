"""What workers keep about the site as a whole (search.site_cache) follows every change of a page,
view restriction or site: the token moves, and the next request shows the change."""

from __future__ import annotations

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from home.models import StandardPage
from home.routing import ancestors_for_display
from search import site_cache
from search.models import IndexVersion
from tests.factories import make_approach, region_page

pytestmark = pytest.mark.django_db


def _menu(client) -> str:
    html = client.get("/").content.decode()
    return html[html.index("<nav") : html.index("</nav>")]


def test_the_menu_follows_publish_and_unpublish(demo, client):
    IndexVersion.bump_site()  # a token, so the worker keeps the menu
    assert "Nieuwe rubriek" not in _menu(client)
    page = StandardPage(title="Nieuwe rubriek", slug="nieuwe-rubriek", show_in_menus=True)
    demo.add_child(instance=page)
    page.save_revision().publish()
    assert "Nieuwe rubriek" in _menu(client)
    page.unpublish()
    assert "Nieuwe rubriek" not in _menu(client)


def test_each_kind_of_change_near_the_top_moves_the_token(demo):
    tokens = [IndexVersion.read()[1]]

    def moved():
        tokens.append(IndexVersion.read()[1])
        return tokens[-1] != tokens[-2]

    page = StandardPage(title="Rubriek", slug="rubriek", show_in_menus=True)
    demo.add_child(instance=page)
    assert moved()
    page.save_revision().publish()
    assert moved()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert moved()
    restriction.delete()
    assert moved()
    profile = make_approach("JZ24")
    assert not moved()  # a profile is in nothing the site cache keeps
    PageViewRestriction.objects.create(page=profile, restriction_type=PageViewRestriction.LOGIN)
    assert not moved()
    profile.move(region_page("JZ01"), pos="last-child")
    assert not moved()  # from one region to another
    other = StandardPage(title="Onder", slug="onder")
    page.add_child(instance=other)
    assert not moved()  # depth 4
    Page.objects.get(pk=other.pk).move(demo, pos="last-child")
    assert moved()  # to the menu level
    site = Site.objects.get()
    site.site_name = "Ander"
    site.save()
    assert moved()
    Page.objects.get(pk=page.pk).specific.delete()
    assert moved()


def test_a_renamed_site_host_is_found_at_once(demo, client, settings):
    settings.ALLOWED_HOSTS = ["kennisnetwerk.example", "localhost", "testserver"]
    IndexVersion.bump_site()
    assert client.get("/", HTTP_HOST="kennisnetwerk.example").status_code == 200  # default site
    site = Site.objects.get()
    site.hostname, site.is_default_site = "kennisnetwerk.example", False
    site.save()
    # no default site any more: an unknown host gets Wagtail's 404, the new host the home page
    assert client.get("/", HTTP_HOST="localhost").status_code == 404
    assert client.get("/", HTTP_HOST="kennisnetwerk.example").status_code == 200


def test_nothing_is_kept_without_a_token(db):
    IndexVersion.objects.all().delete()
    site_cache.clear()
    calls = []
    assert site_cache.cached("key", lambda: calls.append(1) or len(calls)) == 1
    assert site_cache.cached("key", lambda: calls.append(1) or len(calls)) == 2


def test_the_first_version_row_has_a_token(db):
    IndexVersion.objects.all().delete()
    IndexVersion.bump([1])
    assert IndexVersion.read()[1] is not None


def test_a_token_keeps_a_value_until_it_moves(db):
    IndexVersion.bump_site()
    calls = []

    def factory():
        calls.append(1)
        return len(calls)

    assert site_cache.cached("key", factory) == 1
    assert site_cache.cached("key", factory) == 1
    IndexVersion.bump_site()
    assert site_cache.cached("key", factory) == 2
    IndexVersion.bump(None)  # a rebuild may have changed pages without signals
    assert site_cache.cached("key", factory) == 3
    IndexVersion.bump([1])  # one document: the site is unchanged
    assert site_cache.cached("key", factory) == 3


def test_one_read_of_the_version_row_per_request(demo, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profile = make_approach("JZ24")
    client.get(profile.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(profile.url).status_code == 200
    reads = [q for q in queries.captured_queries if "search_indexversion" in q["sql"]]
    assert len(reads) == 1


def test_breadcrumbs_from_routing_match_the_tree(demo, client):
    profile = make_approach("JZ24")
    fresh = Page.objects.get(pk=profile.pk).specific
    from_tree = [page.pk for page in ancestors_for_display(fresh)]
    assert from_tree == [page.pk for page in fresh.get_ancestors()[1:]]
    html = client.get(profile.url).content.decode()
    crumbs = html[html.index('class="breadcrumbs') : html.index("</nav>", html.index('class="breadcrumbs'))]
    for page in fresh.get_ancestors()[1:]:
        assert f'href="{page.url}"' in crumbs


@pytest.mark.parametrize("where", ["none", "self", "region", "regions_index"])
def test_view_restrictions_in_one_query_match_wagtails(demo, where, django_assert_num_queries):
    profile = make_approach("JZ24")
    target = {
        "self": profile,
        "region": profile.get_parent(),
        "regions_index": profile.get_parent().get_parent(),
    }
    if where in target:
        PageViewRestriction.objects.create(page=target[where], restriction_type=PageViewRestriction.LOGIN)
    page = Page.objects.get(pk=profile.pk).specific
    with django_assert_num_queries(1):
        ours = {r.pk for r in page.get_view_restrictions()}
    assert ours == {r.pk for r in Page.get_view_restrictions(page)}
    assert bool(ours) == (where != "none")


def test_an_alias_counts_with_its_source_pages_restrictions(demo):
    profile = make_approach("JZ24")
    alias = profile.create_alias(parent=region_page("JZ01"), update_slug="alias-van-aanpak")
    PageViewRestriction.objects.create(page=profile, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(
        page=alias, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    alias = Page.objects.get(pk=alias.pk).specific
    ours = {r.pk for r in alias.get_view_restrictions()}
    assert ours == {r.pk for r in Page.get_view_restrictions(alias)}
    assert ours == set(PageViewRestriction.objects.filter(page=profile).values_list("pk", flat=True))
