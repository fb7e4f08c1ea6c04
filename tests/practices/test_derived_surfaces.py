"""Every declared question reaches every surface that lists the profile's content.

The surfaces derive their lists from ``practices.answers``; this test fills in every answer of one
profile and checks each surface for each question, so a surface that restates a field list (and
misses a new question) fails here, naming the question. See docs/adding-a-question.md.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.validators import MinValueValidator
from wagtail.admin.panels import FieldPanel, InlinePanel

from practices import answers, exports, questionnaire, taxonomy
from practices.figures import FIGURES
from practices.models import ApproachPage, Intervention, PrincipleRating
from search.compare import comparison_rows
from tests.factories import make_approach

ANSWERS = answers.profile_answers()
IDS = [answer.question.id for answer in ANSWERS]
# Quickscan questions the profile deliberately does not store (the reason is in questionnaire.json).
NOT_ON_PROFILE = {"q2", "q3"}


def _first_codes(vocabulary: taxonomy.Vocabulary, n: int) -> list[str]:
    return [term.code for term in vocabulary.terms if not term.exclusive][:n]


def _value_for(answer: answers.Answer):
    kind = answer.kind
    if kind == answers.CODE:
        return _first_codes(answer.vocabulary, 1)[0]
    if kind == answers.CODES:
        return _first_codes(answer.vocabulary, 2)
    if kind == answers.TEXT:
        return f"Antwoord op {answer.question.id}"
    if kind == answers.RICHTEXT:
        return f"<p>Antwoord op {answer.question.id}</p>"
    if kind == answers.BOOLEAN:
        return True
    if kind == answers.NUMBER:
        minimum = [v.limit_value for v in answer.field.validators if isinstance(v, MinValueValidator)]
        return max([7, *minimum])
    if kind == answers.DATE:
        return datetime.date(2025, 3, 17)
    return None  # relations and inlines are filled below


@pytest.fixture
def full_profile(demo):
    """A published profile that answers every declared question."""
    fields = {
        answer.name: _value_for(answer)
        for answer in ANSWERS
        if answer.kind not in (answers.RELATION, answers.PARTNERS, answers.PRINCIPLES)
    }
    page = make_approach(
        "JZ38",
        title="Volledig ingevuld profiel",
        municipalities=["GM0687"],
        partners=[{"organisation": "Wijkteam Voorbeeld", "partner_type": "neighbourhood_team"}],
        **fields,
    )
    intervention, _ = Intervention.objects.get_or_create(name="Voorbeeldinterventie")
    page.interventions = [intervention]
    page.principles = [PrincipleRating(principle="child_central", scale="always")]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_every_question_of_the_questionnaire_is_stored_or_deliberately_not():
    stored = {answer.question.id for answer in ANSWERS}
    for question in questionnaire.load().questions:
        if question.id in NOT_ON_PROFILE:
            continue
        target = question.same_as or question.id
        assert target in stored, f"{question.id} has no field on ApproachPage"


def test_every_answer_is_in_exactly_one_profile_section():
    placed = [q.id for section in questionnaire.load().profile_sections() for q in section.questions]
    assert len(placed) == len(set(placed))
    assert answers.unplaced_answers() == []
    unknown = set(placed) - set(IDS) - NOT_ON_PROFILE
    assert not unknown, f"profile sections name questions no field answers: {unknown}"


def _panels(panel):
    yield panel
    for child in getattr(panel, "children", ()):
        yield from _panels(child)


@pytest.mark.parametrize("answer", ANSWERS, ids=IDS)
def test_admin_form_asks_it_with_the_question_as_help(answer):
    panels = list(_panels(ApproachPage.get_edit_handler()))
    matching = [
        panel
        for panel in panels
        if (isinstance(panel, FieldPanel) and panel.field_name == answer.name)
        or (isinstance(panel, InlinePanel) and panel.relation_name == answer.name)
    ]
    assert len(matching) == 1, f"{answer.question.id}: {len(matching)} panels for {answer.name}"
    assert answer.question.texts["nl"] in str(matching[0].help_text)


def test_profile_page_shows_every_answer(client, full_profile):
    html = client.get(full_profile.url).content.decode()
    for answer in ANSWERS:
        assert str(answer.label) in html, f"{answer.question.id}: label {answer.label!r} not on the page"
        shown = answer.display(full_profile)
        if isinstance(shown, str) and shown:
            assert shown in html or shown.replace("<p>", "").replace("</p>", "") in html, answer.question.id


def test_open_data_carries_every_answer(full_profile):
    record = next(row for row in exports.records() if row["id"] == full_profile.pk)
    for answer in ANSWERS:
        columns = exports.columns_of(answer)
        assert set(columns) <= set(exports.columns()), answer.question.id
        assert any(record[column] not in (None, "", []) for column in columns), answer.question.id


def test_openapi_describes_every_open_data_column(client, demo):
    schema = client.get("/api/schema/").json()
    text = str(schema)
    for column in exports.columns():
        assert f"'{column}'" in text, f"open-data column {column} missing from /api/schema/"


def test_compare_has_a_row_for_every_short_answer(full_profile):
    other = make_approach("JZ24", title="Ander profiel")
    labels = [str(row["label"]) for row in comparison_rows([full_profile, other])]
    for answer in ANSWERS:
        if answer.kind in (answers.TEXT, answers.RICHTEXT):
            continue
        assert str(answer.label) in labels, answer.question.id


def test_survey_import_has_a_column_for_every_answer():
    from practices import survey_import

    names = {column.name for column in survey_import.columns()}
    for answer in ANSWERS:
        qid = answer.question.id
        if answer.kind == answers.PRINCIPLES:  # one column per statement: q23a ... q23d
            expected = {f"{qid}{term.letter}" for term in answer.question.options()}
            assert expected <= names, qid
        else:
            assert qid in names or answer.name in names, qid


def test_every_figure_question_is_drawn():
    """Each question the report drew is a figure of every survey round, and of the profile
    overview where the profile stores it as codes (Q23's ratings are drawn per round only)."""
    from quickscan import figures as round_figures

    drawn_per_round = {q.id for q in round_figures.figure_questions()}
    keys = {spec.key for spec in FIGURES}
    for answer in ANSWERS:
        if answer.question.figure:
            assert answer.question.id in drawn_per_round, answer.question.id
            if answer.kind != answers.PRINCIPLES:
                assert answer.question.figure["key"] in keys, answer.question.id


def test_the_translation_catalogue_has_every_field_label():
    from django.utils import translation

    for answer in ANSWERS:
        if answer.field is None:
            continue
        with translation.override("en"):
            english = str(answer.label)
        with translation.override("nl"):
            dutch = str(answer.label)
        assert english != dutch, f"{answer.question.id}: no English for {dutch!r}"
