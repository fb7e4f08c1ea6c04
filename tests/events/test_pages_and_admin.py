"""Listing filters, home page, API and the organisers' admin views."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from events import registration as logic
from events.models import ExchangeSessionPage, Registration
from regions.models import RegionPage
from regions.roles import MINISTRY_GROUP

from .conftest import make_user

pytestmark = pytest.mark.django_db


def _data(n, **extra):
    return {
        "name": f"N{n}",
        "email": f"n{n}@example.org",
        "organisation": "Org",
        "role": "policy",
        "municipality": None,
        **extra,
    }


# --- public listing -------------------------------------------------------------------------


def test_index_lists_upcoming_then_past_with_report(client, demo):
    html = client.get("/bijeenkomsten/").content.decode()
    upcoming_at = html.index("Komende bijeenkomsten")
    past_at = html.index("Eerdere bijeenkomsten")
    assert upcoming_at < html.index("Fictieve demo: één voordeur") < past_at
    assert html.index("Fictieve demo: terugblik") > past_at
    assert "Lees het verslag" in html
    assert "Aanbevolen door het ministerie" in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("thema=support_need:expertise", "deskundigheid", "één voordeur"),
        ("vorm=online", "deskundigheid", "één voordeur"),
        ("aanbevolen=on", "één voordeur", "deskundigheid"),
    ],
)
def test_index_filters(client, demo, query, present, absent):
    response = client.get(f"/bijeenkomsten/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index("Komende bijeenkomsten") : html.index("Eerdere bijeenkomsten")]
    assert present in section and absent not in section


def test_index_region_filter(client, demo):
    zeeland = RegionPage.objects.get(title="Zeeland")
    html = client.get(f"/bijeenkomsten/?regio={zeeland.slug}").content.decode()
    section = html[html.index("Komende bijeenkomsten") : html.index("Eerdere bijeenkomsten")]
    assert "deskundigheid" in section and "één voordeur" not in section


@pytest.mark.parametrize(
    "query", ["thema=onzin", "vorm=per-post", "regio=nergens", "thema=support_need:none"]
)
def test_bad_filter_is_400_with_message(client, demo, query):
    response = client.get(f"/bijeenkomsten/?{query}")
    assert response.status_code == 400
    assert "Onbekende waarde voor dit filter" in response.content.decode()


def test_home_page_shows_next_sessions_with_recommended_marked(client, demo):
    from events.queries import upcoming_sessions

    sessions = list(upcoming_sessions(limit=3))
    assert sessions == sorted(sessions, key=lambda s: s.start)
    html = client.get("/").content.decode()
    assert "Fictieve demo: één voordeur" in html
    assert "Aanbevolen door het ministerie" in html
    assert "Fictieve demo: terugblik" not in html


def test_session_page_renders_report_and_featured(client, demo):
    page = ExchangeSessionPage.objects.get(slug="demo-terugblik-zorg-en-recht")
    html = client.get(page.url).content.decode()
    assert "Fictief verslag" in html
    assert "Kenniscentrum" in html
    assert "Deze bijeenkomst is voorbij" in html


# --- API -----------------------------------------------------------------------------------


def test_api_lists_sessions_without_online_link(client, demo):
    response = client.get("/api/v2/sessions/?fields=*")
    assert response.status_code == 200
    body = response.json()
    titles = {item["title"] for item in body["items"]}
    assert "Fictieve demo: één voordeur voor ouders in scheiding" in titles
    assert all(item["meta"]["type"] == "events.ExchangeSessionPage" for item in body["items"])
    text = response.content.decode()
    assert "online_link" not in text and "example.org/fictieve-demo" not in text
    assert "registrations" not in text
    detail = client.get(f"/api/v2/sessions/{body['items'][0]['id']}/").json()
    assert "themes" in detail and "start" in detail
    assert client.get("/api/v2/sessions/?type=home.HomePage").json()["meta"]["total_count"] == len(titles)


# --- admin ---------------------------------------------------------------------------------


@pytest.fixture
def ministry(demo):
    return make_user("mira-admin", MINISTRY_GROUP)


def test_ministry_group_has_registration_permissions(demo):
    group = Group.objects.get(name=MINISTRY_GROUP)
    assert set(
        group.permissions.filter(content_type__app_label="events").values_list("codename", flat=True)
    ) >= {"view_registration"}


def test_report_counts_csv_and_invitees(client, ministry, session_factory):
    session = session_factory(capacity=1, theme_execution_bottlenecks=["offer_incoherent"])
    first = logic.register(session, _data(1))
    logic.register(session, _data(2, name='=HYPERLINK("http://evil")'))
    logic.register(session, _data(3))
    logic.cancel(first)
    client.force_login(ministry)

    overview = client.get("/admin/bijeenkomsten/")
    assert overview.status_code == 200
    assert session.title in overview.content.decode()

    report = client.get(f"/admin/bijeenkomsten/{session.pk}/")
    assert report.status_code == 200
    counts = report.context["counts"]
    assert (counts["confirmed"], counts["waitlisted"], counts["cancelled"]) == (1, 1, 1)
    html = report.content.decode()
    assert "Voorgestelde genodigden" in html
    assert "Heeft een voordeur voor ouders" in html  # demo profiles with a desk or website

    response = client.get(f"/admin/bijeenkomsten/{session.pk}/aanmeldingen.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["naam", "e-mailadres", "organisatie"]
    assert len(rows) == 4
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names  # formula neutralised
    assert {row[5] for row in rows[1:]} == {"bevestigd", "wachtlijst", "afgemeld"}


def test_registration_listing_with_filters_and_export(client, ministry, session_factory):
    session = session_factory()
    logic.register(session, _data(1))
    logic.register(session, _data(2, organisation="@SUM(A1:A9)"))
    client.force_login(ministry)
    response = client.get(f"/admin/registrations/?session={session.pk}&status=confirmed")
    assert response.status_code == 200
    assert "n1@example.org" in response.content.decode()
    export = client.get(f"/admin/registrations/?session={session.pk}&export=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    text = content.decode()
    assert "n1@example.org" in text
    assert "'@SUM(A1:A9)" in text and ",@SUM" not in text
    assert "bevestigd" in text and ",confirmed," not in text
    assert client.get("/admin/registrations/new/").status_code in (302, 403)


def test_page_header_has_report_button(client, ministry, session_factory):
    session = session_factory()
    client.force_login(ministry)
    html = client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    assert f"/admin/bijeenkomsten/{session.pk}/" in html
    listing = client.get(f"/admin/pages/{session.get_parent().pk}/")
    assert listing.status_code == 200


def test_coordinator_cannot_see_registrations(client, session_factory):
    session = session_factory()
    coordinator = make_user("coby-admin", "Coördinator Haaglanden")
    client.force_login(coordinator)
    assert client.get(f"/admin/bijeenkomsten/{session.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/bijeenkomsten/{session.pk}/aanmeldingen.csv").status_code in (302, 403)
    assert client.get("/admin/registrations/").status_code in (302, 403)


def test_registration_str(session_factory):
    session = session_factory()
    item = logic.register(session, _data(9))
    assert "N9" in str(item)
    assert Registration.objects.get(pk=item.pk).is_active
