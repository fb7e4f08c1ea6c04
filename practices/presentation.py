"""How a profile is grouped for reading: partners by discipline and care line, sources as a list."""

from __future__ import annotations

from dataclasses import dataclass, field

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
