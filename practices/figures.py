"""The national picture: aggregates over published approach profiles, like the quickscan figures.

Everything here works on ``ProfileFacts``: a small, plain snapshot of one profile (codes only),
built either from the live pages (``current_facts``) or from page revisions (``practices.trend``).
The aggregation functions are pure, so tests can check them against hand-computed numbers.

Counting rules (documented in the README):

* a profile counts once per code it mentions (multi-valued questions add up to more than 100 %);
* percentages are of the profiles that answered the question (``answered``); profiles that left
  the question empty are counted separately as ``not_filled``;
* a profile's size class is the class of the most populous municipality it names; when it names
  none, the most populous municipality of its youth-care region (so a regional approach of a
  region with a G4 city counts as G4);
* a profile is stale when neither its review nor its data date (``last_reviewed``, ``data_date``;
  else its last publication) lies in the twelve months before the reference date.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.functional import lazy
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from regions.models import Municipality, RegionPage
from regions.size_classes import ORDER as SIZE_CLASS_ORDER

from . import answers, freshness, questionnaire, taxonomy
from .kept import KeptTally, cache_seconds

NO_SIZE_CLASS = "unknown"


class ProfileFacts:
    """What the overview needs of one profile; codes only, no personal data.

    Besides its identity, a profile's facts hold the codes of every answer that a figure counts
    (``facts.stage``, ``facts.offers``, ``facts.partner_types``, ...); an unknown answer reads as
    empty, so a figure added to the questionnaire needs no change here.
    """

    __slots__ = (
        "page_id",
        "title",
        "region_page_id",
        "region_code",
        "size_class",
        "review_date",
        "municipality_ids",
        "codes",
    )

    def __init__(
        self,
        page_id,
        title,
        region_page_id,
        region_code,
        size_class,
        review_date=None,
        municipality_ids=(),
        **codes,
    ):
        self.page_id = page_id
        self.municipality_ids = tuple(sorted(municipality_ids))  # the municipalities the profile names
        self.title = title
        self.region_page_id = region_page_id
        self.region_code = region_code
        self.size_class = size_class
        self.review_date = review_date
        self.codes = {
            name: value if isinstance(value, str) else tuple(value) for name, value in codes.items()
        }

    def __getattr__(self, name):
        try:
            return object.__getattribute__(self, "codes").get(name, ())
        except AttributeError:
            raise AttributeError(name) from None

    def __eq__(self, other):
        if not isinstance(other, ProfileFacts):
            return NotImplemented
        return all(getattr(self, slot) == getattr(other, slot) for slot in self.__slots__)

    def __hash__(self):
        return hash(self.page_id)

    def __repr__(self):
        return f"ProfileFacts({self.page_id}, {self.title!r}, {self.size_class}, {self.codes!r})"

    def is_stale(self, today: datetime.date) -> bool:
        return freshness.is_stale(self.review_date, today)


@dataclass(frozen=True)
class FigureSpec:
    key: str
    number: int  # figure number in the 2025 quickscan report
    title: str
    question: str
    vocabulary: str
    attribute: str
    route: questionnaire.Route | None = None  # only profiles whose stage (Q4) the question is asked at
    question_id: str = ""  # the questionnaire item (q4, q21, ...)

    def asked(self, facts: ProfileFacts) -> bool:
        """As in the quickscan, a question counts only the profiles its route reaches (a profile
        without a stage has no route and counts wherever it answered)."""
        stage = getattr(facts, "stage", "") or ""
        if self.route is None or not stage:
            return True
        return questionnaire.letter_of(self.route.question, stage) in self.route.letters

    @property
    def multiple(self) -> bool:
        return taxonomy.vocabulary(self.vocabulary).multiple

    def values(self, facts: ProfileFacts) -> tuple[str, ...]:
        value = getattr(facts, self.attribute)
        if isinstance(value, str):
            return (value,) if value else ()
        return tuple(value)


def _english() -> bool:
    return (get_language() or "nl").startswith("en")


def _fact_name(answer) -> str:
    return "partner_types" if answer.kind == answers.PARTNERS else answer.name


FIGURE_KINDS = (answers.CODE, answers.CODES, answers.PARTNERS, answers.BOOLEAN)


def _figure_answers():
    """Profile answers the quickscan report drew as a figure (Q23's ratings are an inline of
    statements on a scale; the survey rounds draw that figure, ``quickscan.figures``)."""
    return [a for a in answers.profile_answers() if a.question.figure and a.kind in FIGURE_KINDS]


def _vocabulary_name(answer) -> str:
    return answer.vocabulary.name if answer.vocabulary else answer.question.vocabulary


def _figure_spec(answer) -> FigureSpec:
    figure = answer.question.figure
    question = answer.question
    return FigureSpec(
        key=figure["key"],
        number=figure["number"],
        title=lazy(lambda: figure["title"]["en" if _english() else "nl"], str)(),
        question=lazy(lambda: question.label or question.text, str)(),
        vocabulary=_vocabulary_name(answer),
        attribute=_fact_name(answer),
        route=question.route,
        question_id=question.id,
    )


# The quickscan report's figures the live overview redraws, in the report's order (questionnaire.json).
FIGURES: tuple[FigureSpec, ...] = tuple(
    sorted((_figure_spec(answer) for answer in _figure_answers()), key=lambda spec: spec.number)
)
FIGURES_BY_KEY = {spec.key: spec for spec in FIGURES}


def size_classes() -> list[str]:
    return [*SIZE_CLASS_ORDER, NO_SIZE_CLASS]


def size_class_label(code: str) -> str:
    if code == NO_SIZE_CLASS:
        return str(_("Onbekend"))
    return taxonomy.label("size_class", code)


# --- building facts ----------------------------------------------------------------------------


class ReferenceLookup:
    """Region pages and municipalities loaded once (two queries), shared by all profiles."""

    def __init__(self):
        self.municipalities: dict[int, tuple[int, str, int]] = {}  # pk -> (population, size, region)
        largest_in_region: dict[int, tuple[int, str]] = {}
        for pk, population, size_class, region_id in Municipality.objects.values_list(
            "pk", "population", "size_class", "youth_care_region_id"
        ):
            self.municipalities[pk] = (population, size_class, region_id)
            if population > largest_in_region.get(region_id, (-1, ""))[0]:
                largest_in_region[region_id] = (population, size_class)
        self.region_by_path: dict[str, tuple[int, str, int | None]] = {}
        for pk, path, code, region_id in RegionPage.objects.values_list(
            "pk", "path", "youth_care_region__code", "youth_care_region_id"
        ):
            self.region_by_path[path] = (pk, code or "", region_id)
        self._largest_in_region = largest_in_region
        self.region_population: dict[int, int] = defaultdict(int)
        for population, _size_class, region_id in self.municipalities.values():
            self.region_population[region_id] += population

    def region_for(self, page_path: str) -> tuple[int | None, str, int | None]:
        parent_path = page_path[: -RegionPage.steplen] if page_path else ""
        return self.region_by_path.get(parent_path, (None, "", None))

    def size_class_for(self, municipality_ids: Iterable[int], youth_care_region_id: int | None) -> str:
        named = [self.municipalities[pk] for pk in municipality_ids if pk in self.municipalities]
        if named:
            return max(named)[1]
        if youth_care_region_id in self._largest_in_region:
            return self._largest_in_region[youth_care_region_id][1]
        return NO_SIZE_CLASS


def facts_for(
    page, *, path: str, municipality_ids: Iterable[int], partner_types: Iterable[str], lookup: ReferenceLookup
) -> ProfileFacts:
    region_page_id, region_code, youth_care_region_id = lookup.region_for(path)
    review_date = freshness.review_date(
        page.last_reviewed,
        page.last_published_at,
        page.first_published_at,
        data_date=getattr(page, "data_date", None),
    )
    codes = {}
    for answer in _figure_answers():
        if answer.kind == answers.PARTNERS:
            codes["partner_types"] = tuple(sorted({code for code in partner_types if code}))
        elif answer.kind == answers.CODES:
            codes[answer.name] = tuple(getattr(page, answer.name) or ())
        elif answer.kind == answers.BOOLEAN:  # Q12 printed a) Nee, b) Ja
            value = getattr(page, answer.name)
            codes[answer.name] = "" if value is None else ("yes" if value else "no")
        else:
            codes[answer.name] = getattr(page, answer.name) or ""
    return ProfileFacts(
        page_id=page.pk,
        title=page.title,
        region_page_id=region_page_id,
        region_code=region_code,
        size_class=lookup.size_class_for(municipality_ids, youth_care_region_id),
        review_date=review_date,
        municipality_ids=municipality_ids,
        **codes,
    )


def published_profiles():
    from .models import ApproachPage

    return ApproachPage.objects.published()


IDENTITY_FIELDS = (
    "id",
    "path",
    "title",
    "last_reviewed",
    "data_date",
    "last_published_at",
    "first_published_at",
)


def fact_fields() -> tuple[str, ...]:
    """The page columns ``current_facts`` reads: identity plus each figure's own field."""
    own = [answer.name for answer in _figure_answers() if answer.kind != answers.PARTNERS]
    return (*IDENTITY_FIELDS, *own)


def current_facts(page_ids: Iterable[int] | None = None) -> list[ProfileFacts]:
    """Facts of every live, public profile (or of those among ``page_ids``), in path order, in a
    fixed number of queries."""
    return facts_with_paths(page_ids)[0]


def facts_with_paths(page_ids: Iterable[int] | None = None) -> tuple[list[ProfileFacts], dict[int, str]]:
    """``current_facts`` and the tree path of each (its order)."""
    from .models import ApproachPage, ApproachPartner

    profiles = published_profiles()
    if page_ids is not None:
        profiles = profiles.filter(pk__in=list(page_ids))
    # Plain rows of the fields facts_for reads: building 10,000 page instances (modelcluster,
    # StreamFields) took 2.5 of the 3.5 s an uncached overview cost at 10,000 profiles.
    rows = profiles.order_by("path").values(*fact_fields())
    pages = [SimpleNamespace(pk=row["id"], **row) for row in rows]
    ids = profiles.values("pk")  # a subquery: 10,000 literal ids cost 0.25 s to compile
    partner_types: dict[int, set[str]] = defaultdict(set)
    for page_id, code in ApproachPartner.objects.filter(page_id__in=ids).values_list(
        "page_id", "partner_type"
    ):
        partner_types[page_id].add(code)
    through = ApproachPage.municipalities.through
    municipality_ids: dict[int, list[int]] = defaultdict(list)
    for page_id, municipality_id in through.objects.filter(approachpage_id__in=ids).values_list(
        "approachpage_id", "municipality_id"
    ):
        municipality_ids[page_id].append(municipality_id)
    lookup = ReferenceLookup()
    facts = [
        facts_for(
            page,
            path=page.path,
            municipality_ids=municipality_ids[page.pk],
            partner_types=partner_types[page.pk],
            lookup=lookup,
        )
        for page in pages
    ]
    return facts, {page.pk: page.path for page in pages}


# --- aggregation --------------------------------------------------------------------------------


@dataclass
class Row:
    code: str
    label: str
    count: int
    percent: float | None
    by_size: dict[str, int] = field(default_factory=dict)
    percent_by_size: dict[str, float | None] = field(default_factory=dict)


@dataclass
class Figure:
    spec: FigureSpec
    total: int  # profiles considered
    answered: int
    not_filled: int
    rows: list[Row]
    answered_by_size: dict[str, int]
    total_by_size: dict[str, int]

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def title(self) -> str:
        return str(self.spec.title)

    def summary(self) -> str:
        """One or two sentences for screen readers and the chart's text alternative."""
        if not self.answered:
            return str(_("Nog geen gepubliceerde profielen hebben deze vraag beantwoord."))
        top = sorted(self.rows, key=lambda row: -row.count)[:3]
        parts = [f"{row.label} ({row.count}, {format_percent(row.percent)})" for row in top if row.count]
        text = ngettext(
            "%(answered)s van de %(total)s profielen beantwoordde deze vraag. Meest genoemd: %(top)s.",
            "%(answered)s van de %(total)s profielen beantwoordden deze vraag. Meest genoemd: %(top)s.",
            self.answered,
        ) % {
            "answered": self.answered,
            "total": self.total,
            "top": "; ".join(parts),
        }
        if self.spec.multiple:
            text += " " + str(
                _("Meerdere antwoorden mogelijk, dus de percentages tellen op tot meer dan 100.")
            )
        return text

    def size_columns(self) -> list[tuple[str, str]]:
        return [(code, size_class_label(code)) for code in size_classes() if self.total_by_size.get(code)]


def format_percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{round(value)}%"


def _percent(count: int, base: int) -> float | None:
    return 100.0 * count / base if base else None


class FigureTally:
    """The counts behind one figure, kept so that a changed profile is taken out and put back in
    (``add(facts, -1)``, ``add(facts)``) instead of counting every profile again."""

    def __init__(self, spec: FigureSpec):
        self.spec = spec
        self.codes = set(taxonomy.vocabulary(spec.vocabulary).codes)
        self.total = 0
        self.answered = 0
        self.counts: Counter[str] = Counter()
        self.by_size: dict[str, Counter[str]] = defaultdict(Counter)
        self.answered_by_size: Counter[str] = Counter()
        self.total_by_size: Counter[str] = Counter()

    def add(self, item: ProfileFacts, sign: int = 1) -> None:
        if not self.spec.asked(item):
            return
        self.total += sign
        self.total_by_size[item.size_class] += sign
        codes = {code for code in self.spec.values(item) if code in self.codes}
        if not codes:
            return
        self.answered += sign
        self.answered_by_size[item.size_class] += sign
        for code in codes:
            self.counts[code] += sign
            self.by_size[item.size_class][code] += sign

    def figure(self) -> Figure:
        spec, answered_by_size = self.spec, self.answered_by_size
        rows = []
        for term in taxonomy.vocabulary(spec.vocabulary).terms:
            size_counts = {size: self.by_size[size][term.code] for size in size_classes()}
            rows.append(
                Row(
                    code=term.code,
                    label=term.label,
                    count=self.counts[term.code],
                    percent=_percent(self.counts[term.code], self.answered),
                    by_size=size_counts,
                    percent_by_size={
                        size: _percent(size_counts[size], answered_by_size[size]) for size in size_classes()
                    },
                )
            )
        return Figure(
            spec=spec,
            total=self.total,
            answered=self.answered,
            not_filled=self.total - self.answered,
            rows=rows,
            answered_by_size={size: n for size, n in answered_by_size.items() if n},
            total_by_size={size: n for size, n in self.total_by_size.items() if n},
        )


def aggregate(spec: FigureSpec, facts: list[ProfileFacts]) -> Figure:
    tally = FigureTally(spec)
    for item in facts:
        tally.add(item)
    return tally.figure()


@dataclass
class RegionStage:
    region_code: str
    region_name: str
    stage: str  # most advanced stage, "" when the region has no published profile with a stage
    profiles: int
    municipalities: int = 0
    spread: dict[str, int] = field(default_factory=dict)  # stage -> municipalities covered at it

    @property
    def stage_label(self) -> str:
        return taxonomy.label("stage", self.stage) if self.stage else str(_("Geen gepubliceerd profiel"))

    @property
    def uncovered(self) -> int:
        return self.municipalities - sum(self.spread.values())

    def spread_rows(self) -> list[tuple[str, str, int]]:
        """(code, label, municipalities) per stage in the questionnaire's order, only stages present."""
        return [
            (term.code, term.label, self.spread[term.code])
            for term in taxonomy.vocabulary("stage").terms
            if self.spread.get(term.code)
        ]


class RegionTally:
    """Published profiles and their stages per youth-care region, and the stage that covers each
    municipality (for the map), kept like ``FigureTally``: a profile is added or taken out.

    A profile covers the municipalities it names, or, when it names none, every municipality of
    its youth-care region; where several cover a municipality, the one naming it wins over a
    regional one, then the most advanced stage."""

    def __init__(self):
        self.profiles: Counter[str] = Counter()
        self.stages: dict[str, Counter[str]] = defaultdict(Counter)
        self.cover: dict[int, Counter[tuple]] = defaultdict(Counter)  # municipality -> ranks
        self.vocabulary = taxonomy.vocabulary("stage")
        self._regions_of: dict[int, tuple[str, str]] | None = None  # pk -> (CBS code, region)
        self._by_region: dict[str, list[int]] = defaultdict(list)

    def _reference(self) -> dict[int, tuple[str, str]]:
        if self._regions_of is None:
            self._regions_of = {
                pk: (code, region_code or "")
                for pk, code, region_code in Municipality.objects.values_list(
                    "pk", "code", "youth_care_region__code"
                )
            }
            for pk, (_code, region_code) in self._regions_of.items():
                self._by_region[region_code].append(pk)
        return self._regions_of

    def add(self, item: ProfileFacts, sign: int = 1) -> None:
        if item.region_code:
            self.profiles[item.region_code] += sign
        if item.stage not in self.vocabulary:
            return
        if item.region_code:
            self.stages[item.region_code][item.stage] += sign
        regions_of = self._reference()
        named = [pk for pk in item.municipality_ids if pk in regions_of]
        covered = named or (self._by_region.get(item.region_code, []) if item.region_code else [])
        rank = (0 if named else 1, self.vocabulary.position(item.stage), item.stage)
        for pk in covered:
            self.cover[pk][rank] += sign

    def result(self) -> tuple[list[RegionStage], dict[str, str]]:
        """The regions (most advanced stage, spread of their municipalities) and each covered
        municipality's stage (CBS code -> stage)."""
        from regions.models import YouthCareRegion

        regions_of = self._reference()
        position = self.vocabulary.position
        best = {
            code: min((stage for stage, n in stages.items() if n), key=position, default="")
            for code, stages in self.stages.items()
        }
        covering = {
            pk: min(rank for rank, n in ranks.items() if n)[2]
            for pk, ranks in self.cover.items()
            if any(ranks.values())
        }
        size: Counter[str] = Counter(region_code for _code, region_code in regions_of.values())
        spread: dict[str, Counter[str]] = defaultdict(Counter)
        for pk, stage in covering.items():
            spread[regions_of[pk][1]][stage] += 1
        regions = [
            RegionStage(code, name, best.get(code, ""), self.profiles[code], size[code], dict(spread[code]))
            for code, name in YouthCareRegion.objects.order_by("code").values_list("code", "name")
        ]
        return regions, {regions_of[pk][0]: stage for pk, stage in covering.items()}


def stages_by_region(facts: list[ProfileFacts]) -> tuple[list[RegionStage], dict[str, str]]:
    """Every youth-care region with the most advanced stage among its published profiles and the
    spread of its municipalities over stages; and each municipality's stage (CBS code -> stage)."""
    tally = RegionTally()
    for item in facts:
        tally.add(item)
    return tally.result()


@dataclass
class Overview:
    at: datetime.date
    facts: list[ProfileFacts]
    figures: list[Figure]
    stale: int
    regions: list[RegionStage]
    municipality_stages: dict[str, str] = field(default_factory=dict)  # CBS code -> covering stage

    @property
    def total(self) -> int:
        return len(self.facts)

    def figure(self, key: str) -> Figure:
        return next(figure for figure in self.figures if figure.key == key)


def count_stale(facts: list[ProfileFacts], at: datetime.date) -> int:
    return sum(1 for item in facts if item.is_stale(at))


def build_overview(facts: list[ProfileFacts], at: datetime.date) -> Overview:
    regions, municipality_stages = stages_by_region(facts)
    return Overview(
        at=at,
        facts=facts,
        figures=[aggregate(spec, facts) for spec in FIGURES],
        stale=count_stale(facts, at),
        regions=regions,
        municipality_stages=municipality_stages,
    )


class OverviewTally:
    """Everything the live overview counts, per profile fact: the figures, the map, the review
    dates. Built once from every profile, then kept up to date one changed profile at a time."""

    def __init__(self, facts: Iterable[ProfileFacts] = (), paths: dict[int, str] | None = None):
        self.facts: dict[int, ProfileFacts] = {}
        self.paths: dict[int, str] = {}
        self.figures = {spec.key: FigureTally(spec) for spec in FIGURES}
        self.regions = RegionTally()
        self.reviews: Counter = Counter()
        for item in facts:
            self._add(item, (paths or {}).get(item.page_id, ""))

    def _add(self, item: ProfileFacts, path: str, sign: int = 1) -> None:
        for tally in self.figures.values():
            tally.add(item, sign)
        self.regions.add(item, sign)
        self.reviews[item.review_date] += sign
        if sign > 0:
            self.facts[item.page_id], self.paths[item.page_id] = item, path
        else:
            del self.facts[item.page_id], self.paths[item.page_id]

    def replace(self, page_ids: Iterable[int], fresh: list[ProfileFacts], paths: dict[int, str]) -> None:
        """Take the profiles ``page_ids`` out and put their ``fresh`` facts (the published ones) in."""
        for page_id in page_ids:
            if page_id in self.facts:
                self._add(self.facts[page_id], self.paths[page_id], -1)
        for item in fresh:
            self._add(item, paths[item.page_id])

    def stale(self, at: datetime.date) -> int:
        return sum(n for reviewed, n in self.reviews.items() if n and freshness.is_stale(reviewed, at))

    def overview(self, at: datetime.date) -> Overview:
        facts = sorted(self.facts.values(), key=lambda item: self.paths[item.page_id])
        regions, municipality_stages = self.regions.result()
        return Overview(
            at=at,
            facts=facts,
            figures=[self.figures[spec.key].figure() for spec in FIGURES],
            stale=self.stale(at),
            regions=regions,
            municipality_stages=municipality_stages,
        )


# This worker's live overview: the tally at a registry version (``kept.KeptTally``), and
# overviews drawn from it per (day, language). ``REGISTRY_CHANGES_HOOK`` (registered by the search
# app) gives the registry's version and the profiles changed since a version.
REGISTRY_CHANGES_HOOK = "registry_changes"  # fn() -> (version, changed_since(held, current))


def _full_tally() -> OverviewTally:
    return OverviewTally(*facts_with_paths())


def _update_tally(tally: OverviewTally, changed: set[int]) -> None:
    tally.replace(changed, *facts_with_paths(changed))


_live = KeptTally(_full_tally, _update_tally)
_overviews: dict = {"version": None, "slots": {}}


def overview_now(today: datetime.date | None = None) -> Overview:
    """The live overview, kept in this worker's memory. When the registry changes, only the
    changed profiles are counted again (``OverviewTally.replace``: a few queries for those
    profiles); see ``practices.kept`` for when everything is counted again."""
    from django.utils import timezone
    from django.utils.translation import get_language

    today = today or timezone.localdate()
    if not cache_seconds():
        return build_overview(current_facts(), today)
    tally = _live.current()
    if _overviews["version"] != (_live.version, id(tally)):
        _overviews.update(version=(_live.version, id(tally)), slots={})
    slot = (today, get_language())
    overview = _overviews["slots"].get(slot)
    if overview is None:
        overview = tally.overview(today)
        _overviews["slots"] = {
            slot: overview,
            **{k: v for k, v in _overviews["slots"].items() if k[0] == today},
        }
    return overview


def forget_overview() -> None:
    _live.forget()
    _overviews.update(version=None, slots={})


# --- CSV rows (one table per figure, also used by the HTML table) -------------------------------


def figure_table(figure: Figure) -> tuple[list[str], list[list]]:
    sizes = size_classes()
    header = ["code", "label", "count", "percent"]
    for size in sizes:
        header += [f"count_{size}", f"percent_{size}"]
    rows: list[list] = []
    for row in figure.rows:
        line = [row.code, row.label, row.count, _round(row.percent)]
        for size in sizes:
            line += [row.by_size.get(size, 0), _round(row.percent_by_size.get(size))]
        rows.append(line)
    rows.append(
        ["answered", str(_("Beantwoord")), figure.answered, None, *_size_pairs(figure.answered_by_size)]
    )
    rows.append(["not_filled", str(_("Niet ingevuld")), figure.not_filled, None, *_not_filled_pairs(figure)])
    return header, rows


def _size_pairs(values: dict[str, int]) -> list:
    out: list = []
    for size in size_classes():
        out += [values.get(size, 0), None]
    return out


def _not_filled_pairs(figure: Figure) -> list:
    out: list = []
    for size in size_classes():
        out += [figure.total_by_size.get(size, 0) - figure.answered_by_size.get(size, 0), None]
    return out


def _round(value: float | None):
    return None if value is None else round(value, 1)


def regions_table(overview: Overview) -> tuple[list[str], list[list]]:
    """Per youth-care region: the most advanced stage, and how its municipalities spread over the
    stages (one column per stage, then the municipalities no published profile covers)."""
    stages = [term.code for term in taxonomy.vocabulary("stage").terms]
    header = [
        "region_code",
        "region",
        "stage",
        "stage_label",
        "profiles",
        "municipalities",
        *(f"municipalities_{code}" for code in stages),
        "municipalities_uncovered",
    ]
    rows = [
        [
            r.region_code,
            r.region_name,
            r.stage,
            r.stage_label,
            r.profiles,
            r.municipalities,
            *(r.spread.get(code, 0) for code in stages),
            r.uncovered,
        ]
        for r in overview.regions
    ]
    return header, rows
