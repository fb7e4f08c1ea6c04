"""JSON API, HTML search page, compare view and profile-page blocks over HTTP."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

API = "/api/search/"


def test_api_answers_the_contract(client, demo):
    response = client.get(API, {"q": "Zoetermeer", "level": "municipal"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"total", "page", "pages", "results", "facets", "engine"}
    assert (data["total"], data["page"], data["pages"], data["engine"]) == (1, 1, 1, "database")
    assert set(data["results"][0]) >= {"title", "url", "region", "summary", "highlight"}
    assert data["results"][0]["title"] == "Scheidingspunt"
    level = {b["code"]: b for b in data["facets"]["level"]}
    assert level["municipal"] == {"code": "municipal", "label": "Gemeentelijk", "count": 1, "selected": True}


def test_api_repeated_facet_params_are_or(client, demo):
    data = client.get(API + "?region=haaglanden&region=zeeland").json()
    assert data["total"] == 3


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?colour=blue", "colour"),
        ("?level=galactic", "level"),
        ("?region=atlantis", "region"),
        ("?page=0", "page"),
        ("?page=abc", "page"),
        ("?page=-1", "page"),
        ("?page=99", "page"),  # beyond the last page
        ("?sort=random", "sort"),
        ("?q=" + "x" * 201, "q"),
        ("?q=a&q=b", "q"),
        ("?sort=name&sort=relevance", "sort"),
    ],
)
def test_api_bad_parameters_are_400_with_a_reason(client, demo, query, parameter):
    response = client.get(API + query)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]


def test_api_is_read_only(client, demo):
    assert client.post(API).status_code == 405


def test_search_page_renders_facets_chips_and_results(client, demo):
    response = client.get("/zoeken/", {"q": "scheiding", "level": "regional"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="search-q">' in html
    assert "<legend" in html and 'type="checkbox"' in html
    assert 'name="level" value="regional" checked' in html
    assert "Niveau: Regionaal" in html  # removable chip
    assert 'href="?q=scheiding"' in html  # chip link drops the filter, keeps the query
    assert "aanpakken gevonden" in html
    assert "js/search.js" in html and "<script>" not in html
    assert ' style="' not in html


def test_search_page_suggests_removing_the_most_restrictive_filter(client, demo):
    response = client.get("/zoeken/", {"level": "municipal", "front_door": "digital_only"})
    html = response.content.decode()
    assert "Geen aanpakken gevonden" in html
    assert "Filter &quot;Voordeur&quot; verwijderen" in html or 'Filter "Voordeur" verwijderen' in html


def test_search_page_bad_filter_is_a_dutch_message_not_500(client, demo):
    response = client.get("/zoeken/", {"level": "galactic"})
    assert response.status_code == 400
    assert "Onbekende waarde" in response.content.decode()


def test_partial_render_for_progressive_enhancement(client, demo):
    response = client.get("/zoeken/", {"q": "Dalfsen", "partial": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "Scheiden doe je Samen" in html


def test_profile_page_shows_comparable_approaches_with_reasons(client, demo):
    response = client.get("/regios/haaglanden/scheidingspunt-zoetermeer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vergelijkbare aanpakken" in html
    assert "zelfde voordeur" in html or "zelfde niveau" in html
    assert 'action="/vergelijk/"' in html


def test_compare_view(client, demo):
    from practices.models import ApproachPage

    ids = list(ApproachPage.objects.live().order_by("title").values_list("pk", flat=True)[:3])
    response = client.get("/vergelijk/", {"ids": ids})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="col">') == 3
    assert "Voordeur" in html and '<th scope="row">' in html


@pytest.mark.parametrize("ids", [[], ["1"], ["x", "y"], ["1", "2", "3", "4", "5"], ["999998", "999999"]])
def test_compare_view_rejects_bad_selections(client, demo, ids):
    response = client.get("/vergelijk/", {"ids": ids})
    assert response.status_code == 400
    assert 'class="message message--error"' in response.content.decode()


@pytest.mark.parametrize(
    "q", ["de het een", "'", "&|!", ":*", "a:b", "NEAR OR AND", '"', "(", "-x", "é\u200b", "*"]
)
def test_api_odd_queries_never_fail(client, demo, q):
    response = client.get(API, {"q": q})
    assert response.status_code == 200
    assert response.json()["total"] >= 0


def test_english_search_page_links_stay_english(client, demo):
    html = client.get("/en/zoeken/", {"q": "Dalfsen"}).content.decode()
    assert 'href="/en/regios/ijsselland/scheiden-doe-je-samen-dalfsen/"' in html
    assert 'action="/en/vergelijk/"' in html
    profile = client.get("/en/regios/haaglanden/scheidingspunt-zoetermeer/").content.decode()
    assert 'href="/regios/' not in profile.split('id="h-comparable"')[1]


@pytest.mark.parametrize("page", ["²", "١", "1.0", " 1", "1e3", "0x1"])
def test_api_page_must_be_ascii_digits(client, demo, page):
    response = client.get(API, {"page": page})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "page"


@pytest.mark.parametrize("query", [{"q": "a\x00b"}, {"region": "\x00"}, {"tag": "x\x00"}, {"tag": "x" * 81}])
def test_api_rejects_nul_bytes_and_oversized_codes(client, demo, query):
    response = client.get(API, query)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_tracking_parameters_of_shared_links_are_ignored(client, demo):
    tracking = "&utm_source=nieuwsbrief&utm_medium=email&fbclid=abc&gclid=x&mc_cid=1&mc_eid=2"
    data = client.get(API + "?q=Zoetermeer" + tracking).json()
    assert data["total"] >= 1
    response = client.get("/zoeken/?q=Zoetermeer" + tracking)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Scheidingspunt" in html and 'name="utm_source"' not in html
    assert client.get(API + "?utm=1").status_code == 400  # not a tracking parameter


def test_search_form_is_generated_from_the_facets(demo):
    from search.facets import FACET_NAMES
    from search.forms import SearchForm

    form = SearchForm({}, sorts={"relevance": "Relevantie"})
    assert list(form.fields) == ["q", "sort", "page", *FACET_NAMES, "ids"]


def test_empty_result_says_what_was_searched_and_how_to_find_more(client, demo):
    response = client.get("/zoeken/", {"q": "Zoetermeer", "level": "regional", "front_door": "digital_only"})
    html = response.content.decode()
    assert "Geen aanpakken gevonden" in html
    assert 'U zocht op "Zoetermeer" met de filters Niveau: Regionaal, Voordeur:' in html
    # each filter to drop, with the number of results without it
    assert html.count('class="relaxations"') == 1
    assert 'Filter "Voordeur" verwijderen</a>\n            (1 aanpak)' in html
    assert "Zoekterm weglaten, filters houden</a>\n            (1 aanpak)" in html
    assert "Bekijk de aanpakken per regio" in html and 'href="/regios/"' in html
    assert '<legend class="visually-hidden">Niveau</legend>' in html  # the facet column stays


def test_a_corrected_query_offers_did_you_mean(client, demo):
    html = client.get("/zoeken/", {"q": "Tilbrug"}).content.decode()
    assert 'Voor "Tilbrug" is niets gevonden.' in html
    assert 'Bedoelde u <a href="?q=Tilburg">Tilburg</a>?' in html
    assert "Wijzer-Scheiden" in html
    assert client.get(API, {"q": "Tilbrug"}).json()["corrected_query"] == "Tilburg"


def test_compare_selection_stays_in_the_url_while_filters_change(client, demo):
    from search.models import SearchDocument

    ids = dict(SearchDocument.objects.values_list("page_title", "pk"))
    joop, dalfsen = ids["JOOP"], ids["Scheiden doe je Samen"]
    response = client.get("/zoeken/", {"level": "regional", "ids": [joop, dalfsen]})
    html = response.content.decode()
    assert f'value="{joop}" id="cmp-{joop}" form="search-form" checked' in html
    # Dalfsen is municipal, not on this page: carried as a hidden field of the search form
    assert f'<input type="hidden" name="ids" value="{dalfsen}">' in html
    assert '2 geselecteerd — <a href="/vergelijk/?ids=' in html
    chip = html.split('class="chip" href="')[1].split('"')[0]
    assert f"ids={joop}" in chip and f"ids={dalfsen}" in chip  # links of the page keep the selection
    assert 'formaction="/vergelijk/"' in html
    assert '<details class="search-filters filters-panel" open data-filters-panel>' in html
    assert client.get("/api/search/", {"ids": "x"}).status_code == 400
    assert client.get("/api/search/", {"ids": [1, 2, 3, 4, 5]}).json()["error"]["parameter"] == "ids"
