"""Import quickscan-style survey answers (CSV, one row per municipality) as draft profiles.

The columns are derived from the questionnaire (``practices.questionnaire``) and the profile's
answers (``practices.answers``): one column per answered question, named by its id (``q4``,
``q22a``, ``p_level``; Q23 as ``q23a``..``q23d``, one per statement), plus ``gemeente`` (Q1) and
``naam_aanpak`` (the title). ``manage.py import_survey --columns`` prints them with their accepted
answers. The names of the first version (``q4_fase``, ...) still work as deprecated aliases.

Two phases: ``plan_import`` reads and validates every row and collects every problem (row, column,
message in Dutch) without touching the database; ``apply_plan`` creates or updates draft profiles
inside one transaction (the command wraps it), never publishing. A row names a municipality (CBS
code or name); its profile lives under the region page of the municipality's youth-care region
with the stable slug ``quickscan-<cbs code>``, so a re-import updates the same page, and an
unchanged row makes no new revision.

Answers are what a respondent read: an option's printed text, its letter, its short label or its
code (``Vocabulary.resolve``; case, accents and punctuation do not matter); several answers are
separated by ``;`` or ``|``. A question whose route (by Q4) does not ask it must stay empty: that
is a problem, not silently dropped data. See docs/survey-import.md.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape

from regions.models import Municipality, RegionPage

from . import answers, questionnaire, taxonomy

MAX_ROWS = 5000
SLUG_PREFIX = "quickscan-"
MULTI_SEPARATORS = re.compile(r"[;|]")

# Column kinds besides the answer kinds of ``practices.answers``.
MUNICIPALITY, TITLE, IGNORED, PRINCIPLE = "municipality", "title", "ignored", "principle"
FIELD_KINDS = {
    answers.CODE,
    answers.CODES,
    answers.TEXT,
    answers.RICHTEXT,
    answers.BOOLEAN,
    answers.NUMBER,
    answers.DATE,
}
TRUE_WORDS = {"ja", "yes", "true", "1", "waar"}
FALSE_WORDS = {"nee", "no", "false", "0", "onwaar"}
MUNICIPALITY_COLUMN = "gemeente"

# The column names of the first import format (before the questionnaire was data), kept so old
# files still import. Deprecated: ``--columns`` and a warning name the column that replaces each.
# Unlike the question columns they are not checked against the route (the old format had none).
LEGACY_NAMES = {
    "niveau": "p_level",
    "q3_grootte": "q3",
    "q4_fase": "q4",
    "q6_frequentie": "q16",  # Q6/Q16: one field
    "q8_startperiode": "q8",
    "q9_samenwerking": "q9",
    "q10_evaluatie": "q10",
    "q11_resultaten": "q11",
    "q12_visie": "q12",  # Q12/Q15: one field
    "q12_toelichting": "p_vision",
    "q14_elders": "q14",
    "q17_regio": "q17",  # was stored in status_note before Q17 had its own field
    "q18_financiering": "p_funding_sources",  # the profile's sources; Q18 as asked is q18
    "q19_beleid": "q19",
    "q20_uitvoering": "q20",
    "q21_aanbod": "q21",
    "q22_partners": "q22a",
    "q22_deskundigheid": "q22b",
    "q23_vertrouwen": "q23a",
    "q23_verantwoordelijkheid": "q23b",
    "q23_taal": "q23c",
    "q23_kind": "q23d",
    "q24_knelpunten_samenwerking": "q24",
    "q25_knelpunten_uitvoering": "q25",
    "q26_landelijke_knelpunten": "p_national_bottlenecks",
    "q27_ondersteuning": "p_support_needs",
}


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, whitespace collapsed (for matching answers)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9 ]+", "", text.lower().replace("-", " ").replace("/", " "))
    return re.sub(r"\s+", " ", text).strip()


# --- columns -----------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Column:
    name: str
    kind: str  # an answer kind (answers.CODE, ...) or MUNICIPALITY, TITLE, IGNORED, PRINCIPLE
    question: questionnaire.Question | None = None  # the question as asked (q6, not q16)
    answer: answers.Answer | None = None  # where the answer is stored (follows ``same_as``)
    statement: taxonomy.Term | None = None  # Q23: the principle this column rates
    alias_of: str = ""  # another name of the column ``alias_of``
    deprecated: bool = False  # a name of the first import format
    note: str = ""  # for columns that are not a stored answer

    @property
    def canonical(self) -> str:
        return self.alias_of or self.name

    @property
    def target(self) -> str:
        """What the column writes; two columns with one target may not both be in a file (except
        questions asked on different routes, such as q6 and q16)."""
        if self.kind == PRINCIPLE:
            return f"principles:{self.statement.code}"
        if self.answer is not None:
            return self.answer.name
        return self.kind if self.kind in (MUNICIPALITY, TITLE) else self.canonical

    @property
    def number(self) -> str:
        """``Q4``, ``Q22a``, ``Q23b``; empty for the profile's own questions and the title."""
        if self.question is None or self.question.instrument != questionnaire.QUICKSCAN:
            return ""
        return f"Q{self.question.number}{self.statement.letter if self.statement else ''}"

    @property
    def vocabulary(self) -> taxonomy.Vocabulary | None:
        if self.kind == PRINCIPLE:
            return taxonomy.vocabulary(self.question.scale)
        if self.kind in (answers.CODE, answers.CODES, answers.PARTNERS):
            return self.answer.vocabulary
        if self.kind == answers.BOOLEAN and self.question.vocabulary:
            return taxonomy.vocabulary(self.question.vocabulary)  # Q12: a) Nee, b) Ja
        return None

    @property
    def multiple(self) -> bool:
        return self.kind in (answers.CODES, answers.PARTNERS, answers.RELATION)

    @property
    def routed(self) -> bool:
        """Whether a row's route decides if this column may be answered."""
        return not self.deprecated and self.question is not None and self.question.route is not None


def _question_columns(question: questionnaire.Question) -> list[Column]:
    answer = answers.answer_for(question.id)
    if question.type == questionnaire.SCALE:
        return [
            Column(f"{question.id}{statement.letter}", PRINCIPLE, question, answer, statement)
            for statement in question.options()
        ]
    if answer is None:
        return [Column(question.id, IGNORED, question, note="niet opgeslagen (geen veld in het profiel)")]
    if answer.kind == answers.RELATION and answer.name == "municipalities":
        return [
            Column(MUNICIPALITY_COLUMN, MUNICIPALITY, question, answer, note="verplicht: CBS-code of naam"),
            Column(question.id, MUNICIPALITY, question, answer, alias_of=MUNICIPALITY_COLUMN),
        ]
    return [Column(question.id, answer.kind, question, answer)]


@cache
def columns() -> tuple[Column, ...]:
    """Every accepted column: the questionnaire's questions in printed order, then the profile's
    own questions in profile order, then the deprecated names of the first format."""
    found: list[Column] = []
    for question in questionnaire.load().quickscan():
        found += _question_columns(question)
        if question.id == "q1":
            found.append(Column("naam_aanpak", TITLE, note=f"titel; standaard '{default_title(None)}'"))
    for answer in answers.profile_answers():
        if answer.question.instrument != questionnaire.QUICKSCAN:
            found += _question_columns(answer.question)
    by_name = {column.name: column for column in found}
    for old, new in LEGACY_NAMES.items():
        current = by_name[new]  # a KeyError here: a legacy name points at a column that is gone
        found.append(
            Column(
                old,
                current.kind,
                current.question,
                current.answer,
                current.statement,
                alias_of=new,
                deprecated=True,
                note=current.note,
            )
        )
    names = [column.name for column in found]
    if len(names) != len(set(names)):
        raise ValueError("Two survey-import columns have one name")
    return tuple(found)


@cache
def columns_by_name() -> dict[str, Column]:
    return {column.name: column for column in columns()}


@cache
def _normalised_terms(vocabulary_name: str) -> dict[str, taxonomy.Term | None]:
    """Every way to write a term, normalised; None where two terms would read the same."""
    lookup: dict[str, taxonomy.Term | None] = {}
    for term in taxonomy.vocabulary(vocabulary_name).terms:
        for text in {term.code, term.nl, term.en, *(text for _lang, text in term.texts)}:
            key = normalise(text)
            if key:
                lookup[key] = term if lookup.get(key, term) is term else None
    return lookup


def resolve(vocabulary: taxonomy.Vocabulary, answer: str) -> tuple[taxonomy.Term | None, str]:
    """The term meant by ``answer`` and a warning (or ""): the questionnaire's own matching, then
    the same ignoring accents and punctuation, then "Anders, namelijk <explanation>"."""
    term = vocabulary.resolve(answer)
    if term is not None:
        return term, ""
    key = normalise(answer)
    term = _normalised_terms(vocabulary.name).get(key)
    if term is not None:
        return term, ""
    for other in vocabulary.terms:
        if not other.other:
            continue
        for text in {other.nl, *(text for _lang, text in other.texts)}:
            prefix = normalise(text)
            if prefix and key.startswith(prefix + " "):
                explanation = answer.strip()[len(text) :].strip(" :.-")[:60] if answer else ""
                return other, (
                    f"'{other.label}' ingelezen; de toelichting ('{explanation}') heeft geen eigen veld "
                    "en wordt niet opgeslagen"
                )
    return None, ""


@cache
def _asked_as(field_name: str) -> tuple[taxonomy.Vocabulary, dict[str, str]] | None:
    """For a richer profile field (funding sources), the quickscan question that asks it more
    simply (Q18) and its mapping back: a file may answer with that question's printed texts."""
    for question in questionnaire.load().quickscan():
        mapping = question.profile_mapping or {}
        if mapping.get("field") != field_name:
            continue
        back: dict[str, str] = {}
        for profile_code, asked_code in mapping["map"].items():
            if profile_code == asked_code or asked_code not in back:
                back[asked_code] = profile_code  # "other" maps back to "other", not "subsidy"
        return taxonomy.vocabulary(question.vocabulary), back
    return None


def _resolve_for(column: Column, answer: str) -> tuple[taxonomy.Term | None, str]:
    term, warning = resolve(column.vocabulary, answer)
    asked = _asked_as(column.answer.name) if term is None and column.answer is not None else None
    if asked is not None:
        asked_term, warning = resolve(asked[0], answer)
        code = asked[1].get(asked_term.code) if asked_term else None
        term = column.vocabulary.term(code) if code else None
    return term, warning


def _choices_hint(vocabulary: taxonomy.Vocabulary) -> str:
    letters = [term.letter for term in vocabulary.terms if term.letter]
    if letters:
        return f"de letter ({letters[0]}–{letters[-1]}), de antwoordtekst, het korte label of de code"
    return f"de code ({', '.join(vocabulary.codes)}) of het Nederlandse label"


# --- planning ----------------------------------------------------------------------------------------


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
    relations: dict[str, list] = field(default_factory=dict)  # e.g. interventions -> [Intervention]

    @property
    def slug(self) -> str:
        return f"{SLUG_PREFIX}{self.municipality.code.lower()}"


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # reported, but the import goes ahead
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


def _check_header(plan: Plan, header: list[str]) -> list[Column]:
    known = columns_by_name()
    for name in header:
        if name not in known:
            plan.problems.append(
                Problem(1, name or "(leeg)", "onbekende kolom (zie manage.py import_survey --columns)")
            )
    if len(set(header)) != len(header):
        plan.problems.append(Problem(1, "-", "een kolomnaam komt meer dan eens voor"))
    used = [known[name] for name in dict.fromkeys(header) if name in known]
    if not any(column.kind == MUNICIPALITY for column in used):
        plan.problems.append(Problem(1, MUNICIPALITY_COLUMN, "verplichte kolom ontbreekt"))
    by_target: dict[str, list[Column]] = {}
    for column in used:
        by_target.setdefault(column.target, []).append(column)
    for same in by_target.values():
        # q6 and q16 store one answer but are asked on different routes; an alias never pairs.
        if len(same) > 1 and any(column.alias_of for column in same):
            names = " en ".join(column.name for column in same)
            plan.problems.append(
                Problem(1, same[-1].name, f"de kolommen {names} beantwoorden dezelfde vraag; gebruik er één")
            )
    for column in used:
        if column.deprecated:
            plan.warnings.append(
                Problem(1, column.name, f"verouderde kolomnaam; gebruik voortaan {column.alias_of}")
            )
    return used


def plan_import(data: bytes | str, progress: Callable[[int, int], None] | None = None) -> Plan:
    with translation.override("nl"):  # Django's own validation messages in Dutch, too
        return _plan_import(data, progress)


def _plan_import(data: bytes | str, progress: Callable[[int, int], None] | None) -> Plan:
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
    used = _check_header(plan, header)
    if not rows:
        plan.problems.append(Problem(2, "-", "het bestand bevat geen rijen met antwoorden"))
    if len(rows) > MAX_ROWS:
        plan.problems.append(Problem(MAX_ROWS + 2, "-", f"te veel rijen (maximaal {MAX_ROWS})"))
    if plan.problems:
        return plan

    index = _MunicipalityIndex()
    municipality_column = next(column.name for column in used if column.kind == MUNICIPALITY)
    seen: dict[int, int] = {}
    for position, row in enumerate(rows):
        number = position + 2  # the header is row 1, as in a spreadsheet
        if progress:
            progress(position + 1, len(rows))
        if row.pop("__extra__", None):
            plan.problems.append(Problem(number, "-", "meer waarden dan kolommen"))
        value = row.get(municipality_column, "")
        if not value:
            plan.problems.append(
                Problem(number, municipality_column, "leeg; vul de gemeentenaam of CBS-code in")
            )
            continue
        municipality, problem = index.find(value)
        if municipality is None:
            plan.problems.append(Problem(number, municipality_column, problem))
            continue
        if municipality.pk in seen:
            plan.problems.append(
                Problem(
                    number,
                    municipality_column,
                    f"{municipality.name} staat al in rij {seen[municipality.pk]}",
                )
            )
            continue
        seen[municipality.pk] = number
        region = index.regions.get(municipality.youth_care_region_id)
        if region is None:
            plan.problems.append(
                Problem(
                    number,
                    municipality_column,
                    f"geen regiopagina voor jeugdregio {municipality.youth_care_region}",
                )
            )
            continue
        row_plan = RowPlan(row=number, municipality=municipality, region=region)
        letters: dict[str, str] = {}  # question id -> letter answered, for the routes
        answered: list[Column] = []
        for column in used:
            cell = row.get(column.name, "")
            if not cell or column.kind in (MUNICIPALITY, IGNORED):
                continue
            answered.append(column)
            message, warnings = _parse_cell(row_plan, column, cell, letters)
            if message:
                plan.problems.append(Problem(number, column.name, message))
            plan.warnings += [Problem(number, column.name, warning) for warning in warnings]
        attempted = {column.question.id for column in answered if column.question is not None}
        for column in answered:
            message = _route_problem(column, letters, attempted)
            if message:
                plan.problems.append(Problem(number, column.name, message))
        plan.rows.append(row_plan)
    return plan


def _route_problem(column: Column, letters: dict[str, str], attempted: set[str]) -> str:
    if not column.routed or column.question.applies_to(letters):
        return ""
    route = column.question.route
    if route.question in attempted and route.question not in letters:
        return ""  # the routing question's own cell has a problem, reported there
    asked = ", ".join(route.letters)
    route_number = questionnaire.question(route.question).number
    if route.question not in letters:
        return (
            f"vraag {column.question.number} wordt alleen gesteld bij bepaalde antwoorden op vraag "
            f"{route_number} ({asked}); vul in deze rij ook kolom {route.question} in"
        )
    return (
        f"vraag {column.question.number} wordt niet gesteld bij antwoord {letters[route.question]} op vraag "
        f"{route_number} (alleen bij {asked}); laat de cel leeg of pas {route.question} aan"
    )


def _parse_cell(row_plan: RowPlan, column: Column, value: str, letters: dict[str, str]):
    """Store one cell in ``row_plan``; returns (problem or "", warnings)."""
    kind = column.kind
    if kind == TITLE:
        if len(value) > 255:
            return "de naam is langer dan 255 tekens", []
        row_plan.title = value
        return "", []
    if kind == answers.TEXT:
        row_plan.fields[column.answer.name] = value
        return "", []
    if kind == answers.RICHTEXT:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
        row_plan.fields[column.answer.name] = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        return "", []
    if kind == answers.BOOLEAN:
        return _parse_boolean(row_plan, column, value), []
    if kind == answers.NUMBER:
        return _parse_number(row_plan, column, value), []
    if kind == answers.DATE:
        return _parse_date(row_plan, column, value), []
    if kind == answers.RELATION:
        return _parse_relation(row_plan, column, value), []
    return _parse_codes(row_plan, column, value, letters)


def _parse_codes(row_plan: RowPlan, column: Column, value: str, letters: dict[str, str]):
    vocabulary = column.vocabulary
    parts = [part.strip() for part in MULTI_SEPARATORS.split(value) if part.strip()]
    terms, unknown, warnings = [], [], []
    for part in parts:
        term, warning = _resolve_for(column, part)
        if term is None:
            unknown.append(part)
        else:
            terms.append(term)
            if warning:
                warnings.append(warning)
    if unknown:
        shown = "', '".join(item[:60] for item in unknown)
        return f"onbekende waarde '{shown}' (gebruik {_choices_hint(vocabulary)})", warnings
    if not column.multiple and len(terms) != 1:
        return "precies één antwoord verwacht", warnings
    chosen = {term.code for term in terms}
    alone = [term for term in vocabulary.terms if term.exclusive and term.code in chosen]
    if alone and len(chosen) > 1:
        return f"'{alone[0].label}' kunt u niet combineren met andere antwoorden", warnings
    if column.kind == answers.CODE:
        row_plan.fields[column.answer.name] = terms[0].code
        if column.question is not None and terms[0].letter:
            letters[column.question.id] = terms[0].letter
    elif column.kind == PRINCIPLE:
        row_plan.principles[column.statement.code] = terms[0].code
    elif column.kind == answers.PARTNERS:
        row_plan.partner_types = [code for code in vocabulary.codes if code in chosen]
    else:  # stored in vocabulary order, as CodeListField does, so re-imports compare equal
        row_plan.fields[column.answer.name] = [code for code in vocabulary.codes if code in chosen]
    return "", warnings


def _parse_boolean(row_plan: RowPlan, column: Column, value: str) -> str:
    word = normalise(value)
    if word not in TRUE_WORDS | FALSE_WORDS and column.vocabulary is not None:
        term, _warning = resolve(column.vocabulary, value)  # Q12 printed a) Nee, b) Ja
        word = term.code if term else word
    if word in TRUE_WORDS:
        row_plan.fields[column.answer.name] = True
    elif word in FALSE_WORDS:
        row_plan.fields[column.answer.name] = False
    else:
        return f"'{value[:60]}' is geen ja of nee"
    return ""


def _parse_number(row_plan: RowPlan, column: Column, value: str) -> str:
    model_field = column.answer.field
    places = getattr(model_field, "decimal_places", 0) or 0
    text = value.replace(" ", "").replace("\u00a0", "").removeprefix("€")
    try:
        number = decimal.Decimal(text.replace(",", "."))
    except decimal.InvalidOperation:
        number = None
    if number is None or not number.is_finite() or -number.as_tuple().exponent > places:
        if places:
            return f"'{value[:60]}' is geen getal met hoogstens {places} decimalen (bijvoorbeeld 1,5)"
        return f"'{value[:60]}' is geen geheel getal (zonder punten of komma's, bijvoorbeeld 120000)"
    try:
        row_plan.fields[column.answer.name] = model_field.clean(number if places else int(number), None)
    except ValidationError as error:
        return f"'{value[:60]}': {' '.join(error.messages)}"
    return ""


DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def _parse_date(row_plan: RowPlan, column: Column, value: str) -> str:
    try:
        match = DUTCH_DATE.fullmatch(value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            parsed = datetime.date(year, month, day)
        else:
            parsed = datetime.date.fromisoformat(value)
    except ValueError:
        return f"'{value[:60]}' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)"
    row_plan.fields[column.answer.name] = parsed
    return ""


def _parse_relation(row_plan: RowPlan, column: Column, value: str) -> str:
    model = column.answer.field.related_model
    names = [part.strip() for part in MULTI_SEPARATORS.split(value) if part.strip()]
    by_name = {normalise(str(item)): item for item in model.objects.all()}
    found, unknown = [], []
    for name in names:
        item = by_name.get(normalise(name))
        (found.append(item) if item is not None else unknown.append(name))
    if unknown:
        shown = "', '".join(item[:60] for item in unknown)
        kind = model._meta.verbose_name
        return f"onbekende {kind} '{shown}' (gebruik de naam zoals in de registry; voeg nieuwe eerst toe)"
    row_plan.relations[column.answer.name] = list({item.pk: item for item in found}.values())
    return ""


# --- applying ---------------------------------------------------------------------------------------


def default_title(municipality: Municipality | None) -> str:
    return f"Aanpak relaties en scheiding {municipality.name if municipality else '<gemeente>'}"


def _state(page) -> tuple:
    """Everything an import can change, to tell an unchanged row from an update."""
    values = []
    for answer in answers.profile_answers():
        if answer.kind in FIELD_KINDS:
            values.append((answer.name, getattr(page, answer.name)))
        elif answer.kind == answers.RELATION:
            values.append((answer.name, tuple(sorted(item.pk for item in getattr(page, answer.name).all()))))
    partners = sorted((p.organisation, p.partner_type) for p in page.partners.all())
    principles = sorted((p.principle, p.scale) for p in page.principles.all())
    return page.title, tuple(values), tuple(partners), tuple(principles)


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
    for name, items in row_plan.relations.items():
        setattr(page, name, items)
    if not page.municipalities.all():
        page.municipalities = [row_plan.municipality]
    present = {partner.partner_type for partner in page.partners.all()}
    new_partners = list(page.partners.all())
    partner_types = taxonomy.vocabulary("partner_type")
    for code in row_plan.partner_types:
        if code not in present:
            new_partners.append(ApproachPartner(organisation=partner_types.label(code), partner_type=code))
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
            with translation.override("nl"):
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


# --- the column list (``import_survey --columns``) ----------------------------------------------------


def describe_columns() -> list[str]:
    """The accepted columns as text lines: name, question number and text, accepted answers."""
    lines: list[str] = []
    with translation.override("nl"):
        for column in columns():
            if column.deprecated:
                continue
            if column.alias_of:
                lines += [f"{column.name}  (andere naam voor {column.alias_of})", ""]
                continue
            heading = column.name + (f"  [{column.number}]" if column.number else "")
            if column.answer is not None and column.kind != MUNICIPALITY:
                heading += f"  -> {column.answer.name}"
            lines.append(heading)
            if column.question is not None:
                text = column.question.text
                if column.statement is not None:
                    text += f" — {column.statement.letter}) {column.statement.text}"
                lines.append(f"    {text}")
            if column.question is not None and column.question.route is not None:
                route = column.question.route
                lines.append(f"    alleen bij {route.question} = {', '.join(route.letters)}")
            lines += [f"    {line}" for line in _accepted(column)]
            lines.append("")
        lines.append("Verouderde kolomnamen (werken nog, zonder controle op de routing):")
        lines += [f"    {column.name} -> {column.alias_of}" for column in columns() if column.deprecated]
    return lines


def _accepted(column: Column) -> list[str]:
    if column.note:
        return [column.note]
    vocabulary = column.vocabulary
    if column.kind == answers.BOOLEAN and vocabulary is None:
        return ["ja / nee"]
    if vocabulary is not None:
        several = "meerdere antwoorden, gescheiden door ; of |" if column.multiple else "één antwoord"
        if any(term.letter for term in vocabulary.terms):
            lines = [f"{several}: de letter, de antwoordtekst, het korte label of de code"]
        else:
            lines = [f"{several}: het Nederlandse label of de code"]
        for term in vocabulary.terms:
            printed = term.text if term.text != term.label else ""
            extra = " (alleen te kiezen)" if term.exclusive else (" (+ toelichting)" if term.other else "")
            letter = f"{term.letter}) " if term.letter else ""
            lines.append(f"  {letter}{printed + ' | ' if printed else ''}{term.label} | {term.code}{extra}")
        return lines
    if column.kind == answers.NUMBER:
        places = getattr(column.answer.field, "decimal_places", 0) or 0
        return [f"getal met hoogstens {places} decimalen" if places else "geheel getal"]
    if column.kind == answers.DATE:
        return ["datum, JJJJ-MM-DD of DD-MM-JJJJ"]
    if column.kind == answers.RELATION:
        model = column.answer.field.related_model
        return [f"namen van {model._meta.verbose_name_plural}, gescheiden door ; of |"]
    if column.kind == answers.RICHTEXT:
        return ["tekst (een lege regel begint een nieuwe alinea)"]
    return ["tekst"]
