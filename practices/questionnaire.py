"""The quickscan questionnaire and the profile's own questions, loaded once from ``data/questionnaire.json``.

This is the one definition of every question: its number, verbatim text, answer options (their
letters, codes, verbatim text and short labels) and its route by question 4. The answer lists
defined here are also vocabularies (``practices.taxonomy`` merges them with ``taxonomy.json``), and
the profile model declares per field which question it answers (``practices.fields``). Everything
else — admin panels, the profile page, compare, open data, the OpenAPI description, the survey
import and the overview — reads the questions from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

QUESTIONNAIRE_PATH = Path(__file__).resolve().parent / "data" / "questionnaire.json"

OPEN, SINGLE, MULTIPLE, SCALE = "open", "single", "multiple", "scale"
QUICKSCAN, PROFILE = "quickscan_2025", "profile"


def in_language(texts: dict) -> str:
    """The text in the active language (English where given, else the Dutch, which is verbatim)."""
    if not texts:
        return ""
    return texts.get("en") or texts["nl"] if (get_language() or "nl").startswith("en") else texts["nl"]


@dataclass(frozen=True)
class Route:
    """The question is asked only when ``question`` was answered with one of ``letters``."""

    question: str
    letters: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    key: str
    titles: dict

    @property
    def title(self) -> str:
        return in_language(self.titles)


@dataclass(frozen=True, eq=False)
class Question:
    id: str
    number: str
    instrument: str
    section: str
    texts: dict
    type: str
    vocabulary: str = ""
    scale: str = ""  # for type "scale": the vocabulary of the scale points (statements in ``vocabulary``)
    route: Route | None = None
    explanations: dict | None = None  # a free "Toelichting" after the options (q12, q15)
    profile_mapping: dict | None = None
    same_as: str = ""  # the same question on another route, stored in that question's field
    figure: dict | None = None  # {"number", "key", "title"}: a figure of the quickscan report
    source: str = ""
    note: str = ""
    seed_line: int | None = None

    @property
    def text(self) -> str:
        """The question as a respondent reads it, in the active language (verbatim in Dutch)."""
        return in_language(self.texts)

    @property
    def label(self) -> str:
        """``Vraag 4`` / ``Question 4`` for quickscan questions; empty for the profile's own."""
        if self.instrument != QUICKSCAN:
            return ""
        word = "Question" if (get_language() or "nl").startswith("en") else "Vraag"
        return f"{word} {self.number}"

    @property
    def help_text(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text

    @property
    def multiple(self) -> bool:
        return self.type in (MULTIPLE, SCALE)

    @property
    def has_options(self) -> bool:
        return self.type != OPEN

    def options(self):
        """The answer options as ``taxonomy.Term``s, in printed order."""
        from . import taxonomy

        return taxonomy.vocabulary(self.vocabulary).terms if self.vocabulary else ()

    def applies_to(self, answers_by_question: dict[str, str]) -> bool:
        """Whether the route asks this question, given the letters answered so far (``{"q4": "a"}``)."""
        if self.route is None:
            return True
        return answers_by_question.get(self.route.question, "") in self.route.letters


@dataclass(frozen=True, eq=False)
class ProfileSection:
    """A part of the approach profile (an admin tab, a section of the profile page)."""

    key: str
    titles: dict
    questions: tuple[Question, ...]

    @property
    def title(self) -> str:
        return in_language(self.titles)

    def applies_to(self, answers_by_question: dict[str, str]) -> bool:
        """Whether the quickscan's route reaches this part: when one of its quickscan questions is
        asked (a part with only the profile's own questions always applies)."""
        routed = [q for q in self.questions if q.instrument == QUICKSCAN]
        return not routed or any(q.applies_to(answers_by_question) for q in routed)


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per process
class Questionnaire:
    title: dict
    source: str
    introduction: dict
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        try:
            return self._by_id()[question_id]
        except KeyError:
            raise KeyError(f"Unknown question {question_id!r} in questionnaire.json") from None

    def quickscan(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.instrument == QUICKSCAN)

    def profile_sections(self) -> tuple[ProfileSection, ...]:
        return tuple(
            ProfileSection(s["key"], s["title"], tuple(self.question(qid) for qid in s["questions"]))
            for s in _raw()["profile"]["sections"]
        )

    @cache  # noqa: B019 - the questionnaire lives for the whole process
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


@cache
def _raw() -> dict:
    return json.loads(QUESTIONNAIRE_PATH.read_text(encoding="utf-8"))


def _question(spec: dict, instrument: str) -> Question:
    route = spec.get("route")
    vocabulary = spec.get("vocabulary", "")
    scale = (spec.get("scale") or {}).get("vocabulary", "")
    return Question(
        id=spec["id"],
        number=spec.get("number", ""),
        instrument=instrument,
        section=spec.get("section", ""),
        texts=spec["text"],
        type=spec["type"],
        vocabulary=vocabulary,
        scale=scale,
        route=Route(route["question"], tuple(route["letters"])) if route else None,
        explanations=spec.get("explanation"),
        profile_mapping=spec.get("profile_mapping"),
        same_as=spec.get("same_as", ""),
        figure=spec.get("figure"),
        source=spec.get("source", "Quickscan 2025" if instrument == QUICKSCAN else ""),
        note=spec.get("note", ""),
        seed_line=spec.get("seed_line"),
    )


@cache
def load() -> Questionnaire:
    raw = _raw()
    questions = [_question(spec, QUICKSCAN) for spec in raw["questions"]]
    questions += [_question(spec, PROFILE) for spec in raw["profile"]["questions"]]
    return Questionnaire(
        title=raw["title"],
        source=raw["source"],
        introduction=raw.get("introduction", {}),
        sections=tuple(Section(s["key"], s["title"]) for s in raw["sections"]),
        questions=tuple(questions),
    )


def question(question_id: str) -> Question:
    return load().question(question_id)


def option_lists() -> dict[str, dict]:
    """Every answer list defined in the questionnaire, as taxonomy vocabulary specs (printed order)."""
    lists: dict[str, dict] = {}
    for spec in _raw()["questions"]:
        number = spec.get("number", "")
        for vocabulary, options, multiple in (
            (spec.get("vocabulary"), spec.get("options") or spec.get("statements"), spec["type"] != SINGLE),
            ((spec.get("scale") or {}).get("vocabulary"), (spec.get("scale") or {}).get("options"), False),
        ):
            if not vocabulary or not options:
                continue
            if vocabulary in lists:
                raise ValueError(f"Answer list {vocabulary!r} is defined twice in questionnaire.json")
            lists[vocabulary] = {
                "source": f"Quickscan 2025 Q{number}",
                "multiple": multiple,
                "note": spec.get("note", "") if vocabulary == spec.get("vocabulary") else "",
                "values": [
                    {
                        "code": option["code"],
                        "nl": option["label"]["nl"],
                        "en": option["label"]["en"],
                        "letter": option.get("letter", ""),
                        "text": option.get("text", {}),
                        "exclusive": bool(option.get("exclusive")),
                        "other": bool(option.get("other")),
                    }
                    for option in options
                ],
            }
    return lists


def letter_of(question_id: str, code: str) -> str:
    """The printed letter of an answer code ('' when the code is not an option)."""
    return next((term.letter for term in question(question_id).options() if term.code == code), "")


def routed_questions(answers_by_question: dict[str, str]) -> tuple[Question, ...]:
    """The quickscan questions a respondent is asked, given the letters answered so far."""
    return tuple(q for q in load().quickscan() if q.applies_to(answers_by_question))


def routed_sections(answers_by_question: dict[str, str]) -> tuple[tuple[Section, tuple[Question, ...]], ...]:
    """The questionnaire's sections in order, each with its routed questions (empty ones left out)."""
    asked = routed_questions(answers_by_question)
    result = []
    for section in load().sections:
        questions = tuple(q for q in asked if q.section == section.key)
        if questions:
            result.append((section, questions))
    return tuple(result)
