"""Side-by-side comparison of 2-4 public profiles: rows of (field label, one value per profile).

Dates are shown in the active language's long date format (Django's ``DATE_FORMAT``: Dutch
"1 december 2026", English "1 December 2026" via config/formats/en). Rows no compared profile
answered are collapsed by ``collapse_empty`` into one line, "niet ingevuld bij alle profielen"."""

from __future__ import annotations

import re

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practices import answers
from practices.models import ApproachPage

MIN_PROFILES, MAX_PROFILES = 2, 4
ID_PATTERN = re.compile(r"[0-9]{1,18}")  # ASCII digits only; 18 digits always fit a 64-bit id


class CompareError(ValueError):
    pass


def parse_ids(values: list[str]) -> list[int]:
    if any(not ID_PATTERN.fullmatch(value) for value in values):
        raise CompareError(_("Ongeldige aanpak-id: gebruik alleen getallen."))
    ids = list(dict.fromkeys(int(value) for value in values))
    if not MIN_PROFILES <= len(ids) <= MAX_PROFILES:
        raise CompareError(
            _("Kies minimaal %(min)s en maximaal %(max)s verschillende aanpakken om te vergelijken.")
            % {"min": MIN_PROFILES, "max": MAX_PROFILES}
        )
    return ids


def load_profiles(ids: list[int]) -> list[ApproachPage]:
    pages = {
        page.pk: page
        for page in ApproachPage.objects.published()
        .filter(pk__in=ids)
        .prefetch_related("partners", "principles", "interventions", "municipalities")
    }
    missing = [pk for pk in ids if pk not in pages]
    if missing:
        raise CompareError(
            _("Aanpak %(ids)s bestaat niet of is niet openbaar.") % {"ids": ", ".join(map(str, missing))}
        )
    return [pages[pk] for pk in ids]


# Free text does not line up side by side; every other answer is a row, in the profile's order.
COMPARED_KINDS = frozenset(
    {
        answers.CODE,
        answers.CODES,
        answers.BOOLEAN,
        answers.NUMBER,
        answers.DATE,
        answers.RELATION,
        answers.PARTNERS,
        answers.PRINCIPLES,
    }
)


def compared_answers() -> list[answers.Answer]:
    return [answer for answer in answers.profile_answers() if answer.kind in COMPARED_KINDS]


def _cell(answer: answers.Answer, page: ApproachPage):
    shown = answer.display(page)
    if answer.kind == answers.DATE and shown:
        return long_date(shown)
    if answer.kind == answers.NUMBER and shown is not None:
        return str(shown)
    return shown if shown is not None else ""


def long_date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _review_date(page: ApproachPage) -> str:
    return long_date(page.review_date) if page.review_date else ""


def comparison_rows(pages: list[ApproachPage]) -> list[dict]:
    rows = []
    columns = [
        (answer.label, lambda page, answer=answer: _cell(answer, page)) for answer in compared_answers()
    ]
    columns.append((gettext_lazy("Laatst gecontroleerd"), _review_date))
    for label, getter in columns:
        values = [getter(page) for page in pages]
        as_sets = [frozenset(v) if isinstance(v, list) else frozenset([v]) for v in values]
        rows.append(
            {
                "label": label,
                "values": [v if isinstance(v, list) else ([v] if v else []) for v in values],
                "differs": len(set(as_sets)) > 1,
            }
        )
        rows[-1]["empty"] = not any(rows[-1]["values"])
    return rows


def collapse_empty(rows: list[dict]) -> tuple[list[dict], list]:
    """(rows with an answer for at least one profile, labels of the rows empty for all)."""
    return [row for row in rows if not row["empty"]], [row["label"] for row in rows if row["empty"]]
