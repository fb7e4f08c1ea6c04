"""Exports of a quickscan round for the ministry (individual answers: ministry editors only).

* ``responses_csv``: every response of the round, one row each, in exactly the round import's
  columns (``round_import.export_columns()``): ``q1`` the CBS codes the response covers, joined by
  ``|``; answers as codes (several joined by ``|``), Q23 per statement (``q23a``–``q23d``), the free
  texts in ``<id>_other`` / ``<id>_explanation``. Importing the file into a round gives the same
  answers (``manage.py import_survey FILE --round LABEL``).
* ``question_table_csv``: per question and option the number of responses that chose it, counted
  by ``quickscan.figures`` (the same base as the round's figures: routed to the question and
  answered it); open questions give the number that answered.

A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) is written with a leading ``'`` (the shared rule of ``practices.csv_export``); the round
import takes it off again.
"""

from __future__ import annotations

import csv
import io

from practices import questionnaire
from practices.csv_export import safe_cell
from practices.survey_import import EXPLANATION, MUNICIPALITY

from . import figures, round_import

SEPARATOR = "|"
TABLE_HEADER = ("vraag", "letter", "antwoord", "aantal", "basis")


def neutralise(value) -> str:
    """The shared writer's rule (``practices.csv_export.safe_cell``), plus one ``'`` more before a
    cell that already looks neutralised (``'=x``), so the import, which takes one off, round-trips."""
    text = "" if value is None else str(value)
    if round_import.restore_cell(text) != text:
        return f"'{text}"
    return safe_cell(text)


def _csv(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def response_row(municipality_codes: list[str], answers: dict, explanations: dict) -> list[str]:
    """One response as the import reads it, in ``round_import.export_columns()`` order."""
    by_name = round_import.columns_by_name()
    row = []
    for name in round_import.export_columns():
        column = by_name[name]
        if column.kind == MUNICIPALITY:
            row.append(SEPARATOR.join(municipality_codes))
        elif column.kind == EXPLANATION:
            row.append(explanations.get(name, ""))
        elif column.statement is not None:
            row.append((answers.get(column.question.id) or {}).get(column.statement.code, ""))
        else:
            value = answers.get(column.question.id, "")
            row.append(SEPARATOR.join(value) if isinstance(value, list) else str(value))
    return row


def _codes(response) -> list[str]:
    """The covered municipalities, the invited one first, the others by CBS code."""
    codes = sorted(municipality.code for municipality in response.municipalities.all())
    own = response.invitation.municipality.code if response.invitation_id else ""
    return [own, *(code for code in codes if code != own)] if own in codes else codes


def responses_csv(round_) -> str:
    responses = (
        round_.responses.select_related("invitation__municipality")
        .prefetch_related("municipalities")
        .order_by("pk")
    )
    rows = (response_row(_codes(r), r.answers, r.explanations) for r in responses)
    return _csv(round_import.export_columns(), rows)


def question_table(round_) -> list[tuple[str, str, str, int, int]]:
    answered = figures.answered_from(
        round_.responses.select_related("invitation__municipality").prefetch_related("municipalities")
    )
    rows = []
    for question in questionnaire.load().quickscan():
        if question.id == round_import.MUNICIPALITY_COLUMN:
            continue  # the municipalities: the dashboard's coverage, not an answer
        figure = figures.figure_for(question, answered)
        if question.has_options:
            rows += [
                (f"Q{question.number}", row.option, row.label, row.count, figure.base) for row in figure.rows
            ]
        else:
            rows.append((f"Q{question.number}", "", "(open antwoord gegeven)", figure.base, figure.base))
    return rows


def question_table_csv(round_) -> str:
    return _csv(TABLE_HEADER, question_table(round_))
