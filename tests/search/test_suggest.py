"""Search-box suggestions: GET /api/search/suggest/?q= (search.suggest)."""

from __future__ import annotations

import pytest

from search.suggest import LIMIT, suggestions

pytestmark = pytest.mark.django_db

API = "/api/search/suggest/"


def test_prefix_of_a_title_a_place_and_an_intervention(client, demo):
    data = client.get(API, {"q": "zoet"}).json()
    assert data["query"] == "zoet"
    assert [(s["label"], s["kind"]) for s in data["suggestions"]] == [
        ("Zoetermeer", "place"),
        ("Zoeterwoude", "place"),
    ]
    assert data["suggestions"][0]["url"] == "/zoeken/?q=Zoetermeer"
    kinds = {(s["label"], s["kind"]) for s in client.get(API, {"q": "sche"}).json()["suggestions"]}
    assert ("Scheidingspunt", "profile") in kinds
    assert ("Scheiden doe je Samen", "profile") in kinds
    masic = client.get(API, {"q": "MAS"}).json()["suggestions"]
    assert ("MASIC", "intervention") in {(s["label"], s["kind"]) for s in masic}


def test_word_starts_inside_names_and_everyday_names(demo):
    assert "Den Bosch" in [s.label for s in suggestions("bosch")]
    assert "Kenniscentrum Kind en Scheiding" in [s.label for s in suggestions("kind en")]
    labels = [s.label for s in suggestions("scheid")]
    assert labels.index("Scheiden doe je Samen") < labels.index("Kenniscentrum Kind en Scheiding")


def test_at_most_ten_and_nothing_for_one_letter(client, demo):
    assert len(client.get(API, {"q": "ge"}).json()["suggestions"]) == LIMIT
    assert client.get(API, {"q": "z"}).json()["suggestions"] == []
    assert client.get(API).json()["suggestions"] == []


def test_profile_suggestions_link_to_the_profile(client, demo):
    item = client.get(API, {"q": "joop"}).json()["suggestions"][0]
    assert (item["kind"], item["url"]) == ("profile", "/regios/zeeland/joop-zeeland/")
    assert item["kind_label"] == "Aanpak"


@pytest.mark.parametrize("query", [{"q": "x" * 201}, {"q": ["a", "b"]}, {"q": "a\x00"}])
def test_bad_input_is_a_400_with_the_search_error_shape(client, demo, query):
    response = client.get(API, query)
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "q"
