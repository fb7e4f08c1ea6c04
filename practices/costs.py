"""Cost, reach and outcome figures of a profile: their ranges, the rules between them, and the
derived cost per inhabitant (CBS population of the municipalities the profile covers).

The figures answer the profile's own questions (``questionnaire.json``: ``p_annual_budget``,
``p_fte``, ``p_reached_parents``, ``p_reached_children``, the outcome indicators the 2018 study
names and ``p_figures_year``, the year they refer to). Every figure is optional; once one is
given, so must the year be.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# Fields holding a figure of one year (the year is ``figures_year``), with their upper bounds.
MAX_BUDGET = 100_000_000  # euros a year; above this a typo (cents, an extra zero) is likelier
MAX_FTE = 1_000
MAX_COUNT = 1_000_000  # people or questions a year; the largest municipality has ~930,000 inhabitants
FIRST_YEAR = 2000

COUNT_FIELDS = (
    "reached_parents",
    "reached_children",
    "desk_questions",
    "parents_right_help",
    "referrals_heavier_help",
)
FIGURE_FIELDS = ("annual_budget", "fte", *COUNT_FIELDS)


def _message(template: str, **params):
    """A message translated when shown (English editors read English), with its parameters."""
    return lazy(lambda: gettext(template) % {key: str(value) for key, value in params.items()}, str)()


def not_negative(what) -> MinValueValidator:
    return MinValueValidator(0, message=_message(gettext_noop("%(what)s kan niet negatief zijn."), what=what))


def at_most(limit: int, what) -> MaxValueValidator:
    template = gettext_noop("%(what)s is hoger dan %(limit)s; dat is niet aannemelijk. Controleer het getal.")
    return MaxValueValidator(
        limit, message=_message(template, what=what, limit=f"{limit:,}".replace(",", "."))
    )


def count_validators(what: str) -> list:
    return [not_negative(what), at_most(MAX_COUNT, what)]


def year_validators() -> list:
    return [
        MinValueValidator(
            FIRST_YEAR, message=_message(gettext_noop("Vul een jaar in vanaf %(year)s."), year=FIRST_YEAR)
        ),
        MaxValueValidator(2100, message=_("Vul een jaar in, bijvoorbeeld 2025.")),
    ]


def validate_figures(page, today: datetime.date | None = None) -> None:
    """The rules between the figures (ranges sit on the fields): a year once any figure is given,
    not in the future; no more parents at the right help than parents reached."""
    errors = {}
    given = [name for name in FIGURE_FIELDS if getattr(page, name) is not None]
    year = page.figures_year
    if given and year is None:
        errors["figures_year"] = _(
            "Vul in op welk jaar het budget, de formatie en de cijfers betrekking hebben."
        )
    if year is not None and year > (today or timezone.localdate()).year:
        errors["figures_year"] = _("Het jaar van de cijfers kan niet in de toekomst liggen.")
    reached, helped = page.reached_parents, page.parents_right_help
    if reached is not None and helped is not None and helped > reached:
        errors["parents_right_help"] = _(
            "Er kunnen niet meer ouders bij de juiste hulp zijn aangekomen (%(helped)s) dan er zijn bereikt "
            "(%(reached)s)."
        ) % {"helped": helped, "reached": reached}
    if errors:
        raise ValidationError(errors)


def reached_per_year(page) -> int | None:
    """Parents plus children reached in the figures' year; None when neither is known."""
    known = [value for value in (page.reached_parents, page.reached_children) if value is not None]
    return sum(known) if known else None


def covered_population(page) -> int | None:
    """CBS population of the municipalities the profile names; for a regional profile that names
    none, of its youth-care region. None when neither is known."""
    named = [municipality.population for municipality in page.municipalities.all()]
    region = getattr(page.region_page, "youth_care_region", None)
    region_population = None
    if not named and page.level == "regional" and region is not None:
        from django.db.models import Sum

        region_population = region.municipalities.aggregate(total=Sum("population"))["total"]
    return population_covered(named, page.level, region_population)


def population_covered(named_populations, level: str, region_population: int | None) -> int | None:
    """The rule of ``covered_population`` on plain numbers (open data has them at hand)."""
    named = list(named_populations)
    if named:
        return sum(named)
    return region_population if level == "regional" else None


def per_inhabitant(budget, population: int | None) -> Decimal | None:
    """Annual budget divided by the covered population, in euros with cents."""
    if budget is None or not population:
        return None
    return (Decimal(budget) / population).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def cost_per_inhabitant(page) -> Decimal | None:
    if page.annual_budget is None:
        return None
    return per_inhabitant(page.annual_budget, covered_population(page))
