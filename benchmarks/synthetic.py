"""Synthetic approach profiles for load and benchmark work (never part of the demo content).

Two layers:

* ``build_specs(...)`` is pure logic: a seeded ``random.Random`` draws field values. Answers to
  quickscan questions follow the questionnaire's route by Q4 (``practices/data/questionnaire.json``)
  and the target shares of the published 2025 round (``quickscan/data/published_rounds.json``, each
  share with its seed line; ``target_table()`` lists them). Same seed, same places, same anchor
  date → the same profiles.
* ``create_profiles(...)`` writes them fast: pages are bulk-inserted under their region page with
  treebeard paths computed here (no per-page ``add_child``), one published revision per page,
  inlines and many-to-many rows in bulk, and ``numchild`` of the touched region pages fixed, so
  the tree stays valid without ``Page.fix_tree``. Every page is ``is_fictional=True`` and titled
  "Fictief profiel 0042 – <gemeente of regio>"; ``delete_profiles()`` removes exactly those.

Search indexes are not touched here; the management command rebuilds them afterwards.
``benchmarks.synthetic_responses`` draws quickscan responses from the same targets.
"""

from __future__ import annotations

import datetime
import logging
import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from practices import questionnaire, taxonomy

# ---------------------------------------------------------------------------------------------
# Target shares. The quickscan questions' shares come from the published 2025 round
# (quickscan/data/published_rounds.json: counts, stated percentages, and readings of the report's
# phrases, each with its seed line). Where the report gives no number for an option, the tables
# below split what the report leaves over; they are our assumptions (fiction), marked "est.".
# ---------------------------------------------------------------------------------------------

PUBLISHED_ROUND = "2025"
ROUTE_QUESTION = "q4"

# Single choice: relative weights for the options the report does not quantify (est.).
UNSTATED_WEIGHTS = {
    "q6": {"very_often": 5, "often": 20, "sometimes": 60, "rarely": 13, "never": 2},  # "de meeste": soms
    "q9": {"own_no_consultation": 4, "own_ad_hoc": 1},  # d is "een klein deel hiervan"
    "q16": {"often": 50, "sometimes": 28, "never": 1},  # a+b "een groot deel"
}
# Q23 (figure 10): per statement, weights for the scale points the report leaves open (est.).
UNSTATED_SCALE_WEIGHTS = {
    "child_central": {"always": 90, "sometimes": 8, "rarely": 2, "never": 0},  # "verreweg de meeste"
    "trust_not_control": {"rarely": 1, "never": 0},
    "responsibility_with_parents": {"rarely": 1, "never": 0},  # "in enkele gevallen"
    "language_awareness": {"never": 0},
}
# Multiple choice: % of the base choosing an option the report does not quantify (est.). A range
# the report implies ("het merendeel": over half) is respected; the test checks it.
UNSTATED_INCLUSION = {
    "q21": {
        "local_team_help": 85,  # "het merendeel"
        "child_training": 75,  # "het merendeel"
        "social_map_residents": 65,  # "een iets kleiner deel" than the website's "bijna driekwart"
        "mediation": 45,
        "parent_meetings": 35,
        "contact_facilities": 35,
        "relationship_courses": 30,
        "child_support_figure": 20,
        "buddy_parents": 15,
        "buddy_children": 15,
        "other": 15,
        "uha": 10,
        "family_representative": 5,
    },
    "q22a": {  # "het merendeel" wijk-/jeugdteams; adult services "veel minder"; schools "lang niet in alle"
        "neighbourhood_team": 85,
        "youth_care_provider": 65,
        "youth_health": 55,
        "cjg": 50,
        "veilig_thuis": 50,
        "social_work": 50,
        "welfare": 45,
        "youth_mental_health": 40,
        "child_protection_board": 40,
        "mediator": 40,
        "primary_school": 35,
        "legal_desk": 35,
        "child_protection_gi": 35,
        "lawyer_mediator": 30,
        "gp": 30,
        "secondary_school": 25,
        "judiciary": 20,
        "youth_work": 20,
        "adult_mental_health": 15,
        "debt_counselling": 15,
        "childcare": 15,
        "special_education": 8,
        "associations": 5,
        "religious": 3,
        "other": 10,
        "municipality": 30,  # the profile's own partner types (not options of Q22)
        "experience_expert": 15,
    },
    "q22b": {"training_focus_staff": 45, "social_map_professionals": 45, "training_all_staff": 30},
    "q25": {"none": 4, "other": 20},  # "slechts enkele" have no bottleneck
}


def _figure(question_id: str):
    from quickscan import published

    return published.published_round(PUBLISHED_ROUND).figure_for(question_id)


@cache
def single_targets(question_id: str, statement: str = "") -> dict[str, float]:
    """Target % per option of a single-choice question (or of one Q23 statement's scale)."""
    if question_id == "q3":
        return national_size_shares()
    fill = UNSTATED_SCALE_WEIGHTS.get(statement) if statement else UNSTATED_WEIGHTS.get(question_id)
    targets = _figure(question_id).distribution(statement=statement, fill=fill)
    return {code: target.share for code, target in targets.items()}


@cache
def inclusion_targets(question_id: str) -> dict[str, float]:
    """Target % of the base choosing each option of a multiple-choice question."""
    figure = _figure(question_id)
    stated = {code: entry.share_of(figure.base.n) for code, entry in figure.inclusion().items()}
    guessed = UNSTATED_INCLUSION.get(question_id, {})
    codes = taxonomy.vocabulary(figure.question.vocabulary).codes
    missing = [c for c in codes if c not in stated and c not in guessed]
    if missing:
        raise ValueError(f"{question_id}: no target for {missing}")
    return {code: stated.get(code, guessed.get(code)) for code in codes}


@cache
def national_size_shares() -> dict[str, float]:
    """% of the 342 municipalities per size class (CBS, regions/data/inwonertal.csv)."""
    from regions.size_classes import ORDER

    places = _reference_municipalities()
    return {code: 100.0 * sum(1 for p in places if p[3] == code) / len(places) for code in ORDER}


def target_table() -> list[tuple[str, str, str, float, str]]:
    """(question, statement, option, target %, source) for every drawn quickscan answer."""
    rows = []
    for question in questionnaire.load().quickscan():
        if question.type == questionnaire.SINGLE:
            for code, share in single_targets(question.id).items():
                rows.append((question.id, "", code, share, "CBS" if question.id == "q3" else PUBLISHED_ROUND))
        elif question.type == questionnaire.SCALE:
            for statement in taxonomy.vocabulary(question.vocabulary).codes:
                for code, share in single_targets(question.id, statement).items():
                    rows.append((question.id, statement, code, share, PUBLISHED_ROUND))
        elif question.type == questionnaire.MULTIPLE:
            for code, share in inclusion_targets(question.id).items():
                rows.append((question.id, "", code, share, PUBLISHED_ROUND))
    return rows


def _solve_non_empty(wanted: dict[str, float]) -> dict[str, float]:
    """Independent inclusion probabilities p such that, redrawing empty sets, P(option) = wanted."""
    if any(not 0 <= q < 1 for q in wanted.values()):
        raise ValueError(f"inclusion shares must lie in [0, 1): {wanted}")
    p = dict(wanted)
    for _ in range(500):
        empty = math.prod(1 - value for value in p.values())
        p = {code: q * (1 - empty) for code, q in wanted.items()}
    return p


@cache
def _multiple_sampler(question_id: str, profile_extras: bool):
    vocabulary = taxonomy.vocabulary(questionnaire.question(question_id).vocabulary)
    targets = inclusion_targets(question_id)
    codes = [t.code for t in vocabulary.terms if profile_extras or t.letter]
    exclusive = [(t.code, targets[t.code] / 100) for t in vocabulary.terms if t.exclusive]
    alone = sum(share for _code, share in exclusive)
    rest = {c: targets[c] / 100 / (1 - alone) for c in codes if not vocabulary.term(c).exclusive}
    return exclusive, _solve_non_empty(rest)


def draw_multiple(rng: random.Random, question_id: str, profile_extras: bool = False) -> list[str]:
    """One answer to a multiple-choice question: an exclusive option alone ("geen knelpunten") with
    its target share, otherwise a non-empty set whose shares of the whole base are the targets
    (the others are rescaled after the exclusive draw)."""
    exclusive, probabilities = _multiple_sampler(question_id, profile_extras)
    draw = rng.random()
    for code, share in exclusive:
        if draw < share:
            return [code]
        draw -= share
    while True:
        chosen = [code for code, p in probabilities.items() if rng.random() < p]
        if chosen:
            return chosen


def draw_single(rng: random.Random, question_id: str, statement: str = "") -> str:
    return _weighted(rng, single_targets(question_id, statement))


def asks(question_id: str, stage: str) -> bool:
    """Whether the quickscan asks ``question_id`` of a respondent who answered ``stage`` to Q4."""
    letter = questionnaire.letter_of(ROUTE_QUESTION, stage)
    return questionnaire.question(question_id).applies_to({ROUTE_QUESTION: letter})


def _stage_weights() -> dict[str, float]:
    return single_targets(ROUTE_QUESTION)


STAGE_WEIGHTS = _stage_weights()  # figure 2: 42 and 28 of 153, "bijna een derde", 13 without plans, ...
# Stages "working on an approach" in the report's words (figure 2: "ongeveer driekwart"); they also
# answer the profile's own questions. The quickscan's long route (Q16–Q28) also includes d.
ACTIVE_STAGES = ("implemented", "implementing", "planning")

# ---------------------------------------------------------------------------------------------
# The profile's own questions (not in the quickscan): est. unless a source is named.
# ---------------------------------------------------------------------------------------------

LEVEL_WEIGHTS = {"municipal": 60, "regional": 36, "provincial": 4}
# Q18 "anders" is mostly Jeugdwet + Wmo, sometimes with subsidy or prevention (§5.1, line 234);
# the quickscan answer itself (funding_quickscan) stays "other".
FUNDING_OTHER_COMBINED = 0.7  # est. of "het grootste deel van deze gemeenten"
FUNDING_OTHER_EXTRAS = {"prevention": 0.3, "subsidy": 0.25, "national": 0.08, "partners_own": 0.06}
FUNDING_STRUCTURE_WEIGHTS = {"structural": 55, "incidental": 20, "mixed": 25}
# partner type → (discipline, care line) after the 2018 study's categories
PARTNER_KIND = {
    "neighbourhood_team": ("care", "line0"),
    "cjg": ("care", "line0"),
    "youth_health": ("care", "line0"),
    "youth_care_provider": ("care", "line1"),
    "adult_mental_health": ("care", "line1"),
    "youth_mental_health": ("care", "line1"),
    "gp": ("care", "line1"),
    "social_work": ("care", "line0"),
    "primary_school": ("education", "line0"),
    "secondary_school": ("education", "line0"),
    "special_education": ("education", "line0"),
    "childcare": ("education", "line0"),
    "debt_counselling": ("municipality", "line0"),
    "legal_desk": ("legal", "line1"),
    "mediator": ("legal", "line1"),
    "lawyer_mediator": ("legal", "line2"),
    "child_protection_gi": ("legal", "line2"),
    "child_protection_board": ("legal", "line2"),
    "judiciary": ("legal", "line2"),
    "veilig_thuis": ("care", "line2"),
    "welfare": ("care", "line0"),
    "youth_work": ("care", "line0"),
    "religious": ("other", "line0"),
    "associations": ("other", "line0"),
    "experience_expert": ("other", "line0"),
    "municipality": ("municipality", "line0"),
    "other": ("other", "line1"),
}
CIRCLE_WEIGHTS = {"core": 40, "flexible": 40, "listed": 20}  # 2018 study, Zoetermeer (est.)
START_YEARS = {"before_2018": (2012, 2017), "2018_2021": (2018, 2021), "after_2021": (2022, 2025)}
# Chapter 11 (open answers, in the report's order of weight): est.
NATIONAL_BOTTLENECK_PROBABILITY = {
    "youth_care_ineffective": 0.50,
    "funding_measurability": 0.40,
    "fragmentation": 0.30,
    "parent_obligations": 0.20,
    "chain_and_judiciary": 0.25,
}
# Chapter 12 (open answers): est.
SUPPORT_NEED_PROBABILITY = {
    "national_information": 0.40,
    "basic_offer": 0.35,
    "quality_mark": 0.30,
    "regional_coordination": 0.30,
    "expertise": 0.35,
    "cost_benefit": 0.25,
}
# 2018 study §4.4-4.5 (four initiatives): est.
SUCCESS_FACTOR_PROBABILITY = {
    "leadership": 0.5,
    "face_to_face": 0.45,
    "room_from_home_org": 0.3,
    "management_support": 0.35,
    "equality": 0.2,
    "funding": 0.3,
}
HINDERING_FACTOR_PROBABILITY = {
    "lack_of_time": 0.5,
    "extra_costs": 0.3,
    "declining_motivation": 0.2,
    "organisation_interests": 0.25,
    "care_legal_tension": 0.3,
    "privacy_rules": 0.25,
    "bureaucracy": 0.2,
}
# 2018 study §4.1.2.3 (front door): a desk where the offer has a divorce desk, otherwise est.
FRONT_DOOR_WITHOUT_DESK = {"connector_person": 30, "digital_only": 40, "none": 30}
FRONT_DOOR_OPERATOR_WEIGHTS = {"municipality": 70, "care_organisation": 25, "other": 5}
LEAD_ORGANISATION_WEIGHTS = {
    "municipality": 60,
    "single_care_org": 20,
    "care_orgs_jointly": 10,
    "rotating": 5,
    "other": 5,
}
INTENSITY_BY_STAGE = {
    "implemented": {"using_joint": 60, "developing_joint": 25, "exchanging_expertise": 15},
    "implementing": {"developing_joint": 50, "using_joint": 20, "exchanging_expertise": 30},
    "planning": {"mapping_offer": 50, "exchanging_expertise": 35, "developing_joint": 15},
}
INTERVENTION_PROBABILITY = 0.35  # per intervention snippet, active stages only (est.)
TOPIC_TAGS = ("complexe scheiding", "ouderschapsplan", "preventie", "kind centraal", "loket")
TAG_PROBABILITY = 0.25

TITLE_PREFIX = "Fictief profiel"
SLUG_PREFIX = "fictief-profiel"
TITLE_WIDTH = 4


# ---------------------------------------------------------------------------------------------
# Pure logic
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceOption:
    """One municipality (code, name) with the region page it belongs to.

    With ``size_class`` and populations known, profiles follow the national size distribution:
    a profile's size class is that of its largest municipality, so a regional profile names only
    the region's municipalities up to the drawn one's population."""

    region_key: int
    region_name: str
    municipality_code: str
    municipality_name: str
    region_municipality_codes: tuple[str, ...]
    province_municipality_codes: tuple[str, ...] = ()
    size_class: str = ""
    population: int = 0
    populations: tuple[tuple[str, int], ...] = ()  # (code, population) of the region and province


@dataclass
class ProfileSpec:
    number: int
    region_key: int
    title: str
    slug: str
    fields: dict
    municipality_codes: list[str]
    partners: list[dict] = field(default_factory=list)
    principles: list[tuple[str, str]] = field(default_factory=list)
    intervention_names: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published_at: datetime.datetime | None = None


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    codes = list(weights)
    return rng.choices(codes, weights=[weights[c] for c in codes], k=1)[0]


def _subset(rng: random.Random, probabilities: dict[str, float], scale: float = 1.0) -> list[str]:
    return [code for code, p in probabilities.items() if rng.random() < p * scale]


def title_for(number: int, place: str) -> str:
    return f"{TITLE_PREFIX} {number:0{TITLE_WIDTH}d} – {place}"


def slug_for(number: int) -> str:
    return f"{SLUG_PREFIX}-{number:0{TITLE_WIDTH}d}"


def _funding_sources(rng: random.Random, quickscan_answer: str) -> list[str]:
    """The profile's own funding question, consistent with the Q18 answer (never recoding it)."""
    if quickscan_answer in ("jeugdwet", "wmo"):
        return [quickscan_answer]
    if rng.random() < FUNDING_OTHER_COMBINED:
        return ["jeugdwet", "wmo", *_subset(rng, FUNDING_OTHER_EXTRAS)]
    return _subset(rng, FUNDING_OTHER_EXTRAS) or ["other"]


def _quickscan_fields(rng: random.Random, stage: str) -> tuple[dict, list[str], list[str], list]:
    """The profile fields that answer quickscan questions, only where the route asks them."""
    f: dict = {}
    offers: list[str] = []
    partner_types: list[str] = []
    principles: list[tuple[str, str]] = []
    frequency = "q16" if asks("q16", stage) else "q6"
    f["complex_divorce_frequency"] = draw_single(rng, frequency)
    if asks("q8", stage):
        f["start_period"] = draw_single(rng, "q8")
        f["start_year"] = rng.randint(*START_YEARS[f["start_period"]])
    for question_id, name in (
        ("q9", "cooperation_mode"),
        ("q10", "evaluation_status"),
        ("q13", "consultation_mode"),
        ("q14", "adoption_elsewhere"),
        ("q18", "funding_quickscan"),
        ("q19", "policy_ownership"),
        ("q20", "execution_ownership"),
    ):
        if asks(question_id, stage):
            f[name] = draw_single(rng, question_id)
    for question_id in ("q12", "q15"):  # the same field on the two routes, each with its own figure
        if asks(question_id, stage):
            f["has_vision"] = draw_single(rng, question_id) == "yes"
    if asks("q22b", stage):
        f["expertise_measures"] = draw_multiple(rng, "q22b")
        f["cooperation_bottlenecks"] = draw_multiple(rng, "q24")
        f["execution_bottlenecks"] = draw_multiple(rng, "q25")
        statements = taxonomy.vocabulary(questionnaire.question("q23").vocabulary).codes
        principles = [(s, draw_single(rng, "q23", s)) for s in statements]
    # Offer and partners: a profile still exploring (d) has not listed them yet, although the
    # quickscan asked (the responses generator answers them).
    if stage in ACTIVE_STAGES:
        offers = draw_multiple(rng, "q21")
        f["offers"] = offers
        partner_types = draw_multiple(rng, "q22a", profile_extras=True)
    return f, offers, partner_types, principles


def _own_fields(rng: random.Random, stage: str, f: dict, offers: list[str]) -> None:
    """The profile's own questions (p_…), for the stages working on an approach."""
    f["funding_sources"] = _funding_sources(rng, f.get("funding_quickscan", "other"))
    f["funding_structure"] = _weighted(rng, FUNDING_STRUCTURE_WEIGHTS)
    f["cooperation_intensity"] = _weighted(rng, INTENSITY_BY_STAGE[stage])
    f["national_bottlenecks"] = _subset(rng, NATIONAL_BOTTLENECK_PROBABILITY)
    f["support_needs"] = _subset(rng, SUPPORT_NEED_PROBABILITY)
    f["success_factors"] = _subset(rng, SUCCESS_FACTOR_PROBABILITY)
    f["hindering_factors"] = _subset(rng, HINDERING_FACTOR_PROBABILITY)
    f["lead_organisation"] = _weighted(rng, LEAD_ORGANISATION_WEIGHTS)
    f["front_door"] = "desk" if "divorce_desk" in offers else _weighted(rng, FRONT_DOOR_WITHOUT_DESK)
    if f["front_door"] != "none":
        f["front_door_operator"] = _weighted(rng, FRONT_DOOR_OPERATOR_WEIGHTS)
    f["has_steering_group"] = rng.random() < (0.6 if stage == "implemented" else 0.35)
    f["meeting_cadence_weeks"] = rng.choice((2, 4, 6, 8, 13))
    if rng.random() < 0.3:
        f["annual_budget"] = Decimal(rng.randrange(10_000, 400_000, 5_000))
        f["fte"] = Decimal(rng.randrange(20, 600, 5)) / 100
        f["figures_year"] = 2024  # a figure needs its year (practices.costs)


def _covered(place: PlaceOption, level: str) -> tuple[list[str], str]:
    if level == "municipal":
        codes, name = [place.municipality_code], place.municipality_name
    elif level == "regional":
        codes, name = list(place.region_municipality_codes), place.region_name
    else:
        codes = list(place.province_municipality_codes or place.region_municipality_codes)
        name = f"{place.region_name} (provinciaal)"
    # A profile can only cover municipalities of its own region (validation in practices).
    allowed = set(place.region_municipality_codes)
    codes = [c for c in codes if c in allowed]
    if place.populations:  # keep the drawn municipality the largest: its size class is the profile's
        population = dict(place.populations)
        codes = [c for c in codes if population.get(c, 0) <= place.population]
    return codes or [place.municipality_code], name


def build_spec(
    rng: random.Random,
    number: int,
    place: PlaceOption,
    anchor: datetime.date,
    intervention_names: tuple[str, ...] = (),
) -> ProfileSpec:
    """Draw one profile. Only the rng decides; no database access."""
    stage = _weighted(rng, STAGE_WEIGHTS)
    active = stage in ACTIVE_STAGES
    level = _weighted(rng, LEVEL_WEIGHTS)
    codes, place_name = _covered(place, level)

    f, offers, partner_types, principles = _quickscan_fields(rng, stage)
    f |= {"level": level, "stage": stage, "is_fictional": True}
    partners: list[dict] = []
    if active:
        _own_fields(rng, stage, f, offers)
        for partner_type in partner_types:
            discipline, care_line = PARTNER_KIND[partner_type]
            partners.append(
                {
                    "organisation": f"{taxonomy.label('partner_type', partner_type)} "
                    f"{place.municipality_name}",
                    "partner_type": partner_type,
                    "discipline": discipline,
                    "care_line": care_line,
                    "circle": _weighted(rng, CIRCLE_WEIGHTS),
                }
            )

    stage_label = taxonomy.label("stage", stage)
    offer_text = ", ".join(taxonomy.label("offer", c).lower() for c in offers[:3])
    f["summary"] = f"Fictief profiel (testdata) voor {place_name}. Fase: {stage_label.lower()}." + (
        f" Aanbod onder meer: {offer_text}." if offer_text else ""
    )
    days_ago = rng.randint(0, 900)
    published = datetime.datetime.combine(
        anchor - datetime.timedelta(days=days_ago), datetime.time(9, 0), tzinfo=datetime.UTC
    ) + datetime.timedelta(minutes=rng.randint(0, 480))
    f["last_reviewed"] = (published + datetime.timedelta(days=rng.randint(0, 60))).date()
    if f["last_reviewed"] > anchor:
        f["last_reviewed"] = anchor
    f["contact_email"] = f"aanpak-{number}@voorbeeld.invalid"

    interventions = (
        [name for name in intervention_names if rng.random() < INTERVENTION_PROBABILITY] if active else []
    )
    tags = [tag for tag in TOPIC_TAGS if rng.random() < TAG_PROBABILITY]
    return ProfileSpec(
        number=number,
        region_key=place.region_key,
        title=title_for(number, place_name),
        slug=slug_for(number),
        fields=f,
        municipality_codes=codes,
        partners=partners,
        principles=principles,
        intervention_names=interventions,
        tags=tags,
        published_at=published,
    )


def draw_place(rng: random.Random, places: list[PlaceOption]) -> PlaceOption:
    """A size class with its national share, then a municipality of that class (uniformly when
    the places carry no size class, as in small test fixtures)."""
    by_class: dict[str, list[PlaceOption]] = {}
    for place in places:
        by_class.setdefault(place.size_class, []).append(place)
    if "" in by_class:
        return rng.choice(places)
    shares = {code: share for code, share in national_size_shares().items() if code in by_class}
    return rng.choice(by_class[_weighted(rng, shares)])


def build_specs(
    count: int,
    seed: int,
    places: list[PlaceOption],
    anchor: datetime.date,
    first_number: int = 1,
    intervention_names: tuple[str, ...] = (),
) -> list[ProfileSpec]:
    """``count`` profiles, their municipalities following the national size distribution."""
    if not places:
        raise ValueError("Geen gemeenten met een regiopagina: laad eerst de referentiedata en de site.")
    rng = random.Random(seed)
    return [
        build_spec(rng, first_number + i, draw_place(rng, places), anchor, intervention_names)
        for i in range(count)
    ]


@cache
def _reference_municipalities() -> tuple[tuple[str, str, int, str, str, str], ...]:
    """(code, name, population, size class, youth-care region code, province code) from the CBS file."""
    from regions.reference import read_municipality_rows
    from regions.size_classes import size_class_for

    return tuple(
        (
            row["Code_1"],
            row["Naam_2"],
            int(row["Inwonertal_54"]),
            size_class_for(row["Code_1"], int(row["Inwonertal_54"])),
            row["Code_16"],
            row["Code_26"],
        )
        for row in read_municipality_rows()
    )


def reference_places() -> list[PlaceOption]:
    """Every municipality of the CBS file as a place, without the database (region keys are indexes)."""
    rows = _reference_municipalities()
    regions = sorted({row[4] for row in rows})
    population = {row[0]: row[2] for row in rows}
    by_region: dict[str, tuple[str, ...]] = {}
    by_province: dict[str, tuple[str, ...]] = {}
    for row in rows:
        by_region[row[4]] = (*by_region.get(row[4], ()), row[0])
        by_province[row[5]] = (*by_province.get(row[5], ()), row[0])
    return [
        PlaceOption(
            region_key=regions.index(region),
            region_name=f"Jeugdregio {region}",
            municipality_code=code,
            municipality_name=name,
            region_municipality_codes=by_region[region],
            province_municipality_codes=by_province[province],
            size_class=size_class,
            population=inhabitants,
            populations=tuple(
                sorted((c, population[c]) for c in {*by_region[region], *by_province[province]})
            ),
        )
        for code, name, inhabitants, size_class, region, province in rows
    ]


# ---------------------------------------------------------------------------------------------
# Database side
# ---------------------------------------------------------------------------------------------

BATCH = 500


@dataclass
class Report:
    created: int = 0
    deleted: int = 0
    seconds: float = 0.0
    regions: int = 0


def place_options() -> list[PlaceOption]:
    from regions.models import Municipality, RegionPage

    by_region: dict[int, list[tuple[str, str]]] = {}
    by_province: dict[int, list[str]] = {}
    province_of: dict[str, int] = {}
    size: dict[str, tuple[str, int]] = {}
    for code, name, region_id, province_id, size_class, population in Municipality.objects.order_by(
        "code"
    ).values_list("code", "name", "youth_care_region_id", "province_id", "size_class", "population"):
        by_region.setdefault(region_id, []).append((code, name))
        by_province.setdefault(province_id, []).append(code)
        province_of[code] = province_id
        size[code] = (size_class, population)
    options = []
    for page_id, title, region_id in (
        RegionPage.objects.filter(youth_care_region__isnull=False)
        .order_by("path")
        .values_list("id", "title", "youth_care_region_id")
    ):
        members = by_region.get(region_id, [])
        codes = tuple(code for code, _ in members)
        for code, name in members:
            province_codes = tuple(by_province[province_of[code]])
            options.append(
                PlaceOption(
                    region_key=page_id,
                    region_name=title,
                    municipality_code=code,
                    municipality_name=name,
                    region_municipality_codes=codes,
                    province_municipality_codes=province_codes,
                    size_class=size[code][0],
                    population=size[code][1],
                    populations=tuple(sorted((c, size[c][1]) for c in {*codes, *province_codes})),
                )
            )
    return options


def _next_number() -> int:
    from practices.models import ApproachPage

    highest = 0
    for slug in ApproachPage.objects.filter(is_fictional=True, slug__startswith=SLUG_PREFIX).values_list(
        "slug", flat=True
    ):
        tail = slug.rsplit("-", 1)[-1]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return highest + 1


def create_profiles(
    count: int,
    seed: int,
    anchor: datetime.date | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> Report:
    """Bulk-create ``count`` published fictional profiles. Atomic: all or nothing."""
    import time

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Page, Revision

    from practices.models import ApproachPage, ApproachPageTag, ApproachPartner, Intervention, PrincipleRating
    from regions.models import Municipality

    started = time.perf_counter()
    anchor = anchor or timezone.localdate()
    places = place_options()
    interventions = {i.name: i for i in Intervention.objects.order_by("name")}
    with transaction.atomic():
        specs = build_specs(
            count, seed, places, anchor, first_number=_next_number(), intervention_names=tuple(interventions)
        )
        log(f"{len(specs)} profielen getrokken ({time.perf_counter() - started:.1f} s)")
        parents = {p.pk: p for p in Page.objects.filter(pk__in={s.region_key for s in specs})}
        municipality_ids = dict(Municipality.objects.values_list("code", "id"))
        tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TOPIC_TAGS}
        page_ct = ContentType.objects.get_for_model(Page)
        approach_ct = ContentType.objects.get_for_model(ApproachPage)

        # Treebeard materialised path: the next free step under each parent.
        next_step: dict[int, int] = {}
        for parent in parents.values():
            last = parent.get_last_child()
            next_step[parent.pk] = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1

        pages: list[ApproachPage] = []
        for spec in specs:
            parent = parents[spec.region_key]
            path = Page._get_path(parent.path, parent.depth + 1, next_step[parent.pk])
            next_step[parent.pk] += 1
            page = ApproachPage(
                title=spec.title,
                draft_title=spec.title,
                slug=spec.slug,
                path=path,
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{spec.slug}/",
                locale_id=parent.locale_id,
                translation_key=uuid.UUID(
                    int=random.Random(f"{seed}-{spec.number}").getrandbits(128), version=4
                ),
                content_type=approach_ct,
                live=True,
                has_unpublished_changes=False,
                first_published_at=spec.published_at,
                last_published_at=spec.published_at,
                latest_revision_created_at=spec.published_at,
                **spec.fields,
            )
            page.review_on = page.review_date  # what ApproachPage.save stores; bulk inserts skip save
            pages.append(page)

        # 1. wagtailcore_page rows (Django cannot bulk_create a multi-table child in one go).
        page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
        base_rows = Page.objects.bulk_create(
            [Page(**{name: getattr(p, name) for name in page_fields}) for p in pages], batch_size=BATCH
        )
        for page, base in zip(pages, base_rows, strict=True):
            page.pk = page.id = page.page_ptr_id = base.pk
        # 2. the ApproachPage rows (child table only, keyed by the parent's id).
        ApproachPage.objects.all()._batched_insert(pages, ApproachPage._meta.local_concrete_fields, BATCH)
        log(f"pagina's ingevoegd ({time.perf_counter() - started:.1f} s)")

        # 3. inlines and many-to-many rows
        partners, principles, m2m_muni, m2m_int, tag_rows = [], [], [], [], []
        MuniThrough = ApproachPage.municipalities.through
        InterventionThrough = ApproachPage.interventions.through
        for page, spec in zip(pages, specs, strict=True):
            page_partners = [
                ApproachPartner(page=page, sort_order=i, **p) for i, p in enumerate(spec.partners)
            ]
            page_principles = [
                PrincipleRating(page=page, sort_order=i, principle=p, scale=s)
                for i, (p, s) in enumerate(spec.principles)
            ]
            partners.extend(page_partners)
            principles.extend(page_principles)
            m2m_muni.extend(
                MuniThrough(approachpage_id=page.pk, municipality_id=municipality_ids[c])
                for c in spec.municipality_codes
            )
            m2m_int.extend(
                InterventionThrough(approachpage_id=page.pk, intervention_id=interventions[n].pk)
                for n in spec.intervention_names
            )
            tag_rows.extend(ApproachPageTag(content_object_id=page.pk, tag=tags[t]) for t in spec.tags)
        ApproachPartner.objects.bulk_create(partners, batch_size=BATCH)
        PrincipleRating.objects.bulk_create(principles, batch_size=BATCH)
        MuniThrough.objects.bulk_create(m2m_muni, batch_size=BATCH)
        InterventionThrough.objects.bulk_create(m2m_int, batch_size=BATCH)
        ApproachPageTag.objects.bulk_create(tag_rows, batch_size=BATCH)
        log(f"partners, gemeenten en trefwoorden ingevoegd ({time.perf_counter() - started:.1f} s)")

        # 4. one published revision per page, content as Wagtail would serialise it
        by_page_partners: dict[int, list] = {}
        for partner in partners:
            by_page_partners.setdefault(partner.page_id, []).append(partner)
        by_page_principles: dict[int, list] = {}
        for rating in principles:
            by_page_principles.setdefault(rating.page_id, []).append(rating)
        revisions = []
        for page, spec in zip(pages, specs, strict=True):
            content = _revision_content(
                page,
                by_page_partners.get(page.pk, []),
                by_page_principles.get(page.pk, []),
                [municipality_ids[c] for c in spec.municipality_codes],
                [interventions[n].pk for n in spec.intervention_names],
            )
            revisions.append(
                Revision(
                    content_type=approach_ct,
                    base_content_type=page_ct,
                    object_id=str(page.pk),
                    created_at=spec.published_at,
                    object_str=page.title,
                    content=content,
                )
            )
        revisions = Revision.objects.bulk_create(revisions, batch_size=BATCH)
        base_updates = []
        for base, revision in zip(base_rows, revisions, strict=True):
            base.latest_revision_id = base.live_revision_id = revision.pk
            base_updates.append(base)
        Page.objects.bulk_update(base_updates, ["latest_revision", "live_revision"], batch_size=BATCH)
        log(f"revisies ingevoegd ({time.perf_counter() - started:.1f} s)")

        _fix_numchild(parents.values())
    return Report(created=len(pages), seconds=time.perf_counter() - started, regions=len(parents))


def _translation_key(seed: int, number: int) -> uuid.UUID:
    return uuid.UUID(int=random.Random(f"{seed}-{number}").getrandbits(128), version=4)


def _revision_content(page, partners, principles, municipality_ids, intervention_ids) -> dict:
    """The page's own ``serializable_data()`` plus its inlines, without touching the database."""
    from modelcluster.models import get_serializable_data_for_fields

    content = get_serializable_data_for_fields(page)
    content["partners"] = [{**get_serializable_data_for_fields(p), "page": page.pk} for p in partners]
    content["principles"] = [{**get_serializable_data_for_fields(p), "page": page.pk} for p in principles]
    for name in ("evaluation_reports", "contacts", "lineage", "tagged_items", "comments"):
        content[name] = []
    content["municipalities"] = municipality_ids
    content["interventions"] = intervention_ids
    content["pk"] = page.pk
    return content


def _fix_numchild(parents) -> None:
    from wagtail.models import Page

    for parent in parents:
        Page.objects.filter(pk=parent.pk).update(numchild=Page.objects.child_of(parent).count())


def delete_profiles(log: Callable[[str], None] = lambda message: None) -> Report:
    """Remove every ``is_fictional`` profile (and only those), with revisions and inlines."""
    import time

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import QuerySet
    from wagtail.models import Page, Revision

    from practices.models import ApproachPage

    started = time.perf_counter()
    wagtail_logger = logging.getLogger("wagtail")
    level = wagtail_logger.level
    wagtail_logger.setLevel(logging.WARNING)  # one "Page deleted" line per page is noise here
    try:
        with transaction.atomic():
            ids = list(ApproachPage.objects.filter(is_fictional=True).values_list("pk", flat=True))
            parent_paths = {
                path[: -Page.steplen]
                for path in ApproachPage.objects.filter(is_fictional=True).values_list("path", flat=True)
            }
            approach_ct = ContentType.objects.get_for_model(ApproachPage)
            for start in range(0, len(ids), BATCH):
                chunk = ids[start : start + BATCH]
                Revision.objects.filter(
                    content_type=approach_ct, object_id__in=[str(pk) for pk in chunk]
                ).delete()
                # Plain Django delete (treebeard's would walk descendants; these pages have none).
                QuerySet.delete(Page.objects.filter(pk__in=chunk))
            _fix_numchild(Page.objects.filter(path__in=parent_paths))
    finally:
        wagtail_logger.setLevel(level)
    log(f"{len(ids)} fictieve profielen verwijderd")
    return Report(deleted=len(ids), seconds=time.perf_counter() - started)
