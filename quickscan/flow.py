"""The respondent's way through the questionnaire: steps by route, progress, and route changes.

Steps are the questionnaire's sections that the route asks (``questionnaire.routed_sections``),
then the closing questions and a summary to check before submitting. Before Q4 is answered only
the first two sections are known; the rest follow from the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from practices import questionnaire

from .forms import ROUTE_QUESTION

CLOSING, SUMMARY = "afsluiting", "controleren"


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    questions: tuple = ()


def route_of(answers: dict) -> dict[str, str]:
    """``{"q4": letter}`` from stored answers (codes)."""
    code = answers.get(ROUTE_QUESTION, "")
    letter = questionnaire.letter_of(ROUTE_QUESTION, code) if code else ""
    return {ROUTE_QUESTION: letter} if letter else {}


def steps_for(answers: dict) -> list[Step]:
    from django.utils.translation import gettext as _

    steps = [
        Step(section.key, section.title, qs)
        for section, qs in questionnaire.routed_sections(route_of(answers))
    ]
    if route_of(answers):
        steps += [
            Step(CLOSING, _("Vervolgonderzoek en uw profiel")),
            Step(SUMMARY, _("Controleren en versturen")),
        ]
    return steps


def step_index(steps: list[Step], key: str) -> int | None:
    return next((i for i, step in enumerate(steps) if step.key == key), None)


def answered_outside_route(answers: dict, explanations: dict) -> list[questionnaire.Question]:
    """Questions with a stored answer that the current route no longer asks."""
    asked = {q.id for q in questionnaire.routed_questions(route_of(answers))}
    stored = set(answers) | {key.rsplit("_", 1)[0] for key in explanations}
    return [q for q in questionnaire.load().quickscan() if q.id in stored and q.id not in asked]


def drop_outside_route(response) -> list[questionnaire.Question]:
    """Remove answers the route no longer asks (after Q4 changed); returns what was dropped."""
    dropped = answered_outside_route(response.answers, response.explanations)
    ids = {q.id for q in dropped}
    response.answers = {key: value for key, value in response.answers.items() if key not in ids}
    response.explanations = {
        key: value for key, value in response.explanations.items() if key.rsplit("_", 1)[0] not in ids
    }
    return dropped


def summary(response) -> list[tuple[Step, list[tuple[str, list[str]]]]]:
    """Per step the questions and the answers as the respondent chose them (printed texts)."""
    from practices import taxonomy

    result = []
    for step in steps_for(response.answers):
        rows = []
        for question in step.questions:
            rows.append((f"{question.number}. {question.text}", _shown(question, response, taxonomy)))
        if rows:
            result.append((step, rows))
    return result


def _shown(question, response, taxonomy) -> list[str]:
    if question.id == "q1":
        return [m.name for m in response.municipalities.all()]
    value = response.answers.get(question.id)
    explanations = [response.explanations.get(f"{question.id}_{s}", "") for s in ("other", "explanation")]
    if question.type == questionnaire.SCALE:
        statements = taxonomy.vocabulary(question.vocabulary)
        scale = taxonomy.vocabulary(question.scale)
        shown = [
            f"{statements.term(code).letter}. {scale.label(point)}" for code, point in (value or {}).items()
        ]
    elif question.type == questionnaire.OPEN:
        shown = [value] if value else []
    else:
        vocabulary = taxonomy.vocabulary(question.vocabulary)
        codes = value if isinstance(value, list) else [value] if value else []
        shown = [vocabulary.term(code).text if vocabulary.term(code) else code for code in codes]
    return [*shown, *(text for text in explanations if text)]
