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

Reading a row's answers is a stage of its own, ``parse_answers``: per question the answer as the
questionnaire defines it (checked against its options, exclusive options and the route) and the
profile field's value per column. The round import (``quickscan.round_import``, one row per
response) uses the same stage, and ``read_table`` names a broken file's real cause (NUL byte,
tabs, an unclosed quote) for both.

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
from functools import cache, lru_cache

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
EXPLANATION = "explanation"  # "Anders, namelijk" (<id>_other) or a Toelichting (<id>_explanation)
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
def explanation_columns() -> tuple[Column, ...]:
    """Per quickscan question its free texts, named as the online form names them: ``<id>_other``
    ("Anders, namelijk") and ``<id>_explanation`` (a Toelichting, Q12 and Q15). The profile has no
    field for them; the round import stores them in ``Response.explanations``."""
    found = []
    for question in questionnaire.load().quickscan():
        if any(term.other for term in question.options()):
            found.append(
                Column(f"{question.id}_other", EXPLANATION, question, note="tekst bij 'Anders, namelijk'")
            )
        if question.explanations:
            found.append(Column(f"{question.id}_explanation", EXPLANATION, question, note="toelichting"))
    return tuple(found)


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


@lru_cache(maxsize=8192)
def _resolved(vocabulary_name: str, answer: str) -> taxonomy.Term | None:
    """``Vocabulary.resolve``, remembered: a file repeats the same few answers in every row, and
    resolving compares with every term's texts (70 % of planning 342 rows before this)."""
    return taxonomy.vocabulary(vocabulary_name).resolve(answer)


def resolve_answer(vocabulary: taxonomy.Vocabulary, answer: str) -> tuple[taxonomy.Term | None, str]:
    """The term meant by ``answer`` and, for "Anders, namelijk <explanation>", the explanation
    (else ""): the questionnaire's own matching, then the same ignoring accents and punctuation,
    then an "other" option's printed text followed by an explanation."""
    term = _resolved(vocabulary.name, answer)
    if term is not None:
        return term, ""
    key = normalise(answer)
    term = _normalised_terms(vocabulary.name).get(key)
    if term is not None:
        return term, ""
    for other in vocabulary.terms:
        if not other.other:
            continue
        # the longest first: "Anders, namelijk: x" is "Anders, namelijk" + x, not "Anders" + ", namelijk: x"
        texts = {normalise(text) for text in (other.nl, *(text for _lang, text in other.texts))}
        for prefix in sorted(texts, key=len, reverse=True):
            if prefix and key.startswith(prefix + " "):
                return other, _after_prefix(answer.strip(), prefix)
    return None, ""


def _after_prefix(answer: str, prefix: str) -> str:
    """The explanation after "Anders, namelijk" as written (the prefix matched normalised)."""
    for end in range(len(answer) + 1):
        if normalise(answer[:end]) == prefix and (end == len(answer) or not answer[end].isalnum()):
            return answer[end:].strip(" :.-")
    return answer


def resolve(vocabulary: taxonomy.Vocabulary, answer: str) -> tuple[taxonomy.Term | None, str]:
    """The term meant by ``answer`` and a warning (or ""): an "Anders, namelijk" explanation has no
    field in the profile."""
    term, explanation = resolve_answer(vocabulary, answer)
    if term is not None and explanation:
        return term, _unstored_explanation(term, explanation)
    return term, ""


def _unstored_explanation(term: taxonomy.Term, explanation: str) -> str:
    return (
        f"'{term.label}' ingelezen; de toelichting ('{explanation[:60]}') heeft geen eigen veld "
        "en wordt niet opgeslagen"
    )


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
    """Header and rows (cells stripped). Raises ``UnicodeDecodeError`` or ``csv.Error``; a row
    with more values than columns gets ``__extra__``, a one-cell row that holds the other
    separator gets ``__separator__`` (the row was saved with another separator than the header)."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    delimiter = _delimiter(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    other = "," if delimiter == ";" else ";"
    rows = []
    for raw in reader:
        extra = raw.pop(None, None)
        filled = [value for value in raw.values() if value is not None]
        row = {key: (value or "").strip() for key, value in raw.items() if key is not None}
        if extra:
            row["__extra__"] = "x"
        if len(header) > 1 and len(filled) == 1 and other in filled[0]:
            row["__separator__"] = other
        rows.append(row)
    return header, rows


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text.strip() else ""


def _delimiter(text: str) -> str:
    first_line = _first_line(text)
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_table(data: bytes | str) -> tuple[list[str], list[dict[str, str]], list[Problem]]:
    """``read_csv`` with every problem of the file itself named by its real cause (encoding, NUL
    byte, separator, an unclosed quote), row and column where there is one."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    except UnicodeDecodeError:
        return [], [], [Problem(1, "-", "het bestand is geen UTF-8-tekst")]
    problem = _nul_problem(text) or _separator_problem(text)
    if problem:
        return [], [], [problem]
    header_names = [
        name.strip() for name in next(csv.reader([_first_line(text)], delimiter=_delimiter(text)), [])
    ]
    problems = _quote_problems(text, _delimiter(text), header_names)
    if problems:
        return header_names, [], problems
    try:
        header, rows = read_csv(text)
    except csv.Error as error:
        return [], [], [Problem(1, "-", f"het bestand is geen geldige CSV ({error})")]
    return header, rows, []


def _column_at(line: str, position: int, delimiter: str, header: list[str]) -> str:
    index = line[:position].count(delimiter)
    return header[index] if index < len(header) else str(index + 1)


def _nul_problem(text: str) -> Problem | None:
    position = text.find("\x00")
    if position < 0:
        return None
    delimiter = _delimiter(text.replace("\x00", ""))
    header = [name.strip() for name in _first_line(text.replace("\x00", "")).split(delimiter)]
    line_start = text.rfind("\n", 0, position) + 1
    line = text[line_start : text.find("\n", position) if "\n" in text[position:] else len(text)]
    return Problem(
        text.count("\n", 0, position) + 1,
        _column_at(line, position - line_start, delimiter, header),
        "het bestand bevat een NUL-teken (byte 0); is het wel een CSV-bestand in UTF-8 (geen Excel- of "
        "UTF-16-bestand)? Sla het opnieuw op als 'CSV UTF-8'",
    )


def _separator_problem(text: str) -> Problem | None:
    first_line = _first_line(text)
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t", "|")}
    usual = max(counts[","], counts[";"])
    if counts["\t"] > usual:
        return Problem(
            1,
            "-",
            "het bestand gebruikt tabs als scheidingsteken; sla het op als CSV met komma's of puntkomma's",
        )
    if counts["|"] > usual:
        return Problem(
            1,
            "-",
            "het bestand gebruikt | als scheidingsteken tussen kolommen; gebruik komma's of puntkomma's "
            "(| scheidt alleen meerdere antwoorden binnen één cel)",
        )
    return None


def _quote_problems(text: str, delimiter: str, header: list[str]) -> list[Problem]:
    """An opening quote that is never closed swallows the rest of the row, or the file: find the
    cell where it opened. A quoted cell may hold line breaks, but not lines that look like rows."""
    if '"' not in text:
        return []
    specials = re.compile('["\n' + re.escape(delimiter) + "]")
    row_like = len(header) - 1  # a line with this many separators is a row of its own
    row, column, field_start, position = 1, 0, 0, 0
    while (match := specials.search(text, position)) is not None:
        char, at = match.group(), match.start()
        position = at + 1
        if char == delimiter:
            column, field_start = column + 1, position
        elif char == "\n":
            row, column, field_start = row + 1, 0, position
        elif not text[field_start:at].strip(" \r"):  # a quote that opens the cell
            close = text.find('"', position)
            while close >= 0 and text.startswith('""', close):
                close = text.find('"', close + 2)
            inner = text[position : close if close >= 0 else len(text)]
            name = header[column] if column < len(header) else str(column + 1)
            if row_like > 1 and any(line.count(delimiter) >= row_like for line in inner.split("\n")[1:]):
                message = (
                    "aanhalingsteken niet gesloten: de cel loopt door over de volgende regel, die een "
                    'eigen rij lijkt; sluit de cel af met "'
                )
                return [Problem(row, name, message)]
            if close < 0:
                message = "aanhalingsteken niet gesloten (de cel loopt door tot het einde van het bestand)"
                return [Problem(row, name, message)]
            position = close + 1
    return []


QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")  # "Middelburg (Z.)", "Bergen (NH.)"


class _MunicipalityIndex:
    def __init__(self):
        self.by_code: dict[str, Municipality] = {}
        self.by_name: dict[str, list[Municipality]] = {}
        self.by_base: dict[str, list[Municipality]] = {}  # the name without the CBS qualifier
        for municipality in Municipality.objects.select_related("youth_care_region"):
            self.by_code[municipality.code.upper()] = municipality
            for name in {municipality.name, municipality.sort_name}:
                if name:
                    self.by_name.setdefault(normalise(name), []).append(municipality)
            if QUALIFIER.search(municipality.name):
                self.by_base.setdefault(normalise(QUALIFIER.sub("", municipality.name)), []).append(
                    municipality
                )
        self.regions = {
            page.youth_care_region_id: page for page in RegionPage.objects.exclude(youth_care_region=None)
        }

    def find(self, value: str) -> tuple[Municipality | None, str]:
        """By CBS code, by name (also without the CBS qualifier: "Middelburg" for "Middelburg (Z.)");
        an ambiguous name names its candidates."""
        if re.fullmatch(r"(?i)gm\d{4}", value):
            municipality = self.by_code.get(value.upper())
            return municipality, "" if municipality else f"onbekende CBS-code '{value}'"
        key = normalise(value)
        matches = {m.pk: m for m in self.by_name.get(key, [])} or {m.pk: m for m in self.by_base.get(key, [])}
        if len(matches) == 1:
            return next(iter(matches.values())), ""
        if len(matches) > 1:
            shown = ", ".join(f"{m.name} ({m.code})" for m in sorted(matches.values(), key=lambda m: m.code))
            return None, f"'{value}' is niet eenduidig: {shown}; gebruik de CBS-code"
        return None, f"onbekende gemeente '{value}' (gebruik de naam zoals bij het CBS of de CBS-code)"


def header_problems(header: list[str], known: dict[str, Column]) -> list[Problem]:
    """Unknown column names (naming a wrong case) and names used twice."""
    problems = []
    lower = {name.lower(): name for name in known}
    for name in header:
        if name in known:
            continue
        if name.lower() in lower:
            message = f"kolomnaam '{name}' moet '{lower[name.lower()]}' zijn (kleine letters)"
        else:
            message = "onbekende kolom (zie manage.py import_survey --columns)"
        problems.append(Problem(1, name or "(leeg)", message))
    if len(set(header)) != len(header):
        problems.append(Problem(1, "-", "een kolomnaam komt meer dan eens voor"))
    return problems


def _check_header(plan: Plan, header: list[str]) -> list[Column]:
    known = columns_by_name()
    plan.problems += header_problems(header, known)
    used = [known[name] for name in dict.fromkeys(header) if name in known]
    if not any(column.kind == MUNICIPALITY for column in used):
        plan.problems.append(Problem(1, MUNICIPALITY_COLUMN, "verplichte kolom ontbreekt"))
    plan.problems += conflicting_columns(used)
    for column in used:
        if column.deprecated:
            plan.warnings.append(
                Problem(1, column.name, f"verouderde kolomnaam; gebruik voortaan {column.alias_of}")
            )
    return used


def conflicting_columns(used: list[Column]) -> list[Problem]:
    by_target: dict[str, list[Column]] = {}
    for column in used:
        by_target.setdefault(column.target, []).append(column)
    problems = []
    for same in by_target.values():
        # q6 and q16 store one answer but are asked on different routes; an alias never pairs.
        if len(same) > 1 and any(column.alias_of for column in same):
            names = " en ".join(column.name for column in same)
            problems.append(
                Problem(1, same[-1].name, f"de kolommen {names} beantwoorden dezelfde vraag; gebruik er één")
            )
    return problems


def row_problems(number: int, row: dict[str, str]) -> list[Problem]:
    """What ``read_csv`` marked in a row: more values than columns, another separator."""
    problems = []
    if row.pop("__extra__", None):
        problems.append(Problem(number, "-", "meer waarden dan kolommen"))
    separator = row.pop("__separator__", None)
    if separator:
        problems.append(
            Problem(
                number,
                "-",
                f"deze rij gebruikt '{separator}' als scheidingsteken, de kopregel niet; "
                "gebruik in het hele bestand hetzelfde scheidingsteken",
            )
        )
    return problems


def plan_import(data: bytes | str, progress: Callable[[int, int], None] | None = None) -> Plan:
    with translation.override("nl"):  # Django's own validation messages in Dutch, too
        return _plan_import(data, progress)


def _plan_import(data: bytes | str, progress: Callable[[int, int], None] | None) -> Plan:
    plan = Plan()
    header, rows, plan.problems = read_table(data)
    if plan.problems:
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
        plan.problems += row_problems(number, row)
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
        parsed = parse_answers(number, row, used)
        plan.problems += parsed.problems
        plan.warnings += parsed.warnings
        plan.warnings += [
            Problem(number, column_name, _unstored_explanation(term, text))
            for column_name, term, text in parsed.inline_other
        ]
        row_plan = RowPlan(row=number, municipality=municipality, region=region)
        for column in used:
            if column.name in parsed.values:
                _store(row_plan, column, parsed.values[column.name])
        plan.rows.append(row_plan)
    return plan


def _store(row_plan: RowPlan, column: Column, value) -> None:
    if column.kind == TITLE:
        row_plan.title = value
    elif column.kind == PRINCIPLE:
        row_plan.principles[column.statement.code] = value
    elif column.kind == answers.PARTNERS:
        row_plan.partner_types = value
    elif column.kind == answers.RELATION:
        row_plan.relations[column.answer.name] = value
    else:
        row_plan.fields[column.answer.name] = value


# --- parsing a row: the answers, per question -----------------------------------------------------------


@dataclass
class ParsedRow:
    """One row's cells read as answers. ``answers`` and ``explanations`` are the questionnaire's
    (by question id, as ``quickscan.Response`` stores them); ``values`` are per column what the
    profile's field takes (the profile import's columns that have a field)."""

    row: int
    answers: dict[str, object] = field(default_factory=dict)  # code | [codes] | text | {statement: point}
    explanations: dict[str, str] = field(default_factory=dict)  # "q10_other", "q12_explanation"
    values: dict[str, object] = field(default_factory=dict)  # column name -> field value
    letters: dict[str, str] = field(default_factory=dict)  # question id -> letter, for the routes
    inline_other: list[tuple[str, taxonomy.Term, str]] = field(default_factory=list)  # "Anders, namelijk x"
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def parse_answers(
    number: int, row: dict[str, str], used: list[Column], *, route_legacy: bool = False
) -> ParsedRow:
    """Read one row's cells: every answer checked against its question's options (exclusive
    options, one answer where one is asked) and the route by Q4. The one parser of both imports:
    the profile import stores ``values``, the round import ``answers`` and ``explanations``.
    ``route_legacy`` checks the route of deprecated column names too (the round import does)."""
    parsed = ParsedRow(number)
    answered: list[Column] = []
    for column in used:
        cell = row.get(column.name, "")
        if not cell or column.kind == MUNICIPALITY:
            continue
        answered.append(column)
        message = _parse_cell(parsed, column, cell)
        if message:
            parsed.problems.append(Problem(number, column.name, message))
    attempted = {column.question.id for column in answered if column.question is not None}
    for column in answered:
        routed = column.routed or (route_legacy and column.question is not None and column.question.route)
        message = _route_problem(column, parsed.letters, attempted) if routed else ""
        if message:
            parsed.problems.append(Problem(number, column.name, message))
        elif column.kind == EXPLANATION:
            message = _explanation_problem(column, parsed)
            if message:
                parsed.problems.append(Problem(number, column.name, message))
    return parsed


def _route_problem(column: Column, letters: dict[str, str], attempted: set[str]) -> str:
    if column.question.applies_to(letters):
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


def _explanation_problem(column: Column, parsed: ParsedRow) -> str:
    """A "Anders, namelijk" text needs the "other" option chosen."""
    if not column.canonical.endswith("_other"):
        return ""
    question = column.question
    chosen = parsed.answers.get(question.id)
    chosen = set(chosen if isinstance(chosen, list) else [chosen] if chosen else [])
    others = [term for term in question.options() if term.other]
    if chosen & {term.code for term in others}:
        return ""
    label = others[0].text if others else "Anders"
    return f"toelichting bij '{label}' ingevuld, maar dat antwoord is niet gekozen in kolom {question.id}"


def _parse_cell(parsed: ParsedRow, column: Column, value: str) -> str:
    """Read one cell into ``parsed``; returns a problem or ""."""
    kind = column.kind
    if kind == TITLE:
        if len(value) > 255:
            return "de naam is langer dan 255 tekens"
        parsed.values[column.name] = value
        return ""
    if kind == EXPLANATION:
        key = column.canonical
        if parsed.explanations.get(key, value) != value:
            return (
                f"twee verschillende toelichtingen (in kolom {column.question.id} en in kolom {column.name})"
            )
        parsed.explanations[key] = value
        return ""
    if column.question is not None and column.question.instrument == questionnaire.QUICKSCAN:
        return _parse_answer(parsed, column, value)
    if kind == answers.TEXT:
        parsed.values[column.name] = value
        return ""
    if kind == answers.RICHTEXT:
        parsed.values[column.name] = _paragraphs(value)
        return ""
    if kind == answers.BOOLEAN:
        return _parse_boolean(parsed, column, value)
    if kind == answers.NUMBER:
        return _parse_number(parsed, column, value)
    if kind == answers.DATE:
        return _parse_date(parsed, column, value)
    if kind == answers.RELATION:
        return _parse_relation(parsed, column, value)
    return _parse_codes(parsed, column, value)


def _paragraphs(value: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _parse_answer(parsed: ParsedRow, column: Column, value: str) -> str:
    """A quickscan question's cell, read by the question as asked (its options and type)."""
    question = column.question
    if question.type == questionnaire.OPEN:
        parsed.answers[question.id] = value
        if column.kind in (answers.TEXT, answers.RICHTEXT):
            parsed.values[column.name] = _paragraphs(value) if column.kind == answers.RICHTEXT else value
        return ""
    vocabulary = taxonomy.vocabulary(question.scale if column.statement else question.vocabulary)
    parts = [part.strip() for part in MULTI_SEPARATORS.split(value) if part.strip()]
    terms, unknown = [], []
    for part in parts:
        term, explanation = resolve_answer(vocabulary, part)
        if term is None and column.kind == answers.BOOLEAN:
            word = normalise(part)
            code = "yes" if word in TRUE_WORDS else "no" if word in FALSE_WORDS else ""
            term = vocabulary.term(code) if code else None
        if term is None:
            unknown.append(part)
            continue
        terms.append(term)
        if explanation:
            parsed.inline_other.append((column.name, term, explanation))
            key = f"{question.id}_other"
            if parsed.explanations.get(key, explanation) != explanation:
                return f"twee verschillende toelichtingen (in kolom {column.name} en in kolom {key})"
            parsed.explanations[key] = explanation
    if unknown:
        if column.kind == answers.BOOLEAN:
            return f"'{unknown[0][:60]}' is geen ja of nee"
        shown = "', '".join(item[:60] for item in unknown)
        return f"onbekende waarde '{shown}' (gebruik {_choices_hint(vocabulary)})"
    several = question.type == questionnaire.MULTIPLE
    if not several and len(terms) != 1:
        return "precies één antwoord verwacht"
    chosen = {term.code for term in terms}
    alone = [term for term in vocabulary.terms if term.exclusive and term.code in chosen]
    if alone and len(chosen) > 1:
        return f"'{alone[0].label}' kunt u niet combineren met andere antwoorden"
    if column.statement is not None:
        parsed.answers.setdefault(question.id, {})[column.statement.code] = terms[0].code
        parsed.values[column.name] = terms[0].code
    elif several:  # in vocabulary order, as CodeListField stores them, so re-imports compare equal
        parsed.answers[question.id] = [code for code in vocabulary.codes if code in chosen]
        if column.kind != IGNORED:
            parsed.values[column.name] = parsed.answers[question.id]
    else:
        parsed.answers[question.id] = terms[0].code
        if terms[0].letter:
            parsed.letters[question.id] = terms[0].letter
        if column.kind == answers.BOOLEAN:
            parsed.values[column.name] = terms[0].code in TRUE_WORDS
        elif column.kind != IGNORED:
            parsed.values[column.name] = terms[0].code
    return ""


def _parse_codes(parsed: ParsedRow, column: Column, value: str) -> str:
    """A profile field with a code list (not a quickscan question as asked)."""
    vocabulary = column.vocabulary
    parts = [part.strip() for part in MULTI_SEPARATORS.split(value) if part.strip()]
    terms, unknown = [], []
    for part in parts:
        term, warning = _resolve_for(column, part)
        if term is None:
            unknown.append(part)
        else:
            terms.append(term)
            if warning:
                parsed.warnings.append(Problem(parsed.row, column.name, warning))
    if unknown:
        shown = "', '".join(item[:60] for item in unknown)
        return f"onbekende waarde '{shown}' (gebruik {_choices_hint(vocabulary)})"
    if not column.multiple and len(terms) != 1:
        return "precies één antwoord verwacht"
    chosen = {term.code for term in terms}
    alone = [term for term in vocabulary.terms if term.exclusive and term.code in chosen]
    if alone and len(chosen) > 1:
        return f"'{alone[0].label}' kunt u niet combineren met andere antwoorden"
    if column.kind == answers.CODE:
        parsed.values[column.name] = terms[0].code
    else:  # stored in vocabulary order, as CodeListField does, so re-imports compare equal
        parsed.values[column.name] = [code for code in vocabulary.codes if code in chosen]
    return ""


def _parse_boolean(parsed: ParsedRow, column: Column, value: str) -> str:
    word = normalise(value)
    if word in TRUE_WORDS:
        parsed.values[column.name] = True
    elif word in FALSE_WORDS:
        parsed.values[column.name] = False
    else:
        return f"'{value[:60]}' is geen ja of nee"
    return ""


def _parse_number(parsed: ParsedRow, column: Column, value: str) -> str:
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
        parsed.values[column.name] = model_field.clean(number if places else int(number), None)
    except ValidationError as error:
        return f"'{value[:60]}': {' '.join(error.messages)}"
    return ""


DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def _parse_date(parsed: ParsedRow, column: Column, value: str) -> str:
    try:
        match = DUTCH_DATE.fullmatch(value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            result = datetime.date(year, month, day)
        else:
            result = datetime.date.fromisoformat(value)
    except ValueError:
        return f"'{value[:60]}' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)"
    parsed.values[column.name] = result
    return ""


def _parse_relation(parsed: ParsedRow, column: Column, value: str) -> str:
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
    parsed.values[column.name] = list({item.pk: item for item in found}.values())
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
