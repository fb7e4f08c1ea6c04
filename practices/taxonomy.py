"""The controlled vocabularies of the registry, loaded once from ``data/``.

Each code list has one copy: the quickscan's answer lists live with their questions in
``questionnaire.json`` (letters, verbatim texts, short labels), the other lists (2018 study, events,
recognition levels) in ``taxonomy.json``. Codes are stored in the database; short labels are shown
in the active language (Dutch unless English is active), so nothing here is retyped from a source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language

TAXONOMY_PATH = Path(__file__).resolve().parent / "data" / "taxonomy.json"


def _english() -> bool:
    return (get_language() or "nl").startswith("en")


@dataclass(frozen=True)
class Term:
    code: str
    nl: str
    en: str
    letter: str = ""  # the option's letter in the questionnaire (a, b, c, ...)
    texts: tuple[tuple[str, str], ...] = ()  # verbatim option text per language
    exclusive: bool = False  # stands alone ("geen knelpunten")
    other: bool = False  # "Anders, namelijk ..." with a free explanation

    @property
    def label(self) -> str:
        return self.en if _english() else self.nl

    @property
    def text(self) -> str:
        """The option as printed in the questionnaire (the short label where there is none)."""
        texts = dict(self.texts)
        return (texts.get("en") if _english() else None) or texts.get("nl") or self.label


@dataclass(frozen=True)
class Vocabulary:
    name: str
    source: str
    multiple: bool
    terms: tuple[Term, ...]
    note: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def term(self, code: str) -> Term | None:
        return self._by_code().get(code)

    def resolve(self, answer: str) -> Term | None:
        """The term a respondent meant: its code, its letter, or its printed text (Dutch or English)."""
        value = " ".join(str(answer).split())
        if not value:
            return None
        folded = value.casefold().rstrip(".")
        for term in self.terms:
            candidates = {term.code, term.letter, *(text for _lang, text in term.texts), term.nl, term.en}
            if value in candidates or folded in {c.casefold().rstrip(".") for c in candidates if c}:
                return term
        return None

    @property
    def exclusive_codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms if term.exclusive)

    @property
    def other_codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms if term.other)

    def label(self, code: str) -> str:
        term = self.term(code)
        return term.label if term else code

    def labels(self, codes) -> list[str]:
        return [self.label(code) for code in codes or ()]

    def choices(self) -> list[tuple[str, str]]:
        """Choices whose labels follow the active language at render time."""
        return [(term.code, _lazy_label(self.name, term.code)) for term in self.terms]

    def position(self, code: str) -> int:
        """Index of a code in the source order (-1 if unknown); used for ordinal scales."""
        try:
            return self.codes.index(code)
        except ValueError:
            return -1

    @cache  # noqa: B019 - vocabularies live for the whole process
    def _by_code(self) -> dict[str, Term]:
        return {term.code: term for term in self.terms}


def _term(value: dict) -> Term:
    return Term(
        value["code"],
        value["nl"],
        value["en"],
        letter=value.get("letter", ""),
        texts=tuple(sorted((value.get("text") or {}).items())),
        exclusive=bool(value.get("exclusive")),
        other=bool(value.get("other")),
    )


@cache
def load() -> dict[str, Vocabulary]:
    from .questionnaire import option_lists

    raw = json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))
    answer_lists = option_lists()
    twice = sorted(set(raw) & set(answer_lists))
    if twice:
        raise ValueError(f"Vocabularies defined in both taxonomy.json and questionnaire.json: {twice}")
    return {
        name: Vocabulary(
            name=name,
            source=spec.get("source", ""),
            multiple=bool(spec.get("multiple", False)),
            note=spec.get("note", ""),
            terms=tuple(_term(value) for value in spec["values"]),
        )
        for name, spec in {**raw, **answer_lists}.items()
    }


def vocabulary(name: str) -> Vocabulary:
    try:
        return load()[name]
    except KeyError:
        raise KeyError(f"Unknown vocabulary {name!r} in taxonomy.json or questionnaire.json") from None


def label(vocabulary_name: str, code: str) -> str:
    return vocabulary(vocabulary_name).label(code)


_lazy_label = lazy(label, str)


def choices(vocabulary_name: str) -> list[tuple[str, str]]:
    return vocabulary(vocabulary_name).choices()
