"""How a profile is grouped for reading: partners by discipline and care line, sources as a list."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from . import taxonomy


@dataclass
class PartnerGroup:
    discipline: str
    label: str
    lines: list[tuple[str, list]] = field(default_factory=list)


def partners_by_discipline(partners) -> list[PartnerGroup]:
    """Partners grouped by discipline (taxonomy order), then by care line (0, 1, 2, unknown)."""
    disciplines = [*taxonomy.vocabulary("discipline").codes, ""]
    lines = [*taxonomy.vocabulary("care_line").codes, ""]
    groups = []
    for discipline in disciplines:
        members = [p for p in partners if (p.discipline or "") == discipline]
        if not members:
            continue
        group = PartnerGroup(
            discipline=discipline,
            label=taxonomy.label("discipline", discipline) if discipline else "Overig / onbekend",
        )
        for line in lines:
            in_line = [p for p in members if (p.care_line or "") == line]
            if in_line:
                group.lines.append((taxonomy.label("care_line", line) if line else "", in_line))
        groups.append(group)
    return groups


def source_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


OWN_DATE_MARK = "peildatum"  # a source line that names its own peildatum keeps it


def provenance_lines(page) -> list[str]:
    """'Bron: <source> · peildatum <period>' for every source of the profile: each line with the
    peildatum it names itself (a quickscan line in a 2018 profile), else the profile's."""
    from django.utils.translation import gettext as _

    peildatum = page.peildatum
    lines = []
    for line in source_lines(page.sources):
        if peildatum and OWN_DATE_MARK not in line.lower():
            line = _("%(source)s · peildatum %(date)s") % {"source": line, "date": peildatum}
        lines.append(_("Bron: %(source)s") % {"source": line})
    if not lines and peildatum:
        lines.append(_("Peildatum %(date)s") % {"date": peildatum})
    return lines


# Sections the page shows elsewhere: the provenance include (practices/includes/provenance.html).
SHOWN_ELSEWHERE = {"provenance"}

# Short answers go into the section's fact list; the others are blocks of their own.
FACT_KINDS = {"code", "codes", "boolean", "number", "date", "relation"}


@dataclass
class ShownAnswer:
    answer: object
    value: object
    template: str

    @property
    def label(self) -> str:
        return self.answer.label


@dataclass
class ShownSection:
    key: str
    title: str
    facts: list[ShownAnswer] = field(default_factory=list)
    blocks: list[ShownAnswer] = field(default_factory=list)


def answer_template(answer) -> str:
    """``practices/answers/<field>.html`` where a field reads better its own way, else by kind."""
    return _answer_templates().get(answer.name) or f"practices/answers/{answer.kind}.html"


@cache
def _answer_templates() -> dict[str, str]:
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    from .answers import profile_answers

    found = {}
    for answer in profile_answers():
        name = f"practices/answers/field_{answer.name}.html"
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found[answer.name] = name
    return found


def profile_sections(page) -> list[ShownSection]:
    """The profile's answered questions, section by section (empty answers and sections left out)."""
    return split_sections(page)[0]


def split_sections(page) -> tuple[list[ShownSection], dict[str, ShownSection]]:
    """In one pass: the sections of the profile's main column, and those shown elsewhere by key
    (the provenance include shows "provenance")."""
    main, elsewhere = [], {}
    for part in _shown_sections(page):
        if part.key in SHOWN_ELSEWHERE:
            elsewhere[part.key] = part
        else:
            main.append(part)
    return main, elsewhere


def _shown_sections(page) -> list[ShownSection]:
    from .answers import answers_by_section

    shown = []
    for section, answers in answers_by_section():
        part = ShownSection(section.key, section.title)
        for answer in answers:
            if answer.is_empty(page):
                continue
            item = ShownAnswer(answer, answer.display(page), answer_template(answer))
            (part.facts if answer.kind in FACT_KINDS else part.blocks).append(item)
        if part.facts or part.blocks:
            shown.append(part)
    return shown
