"""The engine's own text-match statements (one SQL statement per database, ids only) find exactly
what Wagtail's database backend finds for the same query; on PostgreSQL with the backend's rank
formula, on SQLite with bm25 and the title weighted 3x."""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from search.engines.database import DatabaseEngine
from search.models import SearchDocument
from search.text import stem_text
from tests.factories import make_approach

pytestmark = pytest.mark.django_db

QUERIES = [
    "scheiding",
    "Zoetermeer",
    "Scheidingspunt Zoetermeer",  # a title term and a body term together
    "ouders kinderen",
    "mediation loket",
    "wijzer",
    "Ouderschapsplan Westland",
    "geen-enkel-profiel",
]


@pytest.fixture
def more_profiles(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", title="Ouderschapsplan Westland", summary="Loket voor ouders en kinderen")
        make_approach("JZ24", title="Mediation in Westland", summary="Mediation aan het loket")
        make_approach("JZ07", title="Kinderen uit de knel", summary="Voor ouders na een scheiding")


@pytest.mark.parametrize("q", QUERIES)
def test_own_statement_finds_what_the_backend_finds(more_profiles, q):
    text = stem_text(q) if connection.vendor == "sqlite" else q
    backend = get_search_backend()
    expected = [
        d.pk for d in backend.search(PlainText(text, operator="and"), SearchDocument.objects.only("pk"))
    ]
    found = DatabaseEngine().match_ids(q)
    assert sorted(found) == sorted(expected)
    if expected and connection.vendor == "postgresql":  # same rank formula as the backend
        assert found[0] == expected[0]


def test_title_matches_rank_first(more_profiles):
    found = DatabaseEngine().match_ids("westland")
    titles = dict(SearchDocument.objects.values_list("pk", "page_title"))
    assert {titles[pk] for pk in found[:2]} == {"Mediation in Westland", "Ouderschapsplan Westland"}


def test_queries_without_terms_match_nothing(demo):
    engine = DatabaseEngine()
    assert engine.match_ids("") is None
    assert engine.match_ids("   ") is None
    assert engine.match_ids("&|!:*()'\"") == []


def test_a_title_match_outranks_a_body_repetition(demo, django_capture_on_commit_callbacks):
    """Title weight: one title match must beat a summary that repeats the word many times."""
    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", title="Steunpunt Brielle", summary="Hulp voor ouders.")
        make_approach(
            "JZ24", title="Gezinsloket Oost", summary=" ".join(["Brielle en omgeving, Brielle."] * 15)
        )
    found = DatabaseEngine().match_ids("brielle")
    titles = dict(SearchDocument.objects.values_list("pk", "page_title"))
    assert [titles[pk] for pk in found[:2]] == ["Steunpunt Brielle", "Gezinsloket Oost"]
