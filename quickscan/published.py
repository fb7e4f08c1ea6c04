"""The published quickscan rounds (2025, and 2021 as the 2025 report cites it) as reference data.

Loaded once from ``data/published_rounds.json`` and validated against the questionnaire: every
option code must exist in its question's vocabulary (``practices.taxonomy``), every approximate
share must have a documented reading, and a round never borrows another round's figures. An
unknown code or question raises ``PublishedDataError`` at load time.

Each ``Entry`` is one statement of the report: the options it is about, the report's words
verbatim with their line in the seed file, and either a count, a stated percentage, or (when
``approximate``) a phrase such as "ruim een kwart" with its numeric reading and range from the
``phrases`` table. ``Figure.distribution()`` turns a figure's entries into one full set of target
shares (the synthetic generators' table); it is the only place where entries are combined.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from practices import questionnaire, taxonomy

PUBLISHED_ROUNDS_PATH = Path(__file__).resolve().parent / "data" / "published_rounds.json"

# Where a target share comes from, best first.
COUNT, STATED, READING, GROUP_REMAINDER, REMAINDER = (
    "count",
    "stated",
    "reading",
    "group remainder",
    "remainder",
)


class PublishedDataError(ValueError):
    """published_rounds.json does not fit the questionnaire (unknown code, missing reading, ...)."""


@dataclass(frozen=True)
class Quote:
    words: str
    line: int


@dataclass(frozen=True)
class Phrase:
    text: str
    share: float | None
    range: tuple[float, float] | None
    rule: str


@dataclass(frozen=True)
class Statistic:
    """A response total of chapter 3 (233 reactions, 153 complete, 45 %, ...)."""

    key: str
    words: str
    line: int
    count: int | None = None
    share: float | None = None


@dataclass(frozen=True)
class Base:
    """Who the figure is about: n, the report's words, and the Q4 route (``None``: everyone)."""

    n: int | None
    n_words: str
    n_line: int | None
    n_printed: bool
    group: str
    group_words: str
    group_line: int
    route: tuple[str, ...] | None


@dataclass(frozen=True)
class Entry:
    words: str
    line: int
    options: tuple[str, ...] = ()
    point: str = ""  # the scale point, for a statement of Q23 (figure 10)
    together: bool = True  # one share for all ``options`` together (False: each option's share)
    count: int | None = None
    share: float | None = None  # stated, or the reading of the phrase; None when too vague
    range: tuple[float, float] | None = None
    approximate: bool = False
    phrase: str = ""
    rule: str = ""
    summary: str = ""  # a statement about the figure as a whole (no options)
    category: str = ""  # an answer category of another round's questionnaire (not comparable)
    note: str = ""
    inconsistent: str = ""

    @property
    def exact(self) -> bool:
        return not self.approximate and (self.count is not None or self.share is not None)

    def share_of(self, n: int | None) -> float | None:
        """The percentage: a count over the base, else the stated share or the phrase's reading."""
        if self.count is not None and n:
            return 100.0 * self.count / n
        return self.share

    def range_of(self, n: int | None) -> tuple[float, float] | None:
        share = self.share_of(n)
        if self.range is not None:
            return self.range
        return (share, share) if share is not None and self.exact else None


@dataclass(frozen=True)
class Target:
    share: float  # percentage of the base
    source: str  # COUNT, STATED, READING, GROUP_REMAINDER or REMAINDER
    lines: tuple[int, ...] = ()


@dataclass(frozen=True, eq=False)
class Figure:
    round_label: str
    key: str
    number: int | None
    title: str
    title_line: int
    question_id: str
    base: Base
    entries: tuple[Entry, ...]
    complete: bool = False
    comparable: bool = True
    table: int | None = None
    dimension: str = ""
    note: str = ""
    not_in_text: str = ""

    @property
    def question(self) -> questionnaire.Question:
        return questionnaire.question(self.question_id)

    def option_codes(self) -> tuple[str, ...]:
        question = self.question
        return taxonomy.vocabulary(question.vocabulary).codes if question.vocabulary else ()

    def point_codes(self) -> tuple[str, ...]:
        question = self.question
        return taxonomy.vocabulary(question.scale).codes if question.scale else ()

    def entries_about(self, code: str, point: str = "") -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if code in e.options and e.point == point)

    def distribution(self, statement: str = "", fill: dict[str, float] | None = None) -> dict[str, Target]:
        """Target shares for every option of a single-choice figure (or one statement of Q23).

        Per option the best single-option entry (a count over the base, a stated percentage, the
        phrase's reading). A group entry ("a quarter for d–h together") gives its unquantified
        members what is left of the group's share; the options still open share what is left of
        100. Both splits follow ``fill`` (relative weights, default equal) — an assumption, not
        the report. The result is scaled to sum to 100 (the report's rounded phrases rarely do).
        """
        codes = self.point_codes() if statement else self.option_codes()
        weights = dict.fromkeys(codes, 1.0) | (fill or {})
        n = self.base.n
        known: dict[str, Target] = {}
        groups: list[tuple[tuple[str, ...], float, int]] = []
        rank = {COUNT: 0, STATED: 1, READING: 2}
        for entry in self.entries:
            members = _members(entry, statement)
            share = entry.share_of(n)
            if not members or share is None:
                continue
            if len(members) > 1 and entry.together:
                groups.append((members, share, entry.line))
                continue
            source = COUNT if entry.count is not None else READING if entry.approximate else STATED
            for code in members:
                current = known.get(code)
                if current is None or rank[source] < rank[current.source]:
                    known[code] = Target(share, source, (entry.line,))
        for members, share, line in sorted(groups, key=lambda g: len(g[0])):
            open_codes = [c for c in members if c not in known]
            if open_codes:
                rest = max(0.0, share - sum(known[c].share for c in members if c in known))
                known.update(_split(rest, open_codes, weights, GROUP_REMAINDER, (line,)))
        open_codes = [c for c in codes if c not in known]
        if open_codes:
            known.update(_split(max(0.0, 100.0 - sum(t.share for t in known.values())), open_codes, weights))
        total = sum(t.share for t in known.values())
        if total <= 0:
            raise PublishedDataError(f"{self.key}: no share to draw from")
        return {
            code: Target(100.0 * known[code].share / total, known[code].source, known[code].lines)
            for code in codes
        }

    def inclusion(self) -> dict[str, Entry]:
        """Multiple-choice figures: per option the entry whose share is the option's own share."""
        found: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.share_of(self.base.n) is None or (len(entry.options) > 1 and entry.together):
                continue
            for code in entry.options:
                found.setdefault(code, entry)
        return found


def _members(entry: Entry, statement: str) -> tuple[str, ...]:
    """The codes an entry states a share for: its options, or for a Q23 statement its scale point."""
    if statement:
        return (entry.point,) if entry.point and statement in entry.options else ()
    return () if entry.point else entry.options


def _split(rest, codes, weights, source=REMAINDER, lines=()) -> dict[str, Target]:
    total = sum(weights[c] for c in codes)
    return {c: Target(rest * weights[c] / total if total else 0.0, source, lines) for c in codes}


@dataclass(frozen=True, eq=False)
class PublishedRound:
    label: str
    title: str
    comparability: Quote
    response: tuple[Statistic, ...]
    figures: tuple[Figure, ...]
    fieldwork: Quote | None = None
    cited_in: str = ""

    def figure(self, number_or_key: int | str) -> Figure:
        for figure in self.figures:
            if number_or_key in (figure.number, figure.key):
                return figure
        raise KeyError(f"Round {self.label} has no figure {number_or_key!r}")

    def figure_for(self, question_id: str) -> Figure:
        for figure in self.figures:
            if figure.question_id == question_id:
                return figure
        raise KeyError(f"Round {self.label} has no figure for {question_id}")

    def statistic(self, key: str) -> Statistic:
        return next(s for s in self.response if s.key == key)


@dataclass(frozen=True, eq=False)
class PublishedData:
    source: dict
    phrase_rules: dict
    phrases: dict[str, Phrase]
    rounds: tuple[PublishedRound, ...] = field(default=())

    def round(self, label: str) -> PublishedRound:
        for published in self.rounds:
            if published.label == label:
                return published
        raise KeyError(f"No published round {label!r}")


# --- loading and validation ----------------------------------------------------------------------


def _range(value) -> tuple[float, float] | None:
    return (float(value[0]), float(value[1])) if value else None


def _entry(spec: dict, phrases: dict[str, Phrase], where: str) -> Entry:
    approximate = bool(spec.get("approximate"))
    phrase_text = spec.get("phrase", "")
    share, range_, rule = spec.get("share"), _range(spec.get("range")), ""
    if approximate:
        if not phrase_text:
            raise PublishedDataError(f"{where}: an approximate entry needs the report's phrase")
        reading = phrases.get(spec.get("reading_as") or phrase_text)
        if share is None and reading is not None:
            share, range_, rule = reading.share, reading.range, reading.rule
            if spec.get("reading_as"):
                rule = f"reading_as:{spec['reading_as']}"
        elif share is not None:
            if range_ is None:
                raise PublishedDataError(f"{where}: an approximate share needs its range")
            rule = "own"
        elif spec.get("note"):
            rule = "vague"  # a phrase outside the table, explained in the entry's note
        else:
            raise PublishedDataError(f"{where}: phrase {phrase_text!r} has no reading and no note")
    for name in ("line", "words"):
        if not spec.get(name):
            raise PublishedDataError(f"{where}: every entry needs {name!r}")
    return Entry(
        words=spec["words"],
        line=int(spec["line"]),
        options=tuple(spec.get("options", ())),
        point=spec.get("point", ""),
        together=spec.get("together", True),
        count=spec.get("count"),
        share=None if share is None else float(share),
        range=range_,
        approximate=approximate,
        phrase=phrase_text,
        rule=rule,
        summary=spec.get("summary", ""),
        category=spec.get("category", ""),
        note=spec.get("note", ""),
        inconsistent=spec.get("inconsistent", ""),
    )


def _validate(figure: Figure) -> None:
    where = f"round {figure.round_label}, {figure.key}"
    try:
        question = figure.question
    except KeyError as error:
        raise PublishedDataError(f"{where}: {error}") from None
    stage_letters = {term.letter for term in questionnaire.question("q4").options()}
    if figure.base.route is not None and not set(figure.base.route) <= stage_letters:
        raise PublishedDataError(f"{where}: route {figure.base.route} is not a set of Q4 letters")
    asked = set(question.route.letters) if question.route else stage_letters
    if figure.base.route is not None and not set(figure.base.route) <= asked:
        raise PublishedDataError(f"{where}: the base includes respondents {question.id} was not asked")
    codes, points = set(figure.option_codes()), set(figure.point_codes())
    for entry in figure.entries:
        if entry.category and figure.comparable:
            raise PublishedDataError(f"{where}: a category of its own only in a non-comparable figure")
        if not (entry.options or entry.summary or entry.category):
            raise PublishedDataError(
                f"{where}, line {entry.line}: an entry is about options, a summary or a category"
            )
        unknown = [code for code in entry.options if code not in codes]
        if unknown:
            raise PublishedDataError(
                f"{where}: unknown codes {unknown} for {question.id} ({question.vocabulary})"
            )
        if entry.point and entry.point not in points:
            raise PublishedDataError(f"{where}: unknown scale point {entry.point!r} for {question.id}")
        if question.type == questionnaire.SCALE and entry.options and not entry.point:
            raise PublishedDataError(f"{where}: a statement of {question.id} needs its scale point")


def _figure(label: str, spec: dict, phrases: dict[str, Phrase]) -> Figure:
    base = spec["base"]
    figure = Figure(
        round_label=label,
        key=spec["key"],
        number=spec.get("number"),
        title=spec["title"],
        title_line=int(spec["title_line"]),
        question_id=spec["question"],
        base=Base(
            n=base["n"],
            n_words=base["n_words"],
            n_line=base["n_line"],
            n_printed=bool(base["n_printed"]),
            group=base["group"],
            group_words=base["group_words"],
            group_line=int(base["group_line"]),
            route=tuple(base["route"]) if base.get("route") else None,
        ),
        entries=tuple(
            _entry(e, phrases, f"round {label}, {spec['key']}, entry {i + 1}")
            for i, e in enumerate(spec["entries"])
        ),
        complete=bool(spec.get("complete")),
        comparable=spec.get("comparable", True),
        table=spec.get("table"),
        dimension=spec.get("dimension", ""),
        note=spec.get("note", ""),
        not_in_text=spec.get("not_in_text", ""),
    )
    _validate(figure)
    return figure


def parse(raw: dict) -> PublishedData:
    phrases = {
        text: Phrase(text, None if p["share"] is None else float(p["share"]), _range(p["range"]), p["rule"])
        for text, p in raw["phrases"].items()
    }
    for phrase in phrases.values():
        if phrase.rule not in raw["phrase_rules"]:
            raise PublishedDataError(f"Phrase {phrase.text!r}: undocumented rule {phrase.rule!r}")
        if phrase.share is not None and not (
            phrase.range and phrase.range[0] <= phrase.share <= phrase.range[1]
        ):
            raise PublishedDataError(f"Phrase {phrase.text!r}: reading outside its range")
    rounds = []
    for spec in raw["rounds"]:
        label = spec["label"]
        figures = tuple(_figure(label, f, phrases) for f in spec["figures"])
        keys = [f.key for f in figures]
        if len(keys) != len(set(keys)):
            raise PublishedDataError(f"Round {label}: a figure key occurs twice")
        rounds.append(
            PublishedRound(
                label=label,
                title=spec["title"],
                comparability=Quote(**spec["comparability"]),
                response=tuple(Statistic(**s) for s in spec["response"]),
                figures=figures,
                fieldwork=Quote(**spec["fieldwork"]) if spec.get("fieldwork") else None,
                cited_in=spec.get("cited_in", ""),
            )
        )
    labels = [r.label for r in rounds]
    if len(labels) != len(set(labels)):
        raise PublishedDataError("A published round occurs twice")
    return PublishedData(raw["source"], raw["phrase_rules"], phrases, tuple(rounds))


@cache
def load() -> PublishedData:
    return parse(json.loads(PUBLISHED_ROUNDS_PATH.read_text(encoding="utf-8")))


def published_round(label: str) -> PublishedRound:
    return load().round(label)


def labels() -> tuple[str, ...]:
    return tuple(r.label for r in load().rounds)
