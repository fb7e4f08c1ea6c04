"""What search knows of Dutch: compounds (search.compounds), place names (search.places), every
public text field (search.documents) and typo correction (search.spelling)."""

from __future__ import annotations

import csv

import pytest
from wagtail.rich_text import RichText

from practices.models import ApproachContact, ApproachPage
from regions.reference import DATA_DIR
from search import places
from search.compounds import parts_text, split
from search.contract import SearchQuery
from search.documents import NOT_SEARCHED, build_document, public_text_fields
from search.engines.database import DatabaseEngine
from tests.factories import make_approach


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("jeugdhulp", ("jeugd", "hulp")),
        ("ouderbijeenkomsten", ("ouder", "bijeenkomsten")),
        ("echtscheidingsloket", ("echt", "scheiding", "loket")),  # linking s, split again
        ("groepstrainingen", ("groep", "trainingen")),
        ("kinderen", ()),  # kind + eren is rarer than kinderen
        ("scheiding", ()),
        ("voorwaarden", ()),  # no particles split off
        ("hulp", ()),
    ],
)
def test_compound_splits(word, parts):
    assert split(word) == parts


def test_parts_text_lists_each_compound_once():
    assert parts_text("Jeugdhulp en nog eens jeugdhulp, en een wijkteam") == "jeugd hulp wijk team"


def test_text_queries_match_a_compound_or_all_its_parts():
    assert DatabaseEngine.fts5_query("jeugdhulp loket") == '("jeugdhulp" OR ("jeugd" AND "hulp")) AND "loket"'
    assert DatabaseEngine.tsquery("Jeugdhulp coördinatie") == (
        "('jeugdhulp' | ('jeugd' & 'hulp')) & 'coördinatie'"
    )


def test_every_alias_names_a_cbs_municipality():
    with (DATA_DIR / "inwonertal.csv").open(encoding="utf-8-sig") as handle:
        names = {row["Naam_2"].strip() for row in csv.DictReader(handle, delimiter=";")}
    aliases = places.aliases()
    assert aliases["'s-Hertogenbosch"] == ("Den Bosch",)
    for municipality, names_of in aliases.items():
        assert municipality in names, municipality
        assert not set(names_of) & names, names_of
    with places.ALIASES_FILE.open(encoding="utf-8") as handle:
        assert all(row["source"] for row in csv.DictReader(handle))


def test_place_names_without_cbs_suffix_and_with_aliases():
    assert places.names_of("Bergen (NH.)") == ["Bergen (NH.)", "Bergen"]
    assert places.names_of("'s-Gravenhage") == ["'s-Gravenhage", "Den Haag"]
    assert places.names_of("Tilburg") == ["Tilburg"]


def test_public_text_fields_are_read_from_the_model():
    names = {field.name for field in public_text_fields()}
    assert {"summary", "vision", "status_note", "funding_note", "body", "reflection"} <= names
    assert {"evaluation_note", "measurable_results", "expertise_note", "steering_group_note"} <= names
    assert not names & set(NOT_SEARCHED)
    assert "search_description" not in names  # Page's own fields are not the profile's text


@pytest.mark.django_db
def test_every_public_text_field_enters_the_document_and_contacts_never(demo):
    values = {}
    page = make_approach("JZ24", publish=False)
    for n, field in enumerate(public_text_fields()):
        marker = f"merkwoord{chr(97 + n // 26)}{chr(97 + n % 26)}"
        values[field.name] = marker
        if field.name == "body":
            page.body = [("paragraph", RichText(f"<p>{marker}</p>"))]
        elif field.name == "vision":
            page.vision = f"<p><b>{marker}</b></p>"
        else:
            setattr(page, field.name, marker)
    page.sources = "geheimebron"
    page.save_revision().publish()
    ApproachContact.objects.create(page=page, name="Persoonsnaam", email="persoon@example.org")
    data = build_document(ApproachPage.objects.get(pk=page.pk))
    for name, marker in values.items():
        assert marker in data.text, name
    assert "<b>" not in data.text
    assert "geheimebron" not in data.text
    assert "Persoonsnaam" not in data.text and "persoon@example.org" not in data.text


@pytest.fixture
def compound_profiles(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        compound = make_approach("JZ24", title="Aanpak A", summary="Jeugdhulp aan huis")
        plain = make_approach("JZ24", title="Aanpak B", summary="Hulp voor de jeugd en ouders")
    return compound.pk, plain.pk


@pytest.mark.django_db
def test_a_word_finds_compounds_and_a_compound_finds_its_parts(compound_profiles):
    compound, plain = compound_profiles
    engine = DatabaseEngine()
    found = engine.match_ids("hulp")
    assert {compound, plain} <= set(found)
    assert found.index(plain) < found.index(compound)  # the word as written ranks first
    assert {compound, plain} <= set(engine.match_ids("jeugdhulp"))


@pytest.mark.django_db
def test_one_typo_is_corrected_when_nothing_matches(demo):
    # (PostgreSQL's stemmer already equates some typos, e.g. 'Zoetermer'; 'Tilbrug' on neither)
    engine = DatabaseEngine()
    result = engine.search(SearchQuery(q="Tilbrug"))
    assert result.corrected_query == "Tilburg"
    assert [hit.title for hit in result.hits][0] == "Wijzer-Scheiden & High Conflict Forum"
    assert result.as_dict()["corrected_query"] == "Tilburg"
    exact = engine.search(SearchQuery(q="Tilburg"))
    assert exact.corrected_query == "" and exact.total == result.total


@pytest.mark.django_db
def test_short_words_and_two_edits_are_not_corrected(demo):
    engine = DatabaseEngine()
    assert engine.search(SearchQuery(q="kiez")).total == 0  # four letters: exact only
    assert engine.search(SearchQuery(q="Tlibrgu")).total == 0  # two edits
