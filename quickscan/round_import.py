"""Import a whole quickscan round: one CSV row per response, into the round's ``Response`` rows.

``manage.py import_survey FILE --round LABEL [--dry-run]``. The columns are the questionnaire's
question ids — ``q1`` … ``q28`` with ``q22a``, ``q22b`` and ``q23a``–``q23d`` — plus the free texts
as the online form names them (``q10_other`` for "Anders, namelijk", ``q12_explanation`` for a
Toelichting); the profile import's names (``gemeente``, ``q4_fase``, …) are accepted as aliases.
``q1`` names one municipality (CBS name or code) or several separated by ``|``: a joint response
covers each. Answers are read by the profile import's parser (``survey_import.parse_answers``):
the printed option text, its letter or its code, several separated by ``|``, checked against the
options and the route by Q4; "Anders, namelijk <text>" keeps the text as ``<id>_other``.

Two phases, as in the profile import: ``plan_round_import`` checks every row and collects every
problem (row, column, message in Dutch) without touching the database; ``apply_round_plan``
replaces the round's imported responses in one transaction, so importing a file twice gives the
same round (never doubles). Online responses are never touched; a municipality that already has
one in the round is a problem, not a second response.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.db import transaction
from django.utils import timezone, translation

from practices import questionnaire, survey_import
from practices.csv_export import FORMULA_STARTS
from practices.survey_import import EXPLANATION, MUNICIPALITY, Column, Problem

from .models import Response, Round

MUNICIPALITY_COLUMN = "q1"
MUNICIPALITY_SEPARATORS = re.compile(r"[|;]")
BATCH = 500


@cache
def columns() -> tuple[Column, ...]:
    """The accepted columns: each question in printed order (its free texts right after it), then
    the aliases (the profile import's ``gemeente`` and its deprecated descriptive names)."""
    q1 = questionnaire.question(MUNICIPALITY_COLUMN)
    found = [
        Column(MUNICIPALITY_COLUMN, MUNICIPALITY, q1, note="CBS-naam of -code; meerdere gescheiden door |")
    ]
    texts: dict[str, list[Column]] = {}
    for column in survey_import.explanation_columns():
        texts.setdefault(column.question.id, []).append(column)
    profile_columns = survey_import.columns()
    current = [c for c in profile_columns if _is_question(c) and not c.alias_of and c.kind != MUNICIPALITY]
    for position, column in enumerate(current):
        found.append(column)
        following = current[position + 1].question.id if position + 1 < len(current) else ""
        if following != column.question.id:
            found += texts.get(column.question.id, [])
    found.append(Column(survey_import.MUNICIPALITY_COLUMN, MUNICIPALITY, q1, alias_of=MUNICIPALITY_COLUMN))
    for column in profile_columns:
        if column.deprecated and _is_question(column):
            found.append(column)
    explanation = next(c for c in texts["q12"] if c.name == "q12_explanation")
    found.append(
        Column(
            "q12_toelichting", EXPLANATION, explanation.question, alias_of=explanation.name, deprecated=True
        )
    )
    return tuple(found)


def _is_question(column: Column) -> bool:
    return column.question is not None and column.question.instrument == questionnaire.QUICKSCAN


@cache
def columns_by_name() -> dict[str, Column]:
    return {column.name: column for column in columns()}


def export_columns() -> list[str]:
    """The columns an export writes (no aliases), so that an export imports again unchanged."""
    return [column.name for column in columns() if not column.alias_of]


def _profile_only(name: str) -> str:
    """For a column of the profile import that a round has no place for: which to use instead."""
    column = survey_import.columns_by_name().get(name)
    if column is None:
        return ""
    asked = re.match(r"q\d+", name)
    instead = (
        f"; gebruik in een ronde {asked.group(0)}" if asked and asked.group(0) in columns_by_name() else ""
    )
    return f"kolom van de profielimport (zonder --round), niet van een ronde{instead}"


def describe_columns() -> list[str]:
    """``import_survey --round LABEL --columns``: the round's columns with their questions."""
    lines = []
    with translation.override("nl"):
        for column in columns():
            if column.alias_of:
                lines.append(f"{column.name}  (andere naam voor {column.alias_of})")
                continue
            question = column.question
            text = question.text
            if column.statement is not None:
                text += f" — {column.statement.letter}) {column.statement.text}"
            if column.kind == EXPLANATION:
                text = f"{column.note} bij vraag {question.number}"
            route = question.route
            asked = f"  (alleen bij {route.question} = {', '.join(route.letters)})" if route else ""
            lines.append(f"{column.name}  [{column.number}]{asked}")
            lines.append(f"    {text}")
    return lines


# --- planning ----------------------------------------------------------------------------------------


@dataclass
class ResponsePlan:
    row: int
    municipalities: list  # regions.Municipality, the first as written first
    answers: dict
    explanations: dict


@dataclass
class RoundPlan:
    round: Round
    rows: list[ResponsePlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RoundOutcome:
    replaced: int = 0  # imported responses of the round before
    created: int = 0
    municipalities: int = 0  # covered by the new responses


def restore_cell(value: str) -> str:
    """Undo the export's neutralising of a formula-like cell (``'=x`` -> ``=x``, ``''=x`` -> ``'=x``)."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def plan_round_import(
    round_: Round, data: bytes | str, progress: Callable[[int, int], None] | None = None
) -> RoundPlan:
    with translation.override("nl"):
        return _plan(round_, data, progress)


def _plan(round_: Round, data, progress) -> RoundPlan:
    plan = RoundPlan(round_)
    if round_.kind != Round.Kind.LIVE:
        plan.problems.append(
            Problem(
                1,
                "-",
                f"ronde {round_.label} bestaat alleen uit gepubliceerde cijfers; "
                "importeer in een ronde op het register",
            )
        )
        return plan
    header, rows, plan.problems = survey_import.read_table(data)
    if plan.problems:
        return plan
    plan.columns = header
    if not header:
        plan.problems.append(Problem(1, "-", "het bestand is leeg"))
        return plan
    used = _check_header(plan, header)
    if not rows:
        plan.problems.append(Problem(2, "-", "het bestand bevat geen rijen met antwoorden"))
    if len(rows) > survey_import.MAX_ROWS:
        plan.problems.append(
            Problem(survey_import.MAX_ROWS + 2, "-", f"te veel rijen (maximaal {survey_import.MAX_ROWS})")
        )
    if plan.problems:
        return plan

    index = survey_import._MunicipalityIndex()
    online = _online_coverage(round_)
    municipality_column = next(column.name for column in used if column.kind == MUNICIPALITY)
    seen: dict[int, int] = {}
    for position, row in enumerate(rows):
        number = position + 2  # the header is row 1, as in a spreadsheet
        if progress:
            progress(position + 1, len(rows))
        plan.problems += survey_import.row_problems(number, row)
        row = {name: restore_cell(value) for name, value in row.items()}
        municipalities = _municipalities(
            plan, number, row.get(municipality_column, ""), municipality_column, index
        )
        for municipality in municipalities:
            message = ""
            if municipality.pk in seen:
                message = (
                    f"{municipality.name} staat al in rij {seen[municipality.pk]} (één antwoord per gemeente)"
                )
            elif municipality.pk in online:
                message = (
                    f"{municipality.name} heeft in ronde {round_.label} al een online antwoord "
                    f"({online[municipality.pk]}); een import vervangt alleen geïmporteerde antwoorden"
                )
            if message:
                plan.problems.append(Problem(number, municipality_column, message))
            seen.setdefault(municipality.pk, number)
        parsed = survey_import.parse_answers(number, row, used, route_legacy=True)
        plan.problems += parsed.problems
        plan.warnings += parsed.warnings
        if municipalities:
            plan.rows.append(ResponsePlan(number, municipalities, parsed.answers, parsed.explanations))
    return plan


def _check_header(plan: RoundPlan, header: list[str]) -> list[Column]:
    known = columns_by_name()
    for problem in survey_import.header_problems(header, known):
        plan.problems.append(
            Problem(problem.row, problem.column, _profile_only(problem.column) or problem.message)
        )
    used = [known[name] for name in dict.fromkeys(header) if name in known]
    if not any(column.kind == MUNICIPALITY for column in used):
        plan.problems.append(
            Problem(1, MUNICIPALITY_COLUMN, "verplichte kolom ontbreekt (de gemeente of gemeenten)")
        )
    by_canonical: dict[str, list[Column]] = {}
    for column in used:
        by_canonical.setdefault(column.canonical, []).append(column)
    for same in by_canonical.values():
        if len(same) > 1:
            names = " en ".join(column.name for column in same)
            plan.problems.append(
                Problem(1, same[-1].name, f"de kolommen {names} beantwoorden dezelfde vraag; gebruik er één")
            )
    for column in used:
        if column.deprecated:
            plan.warnings.append(
                Problem(1, column.name, f"verouderde kolomnaam; gebruik voortaan {column.alias_of}")
            )
    return used


def _municipalities(plan: RoundPlan, number: int, value: str, column: str, index) -> list:
    names = [part.strip() for part in MUNICIPALITY_SEPARATORS.split(value) if part.strip()]
    if not names:
        plan.problems.append(
            Problem(number, column, "leeg; vul de gemeentenaam of CBS-code in (meerdere gescheiden door |)")
        )
        return []
    found = {}
    for name in names:
        municipality, message = index.find(name)
        if municipality is None:
            plan.problems.append(Problem(number, column, message))
        else:
            found.setdefault(municipality.pk, municipality)
    return list(found.values())


def _online_coverage(round_: Round) -> dict[int, str]:
    """Municipality pk -> "verstuurd"/"begonnen" for the round's online responses."""
    through = Response.municipalities.through
    rows = through.objects.filter(
        response__round=round_, response__source=Response.Source.ONLINE
    ).values_list("municipality_id", "response__submitted_at")
    return {pk: "verstuurd" if submitted else "begonnen, nog niet verstuurd" for pk, submitted in rows}


# --- applying ---------------------------------------------------------------------------------------


def apply_round_plan(plan: RoundPlan, progress: Callable[[int, int], None] | None = None) -> RoundOutcome:
    """Replace the round's imported responses by the plan's, in one transaction."""
    from .flow import SUMMARY

    if not plan.ok:
        raise ValueError("plan has problems; refusing to apply")
    now = timezone.now()
    through = Response.municipalities.through
    with transaction.atomic():
        previous = Response.objects.filter(round=plan.round, source=Response.Source.IMPORT)
        outcome = RoundOutcome(replaced=previous.count())
        previous.delete()
        for start in range(0, len(plan.rows), BATCH):
            batch = plan.rows[start : start + BATCH]
            created = Response.objects.bulk_create(
                [
                    Response(
                        round=plan.round,
                        source=Response.Source.IMPORT,
                        answers=row.answers,
                        explanations=row.explanations,
                        step=SUMMARY,
                        submitted_at=now,
                    )
                    for row in batch
                ]
            )
            links = [
                through(response_id=response.pk, municipality_id=municipality.pk)
                for response, row in zip(created, batch, strict=True)
                for municipality in row.municipalities
            ]
            through.objects.bulk_create(links)
            outcome.created += len(created)
            outcome.municipalities += len(links)
            if progress:
                progress(start + len(batch), len(plan.rows))
    return outcome
