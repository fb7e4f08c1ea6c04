"""Coverage of a proposed basisaanbod: which of its elements each region and municipality offers.

Two sources, kept apart because they differ in what may be shown:

* **profiles** (public by nature): a published profile (``ApproachPage.objects.published()``)
  offers an element when it ticks the offer type (Q21) or links the intervention. It covers the
  municipalities it names; a profile that names none counts for its region only.
* **the latest quickscan round** (answered anonymously): a complete response reports an element
  when its Q21 answer holds the offer type (for an intervention: the offer type it is filed under,
  if any). Only counts per region are returned, and only for regions with at least ``SMALL_CELL``
  responses to Q21; a single municipality's answer never leaves this module.

``round_trend`` gives the national share per element for every round with answers, so the page
can show how coverage changes over rounds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from practices.models import ApproachPage
from quickscan.figures import SMALL_CELL, percent
from quickscan.models import Response, Round
from regions.models import Municipality, RegionPage, YouthCareRegion

OFFER_QUESTION = "q21"


@dataclass
class Element:
    key: str  # "offer:<code>" or "intervention:<pk>"
    label: str
    offer: str  # the Q21 code the quickscan can report it under ("" when none)
    intervention_id: int | None = None


@dataclass
class RegionCoverage:
    code: str
    name: str
    municipalities: int
    # element key -> municipalities of the region named by a profile offering it
    by_profile: dict[str, int] = field(default_factory=dict)
    # element key -> True when some profile in the region offers it (named municipalities or not)
    in_region: dict[str, bool] = field(default_factory=dict)
    survey_base: int | None = None  # responses to Q21 in the region; None: fewer than SMALL_CELL
    by_survey: dict[str, int | None] = field(default_factory=dict)

    def cells(self, elements: list[Element]) -> list[dict]:
        return [
            {
                "element": e,
                "named": self.by_profile.get(e.key, 0),
                "in_region": bool(self.in_region.get(e.key)),
                "survey": self.by_survey.get(e.key),
                "survey_asked": bool(e.offer),
            }
            for e in elements
        ]

    def gaps(self, elements: list[Element]) -> list[Element]:
        """Elements no profile in the region offers and the survey (when shown) does not report."""
        return [
            e for e in elements if not self.in_region.get(e.key) and self.by_survey.get(e.key) in (None, 0)
        ]


@dataclass
class Coverage:
    elements: list[Element]
    regions: list[RegionCoverage]
    round_label: str = ""
    municipality_offers: dict[str, list[str]] = field(default_factory=dict)  # GM code -> element keys

    def covered_regions(self, key: str) -> int:
        return sum(1 for region in self.regions if region.in_region.get(key))

    def table(self) -> list[tuple[RegionCoverage, list[dict], list[Element]]]:
        return [(region, region.cells(self.elements), region.gaps(self.elements)) for region in self.regions]

    def totals(self) -> list[tuple[Element, int]]:
        return [(e, self.covered_regions(e.key)) for e in self.elements]

    def municipality_rows(self) -> list[tuple[str, list[str]]]:
        """(municipality name, labels of the elements its profiles offer), from profiles only."""
        labels = {e.key: e.label for e in self.elements}
        names = dict(
            Municipality.objects.filter(code__in=self.municipality_offers).values_list("code", "name")
        )
        return sorted(
            (names.get(code, code), [labels[key] for key in keys])
            for code, keys in self.municipality_offers.items()
        )


def elements_of(rows) -> list[Element]:
    """``BasisaanbodElement`` rows (or anything with offer/intervention/label) as Elements."""
    elements = []
    for row in rows:
        if row.intervention_id:
            elements.append(
                Element(
                    f"intervention:{row.intervention_id}",
                    row.label,
                    row.intervention.offer,
                    row.intervention_id,
                )
            )
        elif row.offer:
            elements.append(Element(f"offer:{row.offer}", row.label, row.offer))
    return elements


def _profile_offers(profile, elements: list[Element], intervention_ids: set[int]) -> list[str]:
    offers = set(profile.offers or [])
    keys = []
    for element in elements:
        if element.intervention_id is not None:
            if element.intervention_id in intervention_ids:
                keys.append(element.key)
        elif element.offer in offers:
            keys.append(element.key)
    return keys


def latest_round() -> Round | None:
    return (
        Round.objects.filter(kind=Round.Kind.LIVE)
        .exclude(status=Round.Status.DRAFT)
        .filter(responses__submitted_at__isnull=False)
        .distinct()
        .order_by("-label")
        .first()
    )


def _survey_rows(round_) -> list[tuple[set[str], list[str]]]:
    """(region codes, Q21 codes) per complete response that answered Q21."""
    responses = (
        Response.objects.filter(round=round_, submitted_at__isnull=False)
        .select_related("invitation__municipality__youth_care_region")
        .prefetch_related("municipalities__youth_care_region")
    )
    rows = []
    for response in responses:
        answer = response.answers.get(OFFER_QUESTION)
        if not isinstance(answer, list) or not answer:
            continue
        municipalities = list(response.municipalities.all())
        if response.invitation_id and response.invitation.municipality_id:
            municipalities.append(response.invitation.municipality)
        regions = {m.youth_care_region.code for m in municipalities}
        rows.append((regions, [str(code) for code in answer]))
    return rows


def _shown(count: int) -> int | None:
    """The quickscan's small-cell rule (``quickscan.figures``): counts under SMALL_CELL are hidden."""
    return count if count >= SMALL_CELL or count == 0 else None


def basisaanbod_coverage(rows) -> Coverage:
    elements = elements_of(rows)
    regions = {r.code: RegionCoverage(r.code, r.name, 0) for r in YouthCareRegion.objects.order_by("name")}
    region_of_municipality = {}
    for code, region_code in Municipality.objects.values_list("code", "youth_care_region__code"):
        region_of_municipality[code] = region_code
        regions[region_code].municipalities += 1
    region_by_path = dict(RegionPage.objects.values_list("path", "youth_care_region__code"))

    named: dict[str, set[str]] = defaultdict(set)  # element key -> municipality codes
    municipality_offers: dict[str, set[str]] = defaultdict(set)
    profiles = ApproachPage.objects.published().only("path", "offers").prefetch_related("municipalities")
    interventions_of = defaultdict(set)
    through = ApproachPage.interventions.through
    for page_id, intervention_id in through.objects.filter(approachpage__in=profiles).values_list(
        "approachpage_id", "intervention_id"
    ):
        interventions_of[page_id].add(intervention_id)
    for profile in profiles:
        keys = _profile_offers(profile, elements, interventions_of[profile.pk])
        region_code = region_by_path.get(profile.path[: -ApproachPage.steplen])
        for key in keys:
            if region_code in regions:
                regions[region_code].in_region[key] = True
            for municipality in profile.municipalities.all():
                named[key].add(municipality.code)
                municipality_offers[municipality.code].add(key)
    for key, codes in named.items():
        for code in codes:
            region = regions.get(region_of_municipality.get(code))
            if region is not None:
                region.by_profile[key] = region.by_profile.get(key, 0) + 1

    round_ = latest_round()
    if round_ is not None:
        base: dict[str, int] = defaultdict(int)
        reported: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for region_codes, answer in _survey_rows(round_):
            for region_code in region_codes:
                base[region_code] += 1
                for element in elements:
                    if element.offer and element.offer in answer:
                        reported[region_code][element.key] += 1
        for code, region in regions.items():
            if base.get(code, 0) >= SMALL_CELL:
                region.survey_base = base[code]
                region.by_survey = {
                    e.key: _shown(reported[code].get(e.key, 0)) if e.offer else None for e in elements
                }
            else:
                region.by_survey = {e.key: None for e in elements}
    return Coverage(
        elements=elements,
        regions=list(regions.values()),
        round_label=round_.label if round_ else "",
        municipality_offers={code: sorted(keys) for code, keys in municipality_offers.items()},
    )


@dataclass
class TrendRow:
    round_label: str
    base: int
    shares: dict[str, float | None]  # element key -> percentage of responses reporting it

    @property
    def share_list(self) -> list[float | None]:  # in the elements' order, for the table
        return list(self.shares.values())


def round_trend(elements: list[Element]) -> list[TrendRow]:
    """National share per element in every live round with at least SMALL_CELL answers to Q21."""
    rows = []
    rounds = Round.objects.filter(kind=Round.Kind.LIVE).exclude(status=Round.Status.DRAFT).order_by("label")
    for round_ in rounds:
        answers = [answer for _regions, answer in _survey_rows(round_)]
        if len(answers) < SMALL_CELL:
            continue
        shares = {
            e.key: percent(sum(1 for a in answers if e.offer in a), len(answers)) if e.offer else None
            for e in elements
        }
        rows.append(TrendRow(round_.label, len(answers), shares))
    return rows
