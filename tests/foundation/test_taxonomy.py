import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from practices import taxonomy
from practices.models import ApproachPage


def test_every_vocabulary_has_unique_codes_and_both_labels():
    for vocabulary in taxonomy.load().values():
        assert len(set(vocabulary.codes)) == len(vocabulary.codes), vocabulary.name
        for term in vocabulary.terms:
            assert term.nl and term.en, (vocabulary.name, term.code)


def test_labels_follow_active_language():
    with translation.override("nl"):
        assert taxonomy.label("front_door", "desk") == "Fysiek echtscheidingsloket"
    with translation.override("en"):
        assert taxonomy.label("front_door", "desk") == "Physical divorce desk"
    assert taxonomy.label("stage", "no-such-code") == "no-such-code"


def test_choices_are_lazy_and_translate():
    (code, label), *_ = taxonomy.choices("stage")
    with translation.override("en"):
        assert str(label) == taxonomy.vocabulary("stage").term(code).en
    with translation.override("nl"):
        assert str(label) == taxonomy.vocabulary("stage").term(code).nl


def test_code_list_field_rejects_unknown_codes_in_dutch():
    field = ApproachPage._meta.get_field("offers")
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        field.validate(["mediation", "bogus"], None)
    assert "Onbekende waarde" in str(error.value)
    assert "bogus" in str(error.value)


def test_code_list_field_normalises_to_taxonomy_order():
    field = ApproachPage._meta.get_field("offers")
    assert field.normalise(["mediation", "relationship_courses", "mediation"]) == [
        "relationship_courses",
        "mediation",
    ]


def test_dutch_and_english_labels_differ_where_the_words_do():
    """A label copied into the wrong language is a bug; only words that are the same in both
    languages may repeat."""
    from practices import taxonomy as tx

    same_in_both = {
        ("partner_type", "mediator"),
        ("event_format", "online"),
        ("target_group", "professionals"),
    }
    repeated = {
        (name, term.code)
        for name, vocabulary in tx.load().items()
        for term in vocabulary.terms
        if term.nl.strip().casefold() == term.en.strip().casefold()
    }
    assert repeated == same_in_both
    from django.utils import translation

    with translation.override("en"):
        english = tx.label("stage", "implemented")
    with translation.override("nl"):
        dutch = tx.label("stage", "implemented")
    assert (dutch, english) == (
        "Duidelijke aanpak geïmplementeerd, werkt aan borging",
        "Clear approach implemented, working on embedding it",
    )
