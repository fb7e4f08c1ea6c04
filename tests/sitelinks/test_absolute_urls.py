"""Every absolute link points at the base URL: the helper, the Site record kept in step with it,
API v2 detail_url/html_url, open data, .ics, and links taken from sent mails open."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from events.models import Registration
from practices.models import ApproachPage
from regions.models import Municipality
from sitelinks import absolute_urls
from sitelinks.checks import default_site_matches_base_url
from tests.events.conftest import make_session

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8123"
ELSEWHERE = override_settings(WAGTAILADMIN_BASE_URL=BASE, WAGTAILAPI_BASE_URL=BASE)


def _site():
    return Site.objects.get(is_default_site=True)


def test_base_url_setting_wins_over_the_site_record(demo):
    with override_settings(WAGTAILADMIN_BASE_URL=BASE + "/"):
        assert absolute_urls.site_root_url() == BASE
        assert absolute_urls.absolute("/bijeenkomsten/") == BASE + "/bijeenkomsten/"
        assert absolute_urls.absolute("https://example.org/x") == "https://example.org/x"


def test_empty_setting_falls_back_to_the_site_record(demo):
    site = _site()
    site.hostname, site.port = "kennisnetwerkscheiden.nl", 443
    site.save()
    with override_settings(WAGTAILADMIN_BASE_URL=""):
        assert absolute_urls.site_root_url() == "https://kennisnetwerkscheiden.nl"
        page = ApproachPage.objects.published().first()
        assert absolute_urls.page_url(page) == f"https://kennisnetwerkscheiden.nl{page.url}"


@pytest.mark.parametrize(
    ("base", "hostname", "port"),
    [
        ("http://127.0.0.1:8123", "127.0.0.1", 8123),
        ("https://example.nl", "example.nl", 443),
        ("http://localhost", "localhost", 80),
    ],
)
def test_site_address_of_a_base_url(base, hostname, port):
    assert absolute_urls.site_address(base) == (hostname, port)


def test_sync_gives_the_site_the_base_address_and_the_check_agrees(demo):
    with ELSEWHERE:
        assert default_site_matches_base_url()[0].id == "sitelinks.W001"
        assert absolute_urls.sync_default_site() is True
        assert _site().root_url == BASE
        assert absolute_urls.sync_default_site() is False  # idempotent
        assert default_site_matches_base_url() == []
        page = ApproachPage.objects.published().first()
        assert page.full_url == absolute_urls.page_url(page) == BASE + page.url


def test_an_unrepresentable_base_leaves_the_site_alone(demo):
    before = _site().root_url
    with override_settings(WAGTAILADMIN_BASE_URL="https://example.nl:8443"):
        assert absolute_urls.sync_default_site() is False
    assert _site().root_url == before


def test_demo_loader_sets_the_site_from_the_base_url(demo):
    with ELSEWHERE:
        call_command("load_demo_content", "--no-users", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert _site().root_url == BASE


def test_api_detail_and_html_urls_agree_with_the_base(client, demo):
    with ELSEWHERE:  # the Site record still says testserver: the helper decides, not the record
        for endpoint in ("approaches", "regions", "pages"):
            data = client.get(f"/api/v2/{endpoint}/?limit=3").json()
            assert data["items"], endpoint
            for item in data["items"]:
                assert item["meta"]["detail_url"].startswith(BASE + "/api/v2/"), item
                assert item["meta"]["html_url"].startswith(BASE + "/"), item
        page = ApproachPage.objects.published().first()
        detail = client.get(f"/api/v2/approaches/{page.pk}/").json()
        assert detail["meta"]["html_url"] == BASE + page.url
        assert detail["meta"]["parent"]["meta"]["html_url"].startswith(BASE + "/")


def test_api_session_links_and_ics_url(client, demo):
    session = make_session()
    with ELSEWHERE:
        item = client.get(f"/api/v2/sessions/{session.pk}/").json()
        assert item["meta"]["html_url"] == BASE + session.url
        ics = client.get(session.url + "bijeenkomst.ics").content.decode()
        assert f"URL:{BASE}{session.url}" in ics.replace("\r\n ", "")
        feed = client.get("/bijeenkomsten/agenda.ics").content.decode()
        assert f"URL:{BASE}{session.url}" in feed.replace("\r\n ", "")


def test_open_data_urls_use_the_base(client, demo):
    with ELSEWHERE:
        records = json.loads(client.get("/open-data/aanpakken.json").content)
        records = records["results"]
        assert records
        assert all(record["url"].startswith(BASE + "/") for record in records)


def _links(body: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", body)


def test_every_link_in_a_registration_mail_opens(client, demo, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    data = {
        "name": "Deelnemer",
        "email": "deelnemer@example.org",
        "organisation": "Gemeente Test",
        "municipality": str(Municipality.objects.order_by("pk").first().pk),
        "role": "policy",
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(session.url + "aanmelden/", data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(session.url + "aanmelden/", {**data, "email": "tweede@example.org"})
    assert Registration.objects.filter(session=session, status="waitlisted").count() == 1
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        links = [link for link in _links(message.body) if "example.org" not in link]
        assert links, message.body
        for link in links:
            assert link.startswith("http://testserver/"), link
            response = client.get(link.removeprefix("http://testserver"))
            assert response.status_code == 200, link


def test_without_a_base_url_everything_follows_the_site_record(client, demo, settings):
    """Production without WAGTAILADMIN_BASE_URL (config/settings/production.py): the Site record."""
    site = _site()
    site.hostname, site.port = "kennisnetwerkscheiden.nl", 443
    site.save()
    settings.WAGTAILADMIN_BASE_URL = ""
    del settings.WAGTAILAPI_BASE_URL
    item = client.get("/api/v2/approaches/?limit=1").json()["items"][0]
    assert item["meta"]["detail_url"].startswith("https://kennisnetwerkscheiden.nl/api/v2/approaches/")
    assert item["meta"]["html_url"].startswith("https://kennisnetwerkscheiden.nl/regios/")


def test_without_a_base_the_default_site_is_read_once_and_forgotten_on_save(
    db, settings, django_assert_num_queries
):
    from wagtail.models import Site

    from sitelinks import absolute_urls

    settings.WAGTAILADMIN_BASE_URL = ""
    absolute_urls.forget_default_site()
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.create(
        hostname="eerste.example", port=443, root_page_id=1, is_default_site=True
    )
    with django_assert_num_queries(1):
        urls = {absolute_urls.absolute(f"/pagina-{n}/") for n in range(20)}
    assert len(urls) == 20 and all(url.startswith(site.root_url) for url in urls)
    site.hostname, site.port = "ander.example", 443
    site.save()
    assert absolute_urls.absolute("/x/") == "https://ander.example/x/"
