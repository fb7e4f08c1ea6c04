"""Integers beyond 64 bits, unknown API operators and odd HTTP methods: a 4xx with a message,
never a 5xx. Each case here gave a 500 before it was guarded."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from practices.models import ApproachPage

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
JUST_OVER_64_BITS = str(2**63)


@pytest.mark.parametrize("value", [HUGE, JUST_OVER_64_BITS, "²", "٣", "-1", "1e3", ""])
def test_compare_ids_out_of_range_are_400(client, demo, value):
    response = client.get("/vergelijk/", {"ids": [value, "1"]})
    assert response.status_code == 400
    assert "aanpak" in response.content.decode().lower()


def test_compare_still_works_for_real_ids(client, demo):
    ids = list(ApproachPage.objects.live().public().values_list("pk", flat=True)[:2])
    assert client.get("/vergelijk/", {"ids": ids}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        f"/leden/contact/{HUGE}/",
        f"/leden/contact/{JUST_OVER_64_BITS}/",
        f"/leden/volgen/{HUGE}/",
        f"/leden/zoekopdrachten/{HUGE}/verwijderen/",
    ],
)
def test_member_urls_with_huge_ids_are_404(client, demo, path):
    user = get_user_model().objects.create_user("hostile", "hostile@example.org", "x")
    client.force_login(user)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


@pytest.mark.parametrize("endpoint", ["approaches", "regions", "sessions", "pages"])
@pytest.mark.parametrize(
    "query",
    [
        {"offset": HUGE},
        {"offset": JUST_OVER_64_BITS},
        {"limit": HUGE},
        {"offset": "-1"},
        {"limit": "-5"},
        {"offset": "x"},
        {"offset": "²"},
        {"limit": "²"},
        {"search": "a", "search_operator": "xor"},
        {"search": "a", "search_operator": ""},
    ],
)
def test_api_v2_bad_parameters_are_400_with_a_message(client, demo, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/", query)
    assert response.status_code == 400, response.content[:300]
    assert len(response.json()["message"]) > 5


@pytest.mark.parametrize("endpoint", ["approaches", "pages"])
@pytest.mark.parametrize("operator", ["and", "or"])
def test_api_v2_known_search_operators_still_work(client, demo, endpoint, operator):
    response = client.get(f"/api/v2/{endpoint}/", {"search": "scheiden", "search_operator": operator})
    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_file_listings_are_not_public_api(client, demo, endpoint):
    assert client.get(f"/api/v2/{endpoint}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/search/",
        "/api/search/?q=scheiden",
        "/open-data/aanpakken.csv",
        "/open-data/aanpakken.json",
        "/api/schema/",
        "/api/v2/approaches/",
        "/zoeken/",
        "/bijeenkomsten/agenda.ics",
    ],
)
def test_head_works_wherever_get_does(client, demo, path):
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == 200
    assert head.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/api/search/", "/open-data/aanpakken.csv", "/open-data/aanpakken.json", "/api/schema/"]
)
def test_wrong_methods_are_405_with_allow(client, demo, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert "GET" in response["Allow"] and "HEAD" in response["Allow"]


def test_wrong_methods_on_the_api_v2_are_405(client, demo):
    for method in ("post", "put", "delete"):
        assert getattr(client, method)("/api/v2/approaches/").status_code == 405


def test_member_forms_accept_head(client, demo):
    user = get_user_model().objects.create_user("header", "header@example.org", "x")
    client.force_login(user)
    assert client.head("/leden/account/").status_code == 200
