"""Following regions and profiles, saving searches (the search page's URL state)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from members.forms import normalise_query_string
from members.models import Follow, SavedSearch
from practices.models import ApproachPage
from regions.models import RegionPage

from .conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def haaglanden(demo):
    return RegionPage.objects.get(youth_care_region__code="JZ24")


def test_follow_and_unfollow_a_region(client, member, haaglanden):
    client.force_login(member)
    response = client.post(reverse("members:follow", args=[haaglanden.pk]), {"next": haaglanden.url})
    assert response.status_code == 302 and response.url == haaglanden.url
    assert Follow.objects.filter(member=member, page=haaglanden).exists()
    # idempotent
    client.post(reverse("members:follow", args=[haaglanden.pk]))
    assert Follow.objects.filter(member=member).count() == 1
    account = client.get(reverse("members:account")).content.decode()
    assert "Haaglanden" in account and "Niet meer volgen" in account
    client.post(reverse("members:follow", args=[haaglanden.pk]), {"action": "unfollow"})
    assert not Follow.objects.filter(member=member).exists()


def test_follow_button_on_profile_page(client, member):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    assert "Volg " not in client.get(page.url).content.decode()  # anonymous: a login link instead
    client.force_login(member)
    body = client.get(page.url).content.decode()
    assert reverse("members:follow", args=[page.pk]) in body and "Volg Scheidingspunt" in body
    client.post(reverse("members:follow", args=[page.pk]))
    assert 'aria-pressed="true"' in client.get(page.url).content.decode()


def test_follow_button_include_for_region_pages(member, haaglanden):
    request = RequestFactory().get(haaglanden.url)
    request.user = member
    html = Template('{% include "members/includes/follow_button.html" %}').render(
        Context({"page": haaglanden, "request": request, "csrf_token": "x"})
    )
    assert reverse("members:follow", args=[haaglanden.pk]) in html
    assert "Volg Haaglanden" in html


def test_only_regions_and_profiles_can_be_followed(client, member, demo):
    client.force_login(member)
    response = client.post(reverse("members:follow", args=[demo.pk]))
    assert response.status_code == 400
    assert "Alleen regio" in response.content.decode()
    assert not Follow.objects.exists()
    assert client.get(reverse("members:follow", args=[demo.pk])).status_code == 405


def test_follow_requires_login(client, haaglanden):
    response = client.post(reverse("members:follow", args=[haaglanden.pk]))
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not Follow.objects.exists()


def test_open_redirect_is_refused(client, member, haaglanden):
    client.force_login(member)
    response = client.post(reverse("members:follow", args=[haaglanden.pk]), {"next": "https://evil.example/"})
    assert response.url == haaglanden.url


def test_normalise_query_string():
    assert normalise_query_string("/zoeken/?stage=b&q=loket&page=3&stage=a") == "q=loket&stage=a&stage=b"
    assert normalise_query_string("?q=&offer=x") == "offer=x"
    assert normalise_query_string("") == ""


def test_save_and_delete_a_search(client, member):
    client.force_login(member)
    form = client.get(reverse("members:save_search"), {"query": "q=loket&stage=pilot&page=2"})
    assert form.status_code == 200
    assert 'value="q=loket&amp;stage=pilot"' in form.content.decode()
    response = client.post(
        reverse("members:save_search"),
        {"name": "  Loketten  in pilot ", "query_string": "q=loket&stage=pilot&page=2"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(member=member)
    assert (saved.name, saved.query_string) == ("Loketten in pilot", "q=loket&stage=pilot")
    account = client.get(reverse("members:account")).content.decode()
    assert "Loketten in pilot" in account and "/zoeken/?q=loket&amp;stage=pilot" in account

    other = make_member()
    client.force_login(other)
    assert client.post(reverse("members:delete_search", args=[saved.pk])).status_code == 404
    client.force_login(member)
    client.post(reverse("members:delete_search", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_saved_search_needs_a_name(client, member):
    client.force_login(member)
    response = client.post(reverse("members:save_search"), {"name": "", "query_string": "q=x"})
    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


def test_account_page_updates_profile_and_digest_setting(client, member):
    client.force_login(member)
    response = client.post(
        reverse("members:account"),
        {
            "first_name": "Nieuwe",
            "last_name": "Naam",
            "organisation": "Regio Haaglanden",
            "role": "Coördinator",
            "municipality": "",
            "digest_frequency": "daily",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.get_full_name() == "Nieuwe Naam"
    assert member.member_profile.organisation == "Regio Haaglanden"
    assert member.member_profile.digest_frequency == "daily"
    response = client.post(reverse("members:account"), {"first_name": "", "digest_frequency": "hourly"})
    assert response.status_code == 400
    client.post(reverse("members:digest_off"))
    member.member_profile.refresh_from_db()
    assert member.member_profile.digest_frequency == "off"
