"""With the respondent's consent, a response becomes a draft revision of the municipality's profile.

The answers go through the survey import (``practices.survey_import``) as a one-row file, so an
online response and an imported row reach the profile by exactly the same rules: the same
columns, routing checks and draft-only writes. Never published here: the region's coordinator
reviews the draft through the normal workflow.
"""

from __future__ import annotations

import csv
import io
import logging

from django.db import transaction

from practices import questionnaire, survey_import

logger = logging.getLogger(__name__)
EXPLANATION_COLUMNS = {"q12_explanation": "p_vision", "q15_explanation": "p_vision"}


def import_row(response) -> dict[str, str]:
    """The response as a survey-import row: codes, several joined by ``|``, Q23 per statement."""
    municipality = (
        response.invitation.municipality if response.invitation else response.municipalities.first()
    )
    row = {survey_import.MUNICIPALITY_COLUMN: municipality.code}
    for question_id, value in response.answers.items():
        question = questionnaire.question(question_id)
        if question.type == questionnaire.SCALE:
            statements = {term.code: term.letter for term in question.options()}
            for code, point in value.items():
                row[f"{question_id}{statements[code]}"] = point
        elif isinstance(value, list):
            row[question_id] = "|".join(value)
        else:
            row[question_id] = str(value)
    for key, column in EXPLANATION_COLUMNS.items():
        if response.explanations.get(key):
            row[column] = response.explanations[key]
    for name, column in _figure_columns().items():  # the optional figures of the closing step
        value = getattr(response, name)
        if value is not None:
            row[column] = str(value).replace(".", ",")  # the import reads Dutch decimals
    known = survey_import.columns_by_name()
    return {name: value for name, value in row.items() if name in known}


def _figure_columns() -> dict[str, str]:
    """Response field -> the profile question (import column) it answers, e.g. fte -> p_fte."""
    from practices.answers import profile_answers

    from .forms import FIGURE_FIELDS

    return {answer.name: answer.question.id for answer in profile_answers() if answer.name in FIGURE_FIELDS}


def _as_csv(row: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue()


def draft_profile_from(response, user=None) -> str:
    """Create or update the draft; returns the import's outcome, or "" when the row had problems."""
    plan = survey_import.plan_import(_as_csv(import_row(response)))
    if not plan.ok:
        logger.warning("quickscan response %s not handed to the profile: %s", response.pk, plan.problems)
        return ""
    with transaction.atomic():
        outcome = survey_import.apply_plan(plan, user=user)
        page = plan.rows[0]
        from practices.models import ApproachPage

        response.profile = ApproachPage.objects.child_of(page.region).filter(slug=page.slug).first()
        response.save(update_fields=["profile"])
    return "created" if outcome.created else "updated" if outcome.updated else "unchanged"
