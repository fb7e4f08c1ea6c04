"""Synthetic approach profiles for load and benchmark work (never part of the demo content).

Two layers:

* ``build_specs(...)`` is pure logic: a seeded ``random.Random`` draws field values with the
  proportions of the 2025 quickscan (tables below, each with its source). Same seed, same
  regions, same anchor date → the same profiles.
* ``create_profiles(...)`` writes them fast: pages are bulk-inserted under their region page with
  treebeard paths computed here (no per-page ``add_child``), one published revision per page,
  inlines and many-to-many rows in bulk, and ``numchild`` of the touched region pages fixed, so
  the tree stays valid without ``Page.fix_tree``. Every page is ``is_fictional=True`` and titled
  "Fictief profiel 0042 – <gemeente of regio>"; ``delete_profiles()`` removes exactly those.

Search indexes are not touched here; the management command rebuilds them afterwards.
"""

from __future__ import annotations

import datetime
import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from practices import taxonomy

# ---------------------------------------------------------------------------------------------
# Proportions. Source: quickscan 2025 "Aandacht en aanpak gemeenten voor (echt)scheidingen"
# (seeds/000_…txt). The report's figures are images; shares come from the report's text where it
# states them ("ruim een kwart", "bijna driekwart", 42 of 153, …) and are marked "est." where the
# text only gives an order ("het merendeel", "veel minder") and the number is our estimate.
# ---------------------------------------------------------------------------------------------

# Figure 2 / taxonomy note (n=153): 42 implemented (27%), 28 implementing (18%), about a third
# planning, a quarter not (yet) working on it, of which 3% no attention at all.
STAGE_WEIGHTS = {
    "implemented": 27,
    "implementing": 18,
    "planning": 30,
    "exploring": 10,  # est. split of the "not yet" quarter
    "not_started": 5,  # est.
    "no_action": 5,  # est.
    "chosen_not_to": 2,  # est.
    "no_attention": 3,  # "drie procent ... geen aandacht"
}
ACTIVE_STAGES = ("implemented", "implementing", "planning")  # the quickscan's full questionnaire

# Level of the profile (the registry's own question p_level, not the quickscan): est.
LEVEL_WEIGHTS = {"municipal": 60, "regional": 36, "provincial": 4}

# Figure 3: a fifth "heel vaak", most "vaak" or "heel vaak", 1% "zelden".
FREQUENCY_WEIGHTS = {"very_often": 20, "often": 50, "sometimes": 29, "rarely": 1}

# Figure 4 / §5.1 (multiple answers): almost half Jeugdwet alone, about half "other", mostly
# Jeugdwet + Wmo, sometimes subsidy and/or prevention. Independent inclusion probabilities.
FUNDING_PROBABILITY = {
    "jeugdwet": 0.80,  # the half that names it + most of the "other" answers
    "wmo": 0.35,  # est. ("Jeugdwet als de Wmo" in most "other" answers)
    "prevention": 0.22,  # est.
    "subsidy": 0.15,  # est.
    "national": 0.08,  # est.
    "partners_own": 0.06,  # est.
    "other": 0.08,  # est.
}
FUNDING_STRUCTURE_WEIGHTS = {"structural": 55, "incidental": 20, "mixed": 25}  # est. (§5.1)

# Figures 5 and 6: ownership in policy and in execution.
POLICY_OWNERSHIP_WEIGHTS = {"single_officer": 50, "several_officers": 27, "not_assigned": 23}
EXECUTION_OWNERSHIP_WEIGHTS = {"several_officers": 40, "single_officer": 28, "not_assigned": 32}

# Figure 7 (n=140, multiple answers): offer for parents and children.
OFFER_PROBABILITY = {
    "local_team_help": 0.85,  # "merendeel" (est. 85%)
    "child_training": 0.75,  # "merendeel" (est. 75%)
    "information_website": 0.72,  # "bijna driekwart"
    "social_map_residents": 0.65,  # "iets kleiner deel"
    "divorce_desk": 0.40,  # "ongeveer twee vijfde"
    "mediation": 0.45,  # est.
    "parent_meetings": 0.35,  # est.
    "relationship_courses": 0.30,  # est.
    "contact_facilities": 0.35,  # est.
    "child_support_figure": 0.20,  # est.
    "buddy_parents": 0.15,  # est.
    "buddy_children": 0.15,  # est.
    "uha": 0.10,  # est.
    "family_representative": 0.05,  # est.
    "other": 0.15,  # est.
}

# Figure 8 (n=140, multiple answers): partner types; "merendeel" wijk-/jeugdteams, far fewer
# adult services (volwassenen-GGZ, schuldhulp), education "lang niet in alle gemeenten".
PARTNER_PROBABILITY = {
    "neighbourhood_team": 0.85,
    "youth_care_provider": 0.65,
    "youth_health": 0.55,
    "cjg": 0.50,
    "veilig_thuis": 0.50,
    "social_work": 0.50,
    "welfare": 0.45,
    "youth_mental_health": 0.40,
    "child_protection_board": 0.40,
    "mediator": 0.40,
    "primary_school": 0.35,
    "legal_desk": 0.35,
    "child_protection_gi": 0.35,
    "lawyer_mediator": 0.30,
    "gp": 0.30,
    "municipality": 0.30,
    "secondary_school": 0.25,
    "judiciary": 0.20,
    "youth_work": 0.20,
    "adult_mental_health": 0.15,
    "debt_counselling": 0.15,
    "childcare": 0.15,
    "experience_expert": 0.15,
    "special_education": 0.08,
    "associations": 0.05,
    "religious": 0.03,
    "other": 0.10,
}  # all est. from the text's ordering
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

# Figure 9: expertise measures.
EXPERTISE_PROBABILITY = {
    "specialist_offer": 0.75,  # "driekwart"
    "specialist_in_existing": 0.55,  # "ruim de helft"
    "training_focus_staff": 0.45,  # "iets minder"
    "social_map_professionals": 0.45,  # "iets minder"
    "training_all_staff": 0.30,  # est.
    "complex_team": 0.23,  # "bijna een kwart"
}

# Figure 10: the four principles on the scale always / sometimes / rarely.
PRINCIPLE_SCALE_WEIGHTS = {
    "child_central": {"always": 90, "sometimes": 9, "rarely": 1},
    "language_awareness": {"always": 64, "sometimes": 33, "rarely": 3},
    "trust_not_control": {"always": 64, "sometimes": 33, "rarely": 3},  # "vergelijkbaar"
    "responsibility_with_parents": {"always": 43, "sometimes": 53, "rarely": 4},
}

# Figure 11: start period of implemented approaches.
START_PERIOD_WEIGHTS = {"before_2018": 12, "2018_2021": 55, "after_2021": 33}
START_YEARS = {"before_2018": (2012, 2017), "2018_2021": (2018, 2021), "after_2021": (2022, 2025)}

# Figure 12 (implemented) and 15 (implementing): cooperation with other municipalities.
COOPERATION_MODE_WEIGHTS = {
    "own_with_regional_consultation": 40,  # "twee vijfde"
    "regional_joint": 27,  # "iets meer dan een kwart"
    "own_no_consultation": 25,  # "bijna een derde" incl. ad hoc
    "own_ad_hoc": 5,
    "other": 3,
}
# Figure 16: same approach elsewhere.
ADOPTION_WEIGHTS = {"some_neighbours": 45, "whole_region": 28, "own_only": 27}
# Figure 13 (implemented): evaluation of effectiveness.
EVALUATION_WEIGHTS_IMPLEMENTED = {
    "not_evaluated": 40,
    "being_evaluated": 23,
    "evaluated_improved": 20,
    "other": 17,
}
EVALUATION_WEIGHTS_OTHER = {"not_evaluated": 85, "being_evaluated": 10, "other": 5}  # est.
# Figures 14 and 17: vision recorded (implemented: ruim driekwart; implementing: half).
VISION_PROBABILITY = {"implemented": 0.77, "implementing": 0.50, "planning": 0.30}

# Figure 18 (n=140): cooperation bottlenecks; "none" excludes the rest.
COOPERATION_BOTTLENECK_NONE = 0.23  # "bijna een kwart"
COOPERATION_BOTTLENECK_PROBABILITY = {
    "other": 0.47,  # "bijna de helft"
    "lack_of_knowledge": 0.25,  # "ongeveer een kwart"
    "poor_cooperation": 0.22,  # "iets minder dan een kwart"
    "different_principles": 0.20,  # "ongeveer een vijfde"
}
# Figure 19 (n=140): execution bottlenecks; "none" excludes the rest ("slechts enkele").
EXECUTION_BOTTLENECK_NONE = 0.04
EXECUTION_BOTTLENECK_PROBABILITY = {
    "help_voluntary": 0.72,  # "bijna driekwart"
    "waiting_lists": 0.55,  # "meer dan de helft"
    "offer_incoherent": 0.30,  # "iets minder dan een derde"
    "late_recognition": 0.18,  # "bijna een vijfde"
    "not_embedded": 0.18,  # "bijna een vijfde"
    "other": 0.20,  # est.
}
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
    """One municipality (code, name) with the region page it belongs to."""

    region_key: int
    region_name: str
    municipality_code: str
    municipality_name: str
    region_municipality_codes: tuple[str, ...]
    province_municipality_codes: tuple[str, ...] = ()


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


def _bottlenecks(rng, none_probability, probabilities) -> list[str]:
    if rng.random() < none_probability:
        return ["none"]
    chosen = _subset(rng, probabilities)
    return chosen or [max(probabilities, key=probabilities.get)]


def title_for(number: int, place: str) -> str:
    return f"{TITLE_PREFIX} {number:0{TITLE_WIDTH}d} – {place}"


def slug_for(number: int) -> str:
    return f"{SLUG_PREFIX}-{number:0{TITLE_WIDTH}d}"


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
    if level == "municipal":
        codes = [place.municipality_code]
        place_name = place.municipality_name
    elif level == "regional":
        codes = list(place.region_municipality_codes)
        place_name = place.region_name
    else:
        codes = list(place.province_municipality_codes or place.region_municipality_codes)
        place_name = f"{place.region_name} (provinciaal)"
    # A profile can only cover municipalities of its own region (validation in practices).
    allowed = set(place.region_municipality_codes)
    codes = [c for c in codes if c in allowed] or [place.municipality_code]

    f: dict = {
        "level": level,
        "stage": stage,
        "complex_divorce_frequency": _weighted(rng, FREQUENCY_WEIGHTS),
        "is_fictional": True,
    }
    offers: list[str] = []
    partners: list[dict] = []
    principles: list[tuple[str, str]] = []
    if active:
        f["funding_sources"] = _subset(rng, FUNDING_PROBABILITY) or ["jeugdwet"]
        f["funding_structure"] = _weighted(rng, FUNDING_STRUCTURE_WEIGHTS)
        f["policy_ownership"] = _weighted(rng, POLICY_OWNERSHIP_WEIGHTS)
        f["execution_ownership"] = _weighted(rng, EXECUTION_OWNERSHIP_WEIGHTS)
        offers = _subset(rng, OFFER_PROBABILITY) or ["local_team_help"]
        f["offers"] = offers
        f["expertise_measures"] = _subset(rng, EXPERTISE_PROBABILITY)
        f["cooperation_mode"] = _weighted(rng, COOPERATION_MODE_WEIGHTS)
        f["adoption_elsewhere"] = _weighted(rng, ADOPTION_WEIGHTS)
        f["cooperation_intensity"] = _weighted(rng, INTENSITY_BY_STAGE[stage])
        f["has_vision"] = rng.random() < VISION_PROBABILITY[stage]
        f["evaluation_status"] = _weighted(
            rng, EVALUATION_WEIGHTS_IMPLEMENTED if stage == "implemented" else EVALUATION_WEIGHTS_OTHER
        )
        f["cooperation_bottlenecks"] = _bottlenecks(
            rng, COOPERATION_BOTTLENECK_NONE, COOPERATION_BOTTLENECK_PROBABILITY
        )
        f["execution_bottlenecks"] = _bottlenecks(
            rng, EXECUTION_BOTTLENECK_NONE, EXECUTION_BOTTLENECK_PROBABILITY
        )
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
        if stage == "implemented":
            period = _weighted(rng, START_PERIOD_WEIGHTS)
            f["start_period"] = period
            f["start_year"] = rng.randint(*START_YEARS[period])
        if rng.random() < 0.3:
            f["annual_budget"] = Decimal(rng.randrange(10_000, 400_000, 5_000))
            f["fte"] = Decimal(rng.randrange(20, 600, 5)) / 100
        for partner_type in _subset(rng, PARTNER_PROBABILITY) or ["neighbourhood_team"]:
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
        principles = [(p, _weighted(rng, w)) for p, w in PRINCIPLE_SCALE_WEIGHTS.items()]

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


def build_specs(
    count: int,
    seed: int,
    places: list[PlaceOption],
    anchor: datetime.date,
    first_number: int = 1,
    intervention_names: tuple[str, ...] = (),
) -> list[ProfileSpec]:
    """``count`` profiles; a municipality is drawn uniformly, so every one gets its share."""
    if not places:
        raise ValueError("Geen gemeenten met een regiopagina: laad eerst de referentiedata en de site.")
    rng = random.Random(seed)
    return [
        build_spec(rng, first_number + i, rng.choice(places), anchor, intervention_names)
        for i in range(count)
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
    for code, name, region_id, province_id in Municipality.objects.order_by("code").values_list(
        "code", "name", "youth_care_region_id", "province_id"
    ):
        by_region.setdefault(region_id, []).append((code, name))
        by_province.setdefault(province_id, []).append(code)
        province_of[code] = province_id
    options = []
    for page_id, title, region_id in (
        RegionPage.objects.filter(youth_care_region__isnull=False)
        .order_by("path")
        .values_list("id", "title", "youth_care_region_id")
    ):
        members = by_region.get(region_id, [])
        codes = tuple(code for code, _ in members)
        for code, name in members:
            options.append(
                PlaceOption(
                    region_key=page_id,
                    region_name=title,
                    municipality_code=code,
                    municipality_name=name,
                    region_municipality_codes=codes,
                    province_municipality_codes=tuple(by_province[province_of[code]]),
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
