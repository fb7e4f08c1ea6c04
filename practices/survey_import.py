"""Import quickscan-style survey answers (CSV, one row per municipality) as draft profiles.

Two phases: ``plan`` reads and validates every row and collects every problem (row, column,
message in Dutch) without touching the database; ``apply`` creates or updates draft profiles
inside one transaction (the command wraps it), never publishing. A row names a municipality (CBS
code or name); its profile lives under the region page of the municipality's youth-care region
with the stable slug ``quickscan-<cbs code>``, so a re-import updates the same page, and an
unchanged row makes no new revision.

Cells hold taxonomy codes or Dutch answer texts (the taxonomy's Dutch labels, and for the
main questions the questionnaire's own wording); several answers are separated by ``;`` or ``|``.
See docs/survey-import.md and docs/survey-import-example.csv.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.html import escape

from regions.models import Municipality, RegionPage

from . import taxonomy

MAX_ROWS = 5000
SLUG_PREFIX = "quickscan-"
MULTI_SEPARATORS = re.compile(r"[;|]")


@dataclass(frozen=True)
class Column:
    name: str
    question: str
    kind: str  # "code", "codes", "bool", "text", "html", "principle", "partners", "title", "level"
    target: str = ""
    vocabulary: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("gemeente", "Q1", "municipality"),
    Column("naam_aanpak", "-", "title"),
    Column("niveau", "-", "code", "level", "level"),
    Column("q3_grootte", "Q3", "ignored"),
    Column("q4_fase", "Q4", "code", "stage", "stage"),
    Column("q6_frequentie", "Q6/Q16", "code", "complex_divorce_frequency", "frequency_scale"),
    Column("q8_startperiode", "Q8", "code", "start_period", "start_period"),
    Column("q9_samenwerking", "Q9/Q13", "code", "cooperation_mode", "cooperation_mode"),
    Column("q10_evaluatie", "Q10", "code", "evaluation_status", "evaluation_status"),
    Column("q11_resultaten", "Q11", "text", "measurable_results"),
    Column("q12_visie", "Q12/Q15", "bool", "has_vision"),
    Column("q12_toelichting", "Q12/Q15", "html", "vision"),
    Column("q14_elders", "Q14", "code", "adoption_elsewhere", "adoption_elsewhere"),
    Column("q17_regio", "Q17", "text", "status_note"),
    Column("q18_financiering", "Q18", "codes", "funding_sources", "funding_source"),
    Column("q19_beleid", "Q19", "code", "policy_ownership", "policy_ownership"),
    Column("q20_uitvoering", "Q20", "code", "execution_ownership", "execution_ownership"),
    Column("q21_aanbod", "Q21", "codes", "offers", "offer"),
    Column("q22_partners", "Q22", "partners", "partners", "partner_type"),
    Column("q22_deskundigheid", "Q22 thema 3", "codes", "expertise_measures", "expertise_measure"),
    Column("q23_vertrouwen", "Q23a", "principle", "trust_not_control", "principle_scale"),
    Column("q23_verantwoordelijkheid", "Q23b", "principle", "responsibility_with_parents", "principle_scale"),
    Column("q23_taal", "Q23c", "principle", "language_awareness", "principle_scale"),
    Column("q23_kind", "Q23d", "principle", "child_central", "principle_scale"),
    Column(
        "q24_knelpunten_samenwerking", "Q24", "codes", "cooperation_bottlenecks", "cooperation_bottleneck"
    ),
    Column("q25_knelpunten_uitvoering", "Q25", "codes", "execution_bottlenecks", "execution_bottleneck"),
    Column("q26_landelijke_knelpunten", "Q26", "codes", "national_bottlenecks", "national_bottleneck"),
    Column("q27_ondersteuning", "Q27/Q28", "codes", "support_needs", "support_need"),
)
COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}

# The questionnaire's own answer texts (chapter 14) where they differ from the taxonomy labels.
ALIASES: dict[str, dict[str, str]] = {
    "stage": {
        "gemeente heeft een duidelijke aanpak geimplementeerd en werkt aan borging": "implemented",
        "gemeente is vergevorderd in de ontwikkeling de plannen die zijn ontwikkeld worden geimplementeerd": (
            "implementing"
        ),
        "gemeente werkt een plan uit hoe de aanpak vorm te geven en zet hier al stappen in": "planning",
        "gemeente is zich bewust van het thema maar planvorming is nog in de verkennende fase": "exploring",
        "gemeente is zich bewust van het thema maar planvorming hoe de aanpak vorm te geven is nog niet "
        "gestart": "not_started",
        "gemeente is zich bewust van het thema maar heeft hier nog geen concrete actie op "
        "ondernomen": "no_action",
        "gemeente is zich bewust van het thema maar kiest ervoor om hier niet op in te "
        "zetten": "chosen_not_to",
        "gemeente heeft geen aandacht voor het thema": "no_attention",
    },
    "start_period": {
        "wij zijn voor 2018 gestart met de uitvoering van de aanpak": "before_2018",
        "wij zijn tussen 2018 en 2021 gestart met de uitvoering van de aanpak": "2018_2021",
        "wij zijn na 2021 gestart met de uitvoering van de aanpak": "after_2021",
    },
    "evaluation_status": {
        "nee de effectiviteit van de aanpak is niet onderzocht": "not_evaluated",
        "ja de effectiviteit van de aanpak is onderzocht en op basis van de resultaten is de "
        "aanpak verbeterd": "evaluated_improved",
        "nog niet de effectiviteit van de aanpak wordt op dit moment onderzocht": "being_evaluated",
    },
    "funding_source": {"middelen voor jeugdwet": "jeugdwet", "middelen voor wmo": "wmo"},
    "policy_ownership": {
        "ja binnen de gemeente is 1 beleidsmedewerker verantwoordelijk voor dit thema": "single_officer",
        "nee het thema is bij meerdere beleidsmedewerkers belegd": "several_officers",
        "nee het thema is niet bij een bepaalde beleidsmedewerker belegd": "not_assigned",
    },
    "execution_ownership": {
        "ja binnen de uitvoering is 1 medewerker verantwoordelijk voor dit thema": "single_officer",
        "nee het thema is bij meerdere medewerkers belegd": "several_officers",
        "nee het thema is niet bij een bepaalde medewerker belegd": "not_assigned",
    },
    "partner_type": {
        "sociaal wijkteamsjeugdteams": "neighbourhood_team",
        "huisartsen en praktijkondersteuners poh": "gp",
        "jeugdhulpaanbieders": "youth_care_provider",
        "volwassenen ggz": "adult_mental_health",
        "jeugd ggz": "youth_mental_health",
        "kinderopvangbso": "childcare",
        "mediators": "mediator",
        "advocaatmediators": "lawyer_mediator",
        "religieuze instellingen": "religious",
        "verenigingen zoals sport en muziek": "associations",
    },
    "offer": {
        "website s met informatie over echtscheidingen": "information_website",
        "websites met informatie over echtscheidingen": "information_website",
        "scheidingsloket met inlooppreekuur": "divorce_desk",
        "hulp geboden door lokale team": "local_team_help",
        "maatjes of buddyprojecten voor ouders": "buddy_parents",
        "maatjes of buddyprojecten voor kinderen": "buddy_children",
    },
}
TRUE_WORDS = {"ja", "yes", "true", "1", "waar"}
FALSE_WORDS = {"nee", "no", "false", "0", "onwaar"}


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, whitespace collapsed (for matching answers)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9 ]+", "", text.lower().replace("-", " ").replace("/", ""))
    return re.sub(r"\s+", " ", text).strip()


def answer_lookup(vocabulary_name: str) -> dict[str, str]:
    vocabulary = taxonomy.vocabulary(vocabulary_name)
    lookup: dict[str, str] = {}
    for term in vocabulary.terms:
        lookup[term.code.lower()] = term.code
        lookup[normalise(term.nl)] = term.code
        lookup[normalise(term.en)] = term.code
    for text, code in ALIASES.get(vocabulary_name, {}).items():
        lookup[normalise(text)] = code
    return lookup


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"rij {self.row}, kolom {self.column}: {self.message}"


@dataclass
class RowPlan:
    row: int
    municipality: Municipality
    region: RegionPage
    title: str | None = None
    fields: dict[str, object] = field(default_factory=dict)
    partner_types: list[str] = field(default_factory=list)
    principles: dict[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return f"{SLUG_PREFIX}{self.municipality.code.lower()}"


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Outcome:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def read_csv(data: bytes | str) -> tuple[list[str], list[dict[str, str]]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = []
    for raw in reader:
        extra = raw.pop(None, None)
        row = {key: (value or "").strip() for key, value in raw.items() if key is not None}
        if extra:
            row["__extra__"] = "x"
        rows.append(row)
    return header, rows


class _MunicipalityIndex:
    def __init__(self):
        self.by_code: dict[str, Municipality] = {}
        self.by_name: dict[str, list[Municipality]] = {}
        for municipality in Municipality.objects.select_related("youth_care_region"):
            self.by_code[municipality.code.upper()] = municipality
            for name in {municipality.name, municipality.sort_name}:
                if name:
                    self.by_name.setdefault(normalise(name), []).append(municipality)
        self.regions = {
            page.youth_care_region_id: page for page in RegionPage.objects.exclude(youth_care_region=None)
        }

    def find(self, value: str) -> tuple[Municipality | None, str]:
        if re.fullmatch(r"(?i)gm\d{4}", value):
            municipality = self.by_code.get(value.upper())
            return municipality, "" if municipality else f"onbekende CBS-code '{value}'"
        matches = {m.pk: m for m in self.by_name.get(normalise(value), [])}
        if len(matches) == 1:
            return next(iter(matches.values())), ""
        if len(matches) > 1:
            return None, f"'{value}' is niet eenduidig; gebruik de CBS-code"
        return None, f"onbekende gemeente '{value}' (gebruik de naam zoals bij het CBS of de CBS-code)"


def plan_import(data: bytes | str, progress: Callable[[int, int], None] | None = None) -> Plan:
    plan = Plan()
    try:
        header, rows = read_csv(data)
    except UnicodeDecodeError:
        plan.problems.append(Problem(1, "-", "het bestand is geen UTF-8-tekst"))
        return plan
    except csv.Error as error:
        plan.problems.append(Problem(1, "-", f"het bestand is geen geldige CSV ({error})"))
        return plan
    plan.columns = header
    if not header:
        plan.problems.append(Problem(1, "-", "het bestand is leeg"))
        return plan
    for name in header:
        if name not in COLUMNS_BY_NAME:
            plan.problems.append(Problem(1, name or "(leeg)", "onbekende kolom"))
    if len(set(header)) != len(header):
        plan.problems.append(Problem(1, "-", "een kolomnaam komt meer dan eens voor"))
    if "gemeente" not in header:
        plan.problems.append(Problem(1, "gemeente", "verplichte kolom ontbreekt"))
    if not rows:
        plan.problems.append(Problem(2, "-", "het bestand bevat geen rijen met antwoorden"))
    if len(rows) > MAX_ROWS:
        plan.problems.append(Problem(MAX_ROWS + 2, "-", f"te veel rijen (maximaal {MAX_ROWS})"))
    if plan.problems:
        return plan

    index = _MunicipalityIndex()
    lookups = {column.vocabulary: answer_lookup(column.vocabulary) for column in COLUMNS if column.vocabulary}
    seen: dict[int, int] = {}
    for position, row in enumerate(rows):
        number = position + 2  # the header is row 1, as in a spreadsheet
        if progress:
            progress(position + 1, len(rows))
        if row.pop("__extra__", None):
            plan.problems.append(Problem(number, "-", "meer waarden dan kolommen"))
        municipality, problem = index.find(row.get("gemeente", ""))
        if not row.get("gemeente"):
            plan.problems.append(Problem(number, "gemeente", "leeg; vul de gemeentenaam of CBS-code in"))
            continue
        if municipality is None:
            plan.problems.append(Problem(number, "gemeente", problem))
            continue
        if municipality.pk in seen:
            plan.problems.append(
                Problem(number, "gemeente", f"{municipality.name} staat al in rij {seen[municipality.pk]}")
            )
            continue
        seen[municipality.pk] = number
        region = index.regions.get(municipality.youth_care_region_id)
        if region is None:
            plan.problems.append(
                Problem(
                    number, "gemeente", f"geen regiopagina voor jeugdregio {municipality.youth_care_region}"
                )
            )
            continue
        row_plan = RowPlan(row=number, municipality=municipality, region=region)
        for name, value in row.items():
            column = COLUMNS_BY_NAME.get(name)
            if column is None or not value or column.kind in {"municipality", "ignored"}:
                continue
            message = _parse_cell(row_plan, column, value, lookups)
            if message:
                plan.problems.append(Problem(number, name, message))
        plan.rows.append(row_plan)
    return plan


def _parse_cell(row_plan: RowPlan, column: Column, value: str, lookups) -> str:
    if column.kind == "title":
        if len(value) > 255:
            return "de naam is langer dan 255 tekens"
        row_plan.title = value
        return ""
    if column.kind == "text":
        row_plan.fields[column.target] = value
        return ""
    if column.kind == "html":
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
        row_plan.fields[column.target] = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        return ""
    if column.kind == "bool":
        word = normalise(value)
        if word in TRUE_WORDS:
            row_plan.fields[column.target] = True
        elif word in FALSE_WORDS:
            row_plan.fields[column.target] = False
        else:
            return f"'{value[:60]}' is geen ja of nee"
        return ""
    lookup = lookups[column.vocabulary]
    answers = [part.strip() for part in MULTI_SEPARATORS.split(value)]
    codes, unknown = [], []
    for answer in answers:
        if not answer:
            continue
        code = lookup.get(answer.lower()) or lookup.get(normalise(answer))
        (codes.append(code) if code else unknown.append(answer))
    if unknown:
        options = ", ".join(taxonomy.vocabulary(column.vocabulary).codes)
        shown = "', '".join(item[:60] for item in unknown)
        return f"onbekende waarde '{shown}' (kies uit: {options}, of de Nederlandse antwoordtekst)"
    if column.kind in {"code", "principle"} and len(codes) != 1:
        return "precies één antwoord verwacht"
    if column.kind == "code":
        row_plan.fields[column.target] = codes[0]
    elif column.kind == "principle":
        row_plan.principles[column.target] = codes[0]
    elif column.kind == "partners":
        row_plan.partner_types = list(dict.fromkeys(codes))
    else:  # stored in vocabulary order, as CodeListField does, so re-imports compare equal
        row_plan.fields[column.target] = [
            c for c in taxonomy.vocabulary(column.vocabulary).codes if c in codes
        ]
    return ""


# --- applying ---------------------------------------------------------------------------------------


def default_title(municipality: Municipality) -> str:
    return f"Aanpak relaties en scheiding {municipality.name}"


def _state(page) -> tuple:
    partners = sorted((p.organisation, p.partner_type) for p in page.partners.all())
    principles = sorted((p.principle, p.scale) for p in page.principles.all())
    municipalities = sorted(m.pk for m in page.municipalities.all())
    values = {}
    for column in COLUMNS:
        if column.target and column.kind not in {"principle", "partners"}:
            values[column.target] = getattr(page, column.target)
    return (
        page.title,
        tuple(sorted(values.items(), key=lambda kv: kv[0])),
        tuple(partners),
        tuple(principles),
        tuple(municipalities),
    )


def apply_row(row_plan: RowPlan, user=None) -> str:
    """Create or update the draft for one row; returns "created", "updated" or "unchanged"."""
    from .models import ApproachPage, ApproachPartner, PrincipleRating

    existing = ApproachPage.objects.child_of(row_plan.region).filter(slug=row_plan.slug).first()
    if existing is None:
        page = ApproachPage(
            title=row_plan.title or default_title(row_plan.municipality),
            slug=row_plan.slug,
            live=False,
            level="municipal",
        )
        before = None
    else:
        page = existing.get_latest_revision_as_object()
        before = _state(page)
        if row_plan.title:
            page.title = row_plan.title
    for name, value in row_plan.fields.items():
        setattr(page, name, value)
    if not page.municipalities.all():
        page.municipalities = [row_plan.municipality]
    present = {partner.partner_type for partner in page.partners.all()}
    new_partners = list(page.partners.all())
    for code in row_plan.partner_types:
        if code not in present:
            new_partners.append(
                ApproachPartner(organisation=taxonomy.label("partner_type", code), partner_type=code)
            )
    page.partners = new_partners
    ratings = {rating.principle: rating for rating in page.principles.all()}
    for principle, scale in row_plan.principles.items():
        if principle in ratings:
            ratings[principle].scale = scale
        else:
            ratings[principle] = PrincipleRating(principle=principle, scale=scale)
    page.principles = list(ratings.values())

    if existing is None:
        row_plan.region.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        return "created"
    if _state(page) == before:
        return "unchanged"
    page.full_clean()
    page.save_revision(user=user, log_action=True)
    return "updated"


def apply_plan(plan: Plan, user=None, progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Apply a validated plan. Call inside ``transaction.atomic()``; raises on the first failure."""
    if not plan.ok:
        raise ValueError("plan has problems; refusing to apply")
    outcome = Outcome()
    for position, row_plan in enumerate(plan.rows):
        try:
            result = apply_row(row_plan, user=user)
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ImportFailed(
                Problem(row_plan.row, "-", f"kan niet worden opgeslagen: {messages}")
            ) from error
        getattr(outcome, result).append(f"{row_plan.municipality.name} ({row_plan.slug})")
        if progress:
            progress(position + 1, len(plan.rows))
    return outcome


class ImportFailed(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem
