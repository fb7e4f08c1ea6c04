"""Open-data exports and API endpoints: every published profile, public fields only, valid schema."""

import csv
import io

import pytest
from openapi_spec_validator import validate

from config.openapi import build_schema
from practices.models import ApproachContact, ApproachPage
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


def _component_validator(name):
    """Validate a response against one component schema (OpenAPI 3.0 ~ JSON Schema draft 4 + nullable)."""
    schema = build_schema()
    from openapi_schema_validator import OAS30Validator

    return OAS30Validator({"$ref": f"#/components/schemas/{name}", "components": schema["components"]})


@pytest.fixture
def extra_profile(demo):
    page = make_approach(
        "JZ24",
        title="Exporttest",
        stage="planning",
        offers=["mediation", "uha"],
        funding_sources=["jeugdwet"],
        partners=[{"organisation": "Wijkteam Oost", "partner_type": "neighbourhood_team"}],
    )
    ApproachContact.objects.create(page=page, name="Geheime Persoon", email="geheim@example.org")
    draft = make_approach("JZ24", title="Concept niet exporteren", publish=False, live=False)
    return page, draft


def test_csv_export_round_trip(client, extra_profile):
    page, draft = extra_profile
    response = client.get("/open-data/aanpakken.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    published = set(ApproachPage.objects.live().public().values_list("title", flat=True))
    assert {row["title"] for row in rows} == published
    assert draft.title not in text
    row = next(row for row in rows if row["title"] == "Exporttest")
    assert row["offers"] == "mediation;uha"
    assert row["offers_labels"].split(";") == ["Mediation voor ouders", "Het Uniforme Hulpaanbod (UHA)"]
    assert row["stage"] == "planning" and row["stage_label"].startswith("Werkt een plan uit")
    assert row["partner_types"] == "neighbourhood_team"
    assert row["partner_organisations"] == "Wijkteam Oost"
    assert row["region_code"] == "JZ24"
    assert "Geheime Persoon" not in text and "geheim@example.org" not in text


def test_json_export_matches_schema(client, extra_profile):
    response = client.get("/open-data/aanpakken.json")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == ApproachPage.objects.live().public().count() == len(data["results"])
    record = next(r for r in data["results"] if r["title"] == "Exporttest")
    assert record["offers"] == ["mediation", "uha"]
    assert record["funding_sources_labels"] == ["Middelen Jeugdwet"]
    validator = _component_validator("OpenDataRecord")
    for item in data["results"]:
        validator.validate(item)
    assert "geheim@example.org" not in response.content.decode()


def test_overview_links_exports_as_alternate(client, demo):
    from practices.models import OverviewPage

    html = client.get(OverviewPage.objects.get().url).content.decode()
    assert '<link rel="alternate" type="text/csv" href="/open-data/aanpakken.csv"' in html
    assert '<link rel="alternate" type="application/json" href="/open-data/aanpakken.json"' in html


def test_approaches_api_listing_and_detail(client, extra_profile):
    page, draft = extra_profile
    response = client.get("/api/v2/approaches/", {"limit": 100})
    assert response.status_code == 200
    data = response.json()
    ids = {item["id"] for item in data["items"]}
    assert page.pk in ids and draft.pk not in ids
    assert data["meta"]["total_count"] == ApproachPage.objects.live().public().count()
    listing_validator = _component_validator("Approach")
    for item in data["items"]:
        listing_validator.validate(item)
        assert item["meta"]["type"] == "practices.ApproachPage"
    detail = client.get(f"/api/v2/approaches/{page.pk}/").json()
    listing_validator.validate(detail)
    assert detail["offers"] == ["mediation", "uha"]
    assert detail["region"]["code"] == "JZ24"
    assert detail["partners"][0]["organisation"] == "Wijkteam Oost"
    assert "contacts" not in detail
    assert "geheim" not in str(detail)
    assert client.get(f"/api/v2/approaches/{draft.pk}/").status_code == 404


def test_approaches_api_filters_and_bad_input(client, extra_profile):
    data = client.get("/api/v2/approaches/", {"stage": "planning"}).json()
    assert data["items"] and all(
        ApproachPage.objects.get(pk=item["id"]).stage == "planning" for item in data["items"]
    )
    for params in ({"type": "home.HomePage"}, {"limit": "x"}, {"last_reviewed": "abc"}, {"limit": 1000}):
        response = client.get("/api/v2/approaches/", params)
        assert response.status_code == 400, params
        _component_validator("WagtailError").validate(response.json())


def test_regions_api(client, demo):
    data = client.get("/api/v2/regions/", {"limit": 100}).json()
    assert data["meta"]["total_count"] == 42
    region_id = next(item["id"] for item in data["items"] if item["youth_care_region"]["code"] == "JZ24")
    detail = client.get(f"/api/v2/regions/{region_id}/").json()
    _component_validator("Region").validate(detail)
    assert detail["municipalities"] and detail["population"] == sum(
        m["population"] for m in detail["municipalities"]
    )


def test_openapi_schema_is_valid_and_served(client, demo):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    for path in (
        "/api/search/",
        "/api/v2/approaches/",
        "/api/v2/regions/",
        "/api/v2/sessions/",
        "/open-data/aanpakken.json",
        "/open-data/aanpakken.csv",
    ):
        assert path in document["paths"]
    search_params = {p["name"] for p in document["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "sort", "page", "stage", "offer", "adopted_from"} <= search_params
    assert "400" in document["paths"]["/api/search/"]["get"]["responses"]


def test_search_api_matches_schema(client, demo):
    response = client.get("/api/search/", {"q": "scheiding"})
    assert response.status_code == 200
    _component_validator("SearchResponse").validate(response.json())
    bad = client.get("/api/search/", {"sort": "nope"})
    assert bad.status_code == 400
    _component_validator("SearchError").validate(bad.json())


def test_sessions_api_matches_schema(client, demo):
    response = client.get("/api/v2/sessions/", {"fields": "*"})
    assert response.status_code == 200
    validator = _component_validator("Session")
    for item in response.json()["items"]:
        validator.validate(item)


def test_api_guards_turn_bad_values_into_400(client, demo):
    for endpoint in ("approaches", "regions", "sessions"):
        response = client.get(f"/api/v2/{endpoint}/", {"offset": "7021676646471443939103990611968"})
        assert response.status_code == 400, endpoint
    for params in ({"stage": ""}, {"stage": "AAA"}, {"level": "planet"}):
        assert client.get("/api/v2/approaches/", params).status_code == 400, params


@pytest.mark.parametrize("endpoint", ["approaches", "regions", "sessions"])
def test_every_documented_fields_and_order_value_is_accepted(client, demo, endpoint):
    document = client.get("/api/schema/").json()
    parameters = {p["name"]: p for p in document["paths"][f"/api/v2/{endpoint}/"]["get"]["parameters"]}
    for value in parameters["fields"]["schema"]["enum"]:
        assert client.get(f"/api/v2/{endpoint}/", {"fields": value}).status_code == 200, value
    for value in parameters["order"]["schema"]["enum"]:
        assert client.get(f"/api/v2/{endpoint}/", {"order": value}).status_code == 200, value


def test_undeclared_methods_get_405(client, demo):
    for url in ("/open-data/aanpakken.csv", "/open-data/aanpakken.json", "/api/schema/"):
        assert client.post(url).status_code == 405
