"""Cost insight for the national picture: how annual budget, FTE, cost per inhabitant and reach
are spread over published profiles, by stage (Q4) and by size class.

A measure is shown only when at least ``MIN_REPORTING`` profiles report it, and within it a
group (a stage, a size class) only when at least that many of its profiles do: fewer says too
much about one municipality and too little about the country. The quickscan asks for research
into costs and savings (recommendation 2) and cites the 2020 cost analysis of complex divorces
(``COST_ANALYSIS``).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from . import costs, taxonomy
from .figures import ReferenceLookup, published_profiles, size_class_label, size_classes
from .kept import KeptTally

MIN_REPORTING = 5

# The quickscan's footnote 11 (seed 000 line 579). The seed gives no address for the publication
# (its link is "#"), so none is invented here; set ``url`` once the ministry confirms one.
COST_ANALYSIS = {
    "title": "Kostenanalyse van complexe scheidingen",
    "author": "Significant Public",
    "year": 2020,
    "finding": _("complexe scheidingen brengen met name veel kosten in het gemeentelijk domein met zich mee"),
    "cited_in": _("Quickscan relaties en (echt)scheidingen 2025, voetnoot 11"),
    "url": "",
}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # "euro", "fte", "people"


MEASURES = (
    Measure("annual_budget", _("Jaarbudget (euro)"), "euro"),
    Measure("cost_per_inhabitant", _("Kosten per inwoner (euro)"), "euro"),
    Measure("fte", _("Formatie (fte)"), "fte"),
    Measure("reached_per_year", _("Bereikte ouders en kinderen per jaar"), "people"),
)


@dataclass
class Group:
    code: str
    label: str
    count: int
    median: float | None = None
    low: float | None = None
    high: float | None = None

    @property
    def shown(self) -> bool:
        return self.count >= MIN_REPORTING


@dataclass
class Distribution:
    measure: Measure
    reporting: int
    by_stage: list[Group] = field(default_factory=list)
    by_size: list[Group] = field(default_factory=list)
    overall: Group | None = None

    @property
    def shown(self) -> bool:
        return self.reporting >= MIN_REPORTING


def _group(code: str, label, values: list[float]) -> Group:
    """``values`` in ascending order."""
    if len(values) < MIN_REPORTING:
        return Group(code, str(label), len(values))
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return Group(code, str(label), len(values), median, values[0], values[-1])


def profile_values(ids: Iterable[int] | None = None) -> dict[int, dict]:
    """Per published profile (``ids`` only, if given): its stage, size class and each measure
    (None when not reported). Four queries, whatever the number of profiles."""
    from .models import ApproachPage

    fields = ("pk", "path", "level", "stage", "annual_budget", "fte", "reached_parents", "reached_children")
    profiles = published_profiles()
    if ids is not None:
        profiles = profiles.filter(pk__in=list(ids))
    rows = list(profiles.order_by("path").values(*fields))
    through = ApproachPage.municipalities.through
    named: dict[int, list[int]] = defaultdict(list)
    for page_id, municipality_id in through.objects.filter(
        approachpage_id__in=profiles.values("pk")
    ).values_list("approachpage_id", "municipality_id"):
        named[page_id].append(municipality_id)
    lookup = ReferenceLookup()
    result = {}
    for row in rows:
        _region_page, _code, region_id = lookup.region_for(row["path"])
        ids_named = named[row["pk"]]
        population = costs.population_covered(
            [lookup.municipalities[pk][0] for pk in ids_named if pk in lookup.municipalities],
            row["level"],
            lookup.region_population.get(region_id),
        )
        reach = [value for value in (row["reached_parents"], row["reached_children"]) if value is not None]
        per_inhabitant = costs.per_inhabitant(row["annual_budget"], population)
        result[row["pk"]] = {
            "stage": row["stage"] or "",
            "size_class": lookup.size_class_for(ids_named, region_id),
            "annual_budget": row["annual_budget"],
            "fte": row["fte"],
            "cost_per_inhabitant": per_inhabitant,
            "reached_per_year": sum(reach) if reach else None,
        }
    return result


def _number(value) -> float:
    return float(value) if isinstance(value, Decimal) else value


class CostTally:
    """Every published profile's measures, and per measure and group (all, a stage, a size class)
    the reported values in sorted order, so medians need no pass over all profiles and a changed
    profile moves only its own values (``replace``)."""

    def __init__(self, values: dict[int, dict]):
        self.values: dict[int, dict] = {}
        self.sorted: dict[tuple[str, str, str], list[float]] = defaultdict(list)
        for pk, row in values.items():
            self._add(pk, row)

    @staticmethod
    def _groups(row: dict) -> tuple[tuple[str, str], ...]:
        return (("all", ""), ("stage", row["stage"]), ("size", row["size_class"]))

    def _add(self, pk: int, row: dict) -> None:
        self.values[pk] = row
        for measure in MEASURES:
            if row[measure.key] is not None:
                for kind, code in self._groups(row):
                    bisect.insort(self.sorted[(measure.key, kind, code)], _number(row[measure.key]))

    def _remove(self, pk: int) -> None:
        row = self.values.pop(pk, None)
        if row is None:
            return
        for measure in MEASURES:
            if row[measure.key] is not None:
                for kind, code in self._groups(row):
                    numbers = self.sorted[(measure.key, kind, code)]
                    del numbers[bisect.bisect_left(numbers, _number(row[measure.key]))]

    def replace(self, ids: Iterable[int], values: dict[int, dict]) -> None:
        """Profiles ``ids`` as they are now: ``values`` holds those still published."""
        for pk in ids:
            self._remove(pk)
            if pk in values:
                self._add(pk, values[pk])

    def distributions(self) -> list[Distribution]:
        stage_vocabulary = taxonomy.vocabulary("stage")
        result = []
        for measure in MEASURES:
            overall = self.sorted.get((measure.key, "all", ""), [])
            distribution = Distribution(
                measure, len(overall), overall=_group("", _("Alle profielen"), overall)
            )
            for code in [*stage_vocabulary.codes, ""]:
                if numbers := self.sorted.get((measure.key, "stage", code)):
                    label = stage_vocabulary.label(code) if code else _("Fase niet ingevuld")
                    distribution.by_stage.append(_group(code, label, numbers))
            for code in size_classes():
                if numbers := self.sorted.get((measure.key, "size", code)):
                    distribution.by_size.append(_group(code, size_class_label(code), numbers))
            result.append(distribution)
        return result


def distributions(values: Iterable[dict]) -> list[Distribution]:
    """The distributions over plain rows (as ``profile_values`` gives them)."""
    return CostTally(dict(enumerate(values))).distributions()


_live = KeptTally(
    lambda: CostTally(profile_values()),
    lambda tally, changed: tally.replace(changed, profile_values(changed)),
)


def cost_insight() -> dict:
    return {
        "distributions": _live.current().distributions(),
        "min_reporting": MIN_REPORTING,
        "cost_analysis": COST_ANALYSIS,
        "note": lazy(
            lambda: (
                str(
                    _(
                        "Nog geen verdeling: minder dan %(n)s gepubliceerde profielen vermelden dit cijfer. "
                        "Een verdeling over minder profielen zou te veel zeggen over één gemeente."
                    )
                )
                % {"n": MIN_REPORTING}
            ),
            str,
        )(),
    }
