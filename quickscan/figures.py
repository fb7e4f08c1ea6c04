"""The quickscan's figures for one round, counted from its responses.

The unit is the complete (submitted) response; a joint response counts once, as in the
quickscan. A figure's **base** is the responses that were routed to its question (by their Q4
answer) and answered it; every percentage is of that base. Breakdowns by size class use the
responding municipality's CBS size class; cells of fewer than ``SMALL_CELL`` responses are
hidden there, as the quickscan promised respondents anonymity. Which figure answers which
question is in ``questionnaire.json``.
"""

from __future__ import annotations

import csv
import io
import threading
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import translation
from django.utils.translation import gettext

from practices import questionnaire, taxonomy
from practices.figures import format_percent
from regions.size_classes import ORDER as SIZE_CLASSES

from . import flow

SMALL_CELL = 5
CSV_HEADER = ("optie", "label", "aantal", "basis", "procent")


def percent(count: int, base: int) -> float | None:
    return round(100 * count / base, 1) if base else None


@dataclass
class OptionRow:
    option: str  # the questionnaire's letter, "a-altijd" for the scale of Q23
    code: str
    label: str
    count: int
    percent: float | None
    by_size: dict[str, int | None] = field(default_factory=dict)  # None: hidden (small cell)


@dataclass
class RoundFigure:
    number: int
    title: str
    question: questionnaire.Question
    base: int
    rows: list[OptionRow]
    base_by_size: dict[str, int | None]
    not_answered: int  # routed to the question but left it empty

    @property
    def multiple(self) -> bool:
        return self.question.type == questionnaire.MULTIPLE

    @property
    def answered(self) -> int:  # the name the shared bar chart reads
        return self.base

    def summary(self) -> str:
        """The figure in a sentence or two: the chart's text alternative."""
        if not self.base:
            return gettext("Nog geen volledige reacties hebben deze vraag beantwoord.")
        if self.question.type == questionnaire.SCALE:
            statements: dict[str, OptionRow] = {}
            for row in self.rows:  # per statement the scale point chosen most
                letter = row.option.split("-", 1)[0]
                if row.count and (letter not in statements or row.count > statements[letter].count):
                    statements[letter] = row
            parts = [f"{row.label} ({format_percent(row.percent)})" for row in statements.values()]
            return gettext("%(base)s reacties beantwoordden deze vraag. Het vaakst gekozen: %(top)s.") % {
                "base": self.base,
                "top": "; ".join(parts),
            }
        top = [row for row in sorted(self.rows, key=lambda row: -row.count)[:3] if row.count]
        parts = [f"{row.label} ({row.count}, {format_percent(row.percent)})" for row in top]
        text = gettext("%(base)s reacties beantwoordden deze vraag. Het vaakst gekozen: %(top)s.") % {
            "base": self.base,
            "top": "; ".join(parts),
        }
        if self.multiple:
            text += " " + gettext(
                "Meerdere antwoorden mogelijk, dus de percentages tellen op tot meer dan 100."
            )
        return text

    def csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for row in self.rows:
            shown = "" if row.percent is None else f"{row.percent:.1f}"
            writer.writerow([row.option, row.label, row.count, self.base, shown])
        return buffer.getvalue()


@dataclass(frozen=True)
class Answered:
    """What the figures need of one response: its route, size class and answers."""

    size_class: str
    route: dict
    answers: dict


def answered_from(responses) -> list[Answered]:
    """Plain rows of a round's responses (one query for the responses, one for municipalities)."""
    rows = []
    for response in responses:
        municipality = response.invitation.municipality if response.invitation_id else None
        if municipality is None:
            municipalities = list(response.municipalities.all())
            municipality = max(municipalities, key=lambda m: m.population) if municipalities else None
        rows.append(
            Answered(
                size_class=municipality.size_class if municipality else "",
                route=flow.route_of(response.answers),
                answers=response.answers,
            )
        )
    return rows


def _hide_small(counts: dict[str, int]) -> dict[str, int | None]:
    return {size: (count if count >= SMALL_CELL or count == 0 else None) for size, count in counts.items()}


def _values(question, answer) -> list[str]:
    if isinstance(answer, list):
        return answer
    return [answer] if answer else []


def figure_for(question: questionnaire.Question, answered: list[Answered]) -> RoundFigure:
    routed = [row for row in answered if question.applies_to(row.route)]
    in_base = [row for row in routed if row.answers.get(question.id)]
    base_by_size = {size: sum(1 for row in in_base if row.size_class == size) for size in SIZE_CLASSES}
    rows: list[OptionRow] = []
    if question.type == questionnaire.SCALE:
        scale = taxonomy.vocabulary(question.scale)
        for statement in question.options():
            for point in scale.terms:
                chosen = [
                    row for row in in_base if row.answers[question.id].get(statement.code) == point.code
                ]
                rows.append(
                    _row(
                        f"{statement.letter}-{point.label.lower()}",
                        point.code,
                        f"{statement.text}: {point.label}",
                        chosen,
                        len(in_base),
                    )
                )
    else:
        for term in question.options():
            if not term.letter:
                continue  # the registry's own additions are not quickscan options
            chosen = [row for row in in_base if term.code in _values(question, row.answers[question.id])]
            rows.append(_row(term.letter, term.code, term.text, chosen, len(in_base)))
    figure = question.figure or {}
    return RoundFigure(
        number=figure.get("number", 0),
        title=_title(figure, question),
        question=question,
        base=len(in_base),
        rows=rows,
        base_by_size=_hide_small(base_by_size),
        not_answered=len(routed) - len(in_base),
    )


def _row(option, code, label, chosen, base) -> OptionRow:
    by_size = {size: sum(1 for row in chosen if row.size_class == size) for size in SIZE_CLASSES}
    return OptionRow(option, code, label, len(chosen), percent(len(chosen), base), _hide_small(by_size))


def _title(figure: dict, question) -> str:
    titles = figure.get("title") or {}
    return questionnaire.in_language(titles) if titles else question.text


def figure_questions() -> list[questionnaire.Question]:
    """The quickscan questions the report drew as a figure, in figure order."""
    drawn = [q for q in questionnaire.load().quickscan() if q.figure and q.figure.get("number")]
    return sorted(drawn, key=lambda q: q.figure["number"])


# Per worker: the figures of each round, kept until a response of that round changes (its count or
# latest save). One cheap aggregate per request instead of recounting every response.
_cache: dict[int, tuple[tuple, list[RoundFigure]]] = {}
_lock = threading.Lock()


def _version(round_) -> tuple:
    stats = round_.responses.aggregate(count=Count("pk"), last=Max("updated_at"))
    return (stats["count"], stats["last"], translation.get_language())


def round_figures(round_) -> list[RoundFigure]:
    version = _version(round_)
    cached = _cache.get(round_.pk)
    if cached is not None and cached[0] == version:
        return cached[1]
    # Complete responses only, as the quickscan's figures (153 of 233 reactions, seed 000 line 157):
    # an online respondent may still change answers until submitting.
    responses = (
        round_.responses.exclude(submitted_at=None)
        .select_related("invitation__municipality")
        .prefetch_related("municipalities")
    )
    answered = answered_from(responses)
    computed = [figure_for(question, answered) for question in figure_questions()]
    with _lock:
        _cache[round_.pk] = (version, computed)
    return computed


def round_figure(round_, number: int) -> RoundFigure | None:
    return next((figure for figure in round_figures(round_) if figure.number == number), None)
