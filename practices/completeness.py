"""How complete a profile is, and which of its questions the quickscan's route asks at its stage.

The route is the quickscan's (question 4, ``questionnaire.json``): a question with a route is
asked only at the stages its letters name; a question stored for another (``same_as``: q6 is
stored like q16) is asked when either is. A part of the profile applies when the route reaches
one of its quickscan questions (``ProfileSection.applies_to``). Completeness counts the answers
of the questions asked at the profile's stage; a profile without a stage is asked everything.
The admin form (notes, collapsed parts), its completeness panel and "Mijn profielen" use this.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import questionnaire, taxonomy
from .answers import Answer, answers_by_section

ROUTE_QUESTION = "q4"  # the stage: the question every route starts from


def routing_for_stage(stage: str) -> dict[str, str]:
    """``{"q4": letter}`` for a stage code, as ``Question.applies_to`` reads it ({} for none)."""
    letter = questionnaire.letter_of(ROUTE_QUESTION, stage) if stage else ""
    return {ROUTE_QUESTION: letter} if letter else {}


@cache
def _asked_as() -> dict[str, tuple[questionnaire.Question, ...]]:
    """Per stored question, the questions that store their answer in it (itself included)."""
    found: dict[str, list[questionnaire.Question]] = {}
    for question in questionnaire.load().questions:
        found.setdefault(question.same_as or question.id, []).append(question)
    return {key: tuple(value) for key, value in found.items()}


def is_asked(question: questionnaire.Question, routing: dict[str, str]) -> bool:
    if not routing:
        return True
    return any(q.applies_to(routing) for q in _asked_as().get(question.id, (question,)))


def section_applies(section: questionnaire.ProfileSection, routing: dict[str, str]) -> bool:
    return not routing or section.applies_to(routing)


def route_stages(question: questionnaire.Question) -> list[str]:
    """The stages (labels) at which the quickscan asks ``question``; [] when always asked."""
    questions = _asked_as().get(question.id, (question,))
    if any(q.route is None for q in questions):
        return []
    letters = {letter for q in questions for letter in q.route.letters}
    return [term.label for term in taxonomy.vocabulary("stage").terms if term.letter in letters]


def section_stages(section: questionnaire.ProfileSection) -> list[str]:
    """The stages at which a part applies ([] when at every stage)."""
    routed = [q for q in section.questions if q.instrument == questionnaire.QUICKSCAN]
    if not routed:
        return []
    labels: list[str] = []
    for question in routed:
        stages = route_stages(question)
        if not stages:
            return []
        labels += [label for label in stages if label not in labels]
    order = [term.label for term in taxonomy.vocabulary("stage").terms]
    return sorted(labels, key=order.index)


@dataclass(frozen=True)
class SectionCompleteness:
    section: questionnaire.ProfileSection
    applies: bool
    answered: tuple[Answer, ...]
    empty: tuple[Answer, ...]

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.empty)


@dataclass(frozen=True)
class Completeness:
    sections: tuple[SectionCompleteness, ...]

    @property
    def answered(self) -> int:
        return sum(len(s.answered) for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


def completeness(page) -> Completeness:
    """Answered and empty questions per part, counting only what the route asks at the stage."""
    routing = routing_for_stage(page.stage)
    result = []
    for section, answers in answers_by_section():
        applies = section_applies(section, routing)
        asked = [a for a in answers if is_asked(a.question, routing)] if applies else []
        result.append(
            SectionCompleteness(
                section=section,
                applies=applies,
                answered=tuple(a for a in asked if not a.is_empty(page)),
                empty=tuple(a for a in asked if a.is_empty(page)),
            )
        )
    return Completeness(tuple(result))
