"""Side-by-side comparison of 2-4 public profiles: rows of (field label, one value per profile)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practices import taxonomy
from practices.models import ApproachPage

MIN_PROFILES, MAX_PROFILES = 2, 4
ID_PATTERN = re.compile(r"[0-9]{1,18}")  # ASCII digits only; 18 digits always fit a 64-bit id


class CompareError(ValueError):
    pass


def parse_ids(values: list[str]) -> list[int]:
    if any(not ID_PATTERN.fullmatch(value) for value in values):
        raise CompareError(_("Ongeldige aanpak-id: gebruik alleen getallen."))
    ids = list(dict.fromkeys(int(value) for value in values))
    if not MIN_PROFILES <= len(ids) <= MAX_PROFILES:
        raise CompareError(
            _("Kies minimaal %(min)s en maximaal %(max)s verschillende aanpakken om te vergelijken.")
            % {"min": MIN_PROFILES, "max": MAX_PROFILES}
        )
    return ids


def load_profiles(ids: list[int]) -> list[ApproachPage]:
    pages = {
        page.pk: page
        for page in ApproachPage.objects.published()
        .filter(pk__in=ids)
        .prefetch_related("partners", "interventions", "municipalities")
    }
    missing = [pk for pk in ids if pk not in pages]
    if missing:
        raise CompareError(
            _("Aanpak %(ids)s bestaat niet of is niet openbaar.") % {"ids": ", ".join(map(str, missing))}
        )
    return [pages[pk] for pk in ids]


def _single(vocab):
    return lambda page, attr: taxonomy.label(vocab, getattr(page, attr)) if getattr(page, attr) else ""


def _multi(vocab):
    return lambda page, attr: taxonomy.vocabulary(vocab).labels(getattr(page, attr) or [])


def _yes_no(page, attr):
    value = getattr(page, attr)
    return "" if value is None else (_("ja") if value else _("nee"))


FIELDS = [
    (gettext_lazy("Niveau"), "level", _single("level")),
    (gettext_lazy("Fase"), "stage", _single("stage")),
    (gettext_lazy("Startjaar"), "start_year", lambda p, a: str(p.start_year or "")),
    (gettext_lazy("Vorm van samenwerking"), "cooperation_mode", _single("cooperation_mode")),
    (gettext_lazy("Visie vastgelegd"), "has_vision", _yes_no),
    (gettext_lazy("Financieringsbronnen"), "funding_sources", _multi("funding_source")),
    (gettext_lazy("Structureel of incidenteel"), "funding_structure", _single("funding_structure")),
    (gettext_lazy("Aanbod voor ouders en kinderen"), "offers", _multi("offer")),
    (gettext_lazy("Interventies"), "interventions", lambda p, a: [i.name for i in p.interventions.all()]),
    (
        gettext_lazy("Soorten partners"),
        "partners",
        lambda p, a: taxonomy.vocabulary("partner_type").labels(
            sorted(
                {x.partner_type for x in p.partners.all() if x.partner_type},
                key=taxonomy.vocabulary("partner_type").position,
            )
        ),
    ),
    (gettext_lazy("Trekker"), "lead_organisation", _single("lead_organisation")),
    (gettext_lazy("Voordeur"), "front_door", _single("front_door")),
    (gettext_lazy("Stuurgroep"), "has_steering_group", _yes_no),
    (gettext_lazy("Evaluatie"), "evaluation_status", _single("evaluation_status")),
    (
        gettext_lazy("Knelpunten in de samenwerking"),
        "cooperation_bottlenecks",
        _multi("cooperation_bottleneck"),
    ),
    (gettext_lazy("Knelpunten in de uitvoering"), "execution_bottlenecks", _multi("execution_bottleneck")),
    (gettext_lazy("Behoefte aan ondersteuning"), "support_needs", _multi("support_need")),
    (
        gettext_lazy("Laatst gecontroleerd"),
        "review_date",
        lambda p, a: p.review_date.isoformat() if p.review_date else "",
    ),
]


def comparison_rows(pages: list[ApproachPage]) -> list[dict]:
    rows = []
    for label, attr, getter in FIELDS:
        values = [getter(page, attr) for page in pages]
        as_sets = [frozenset(v) if isinstance(v, list) else frozenset([v]) for v in values]
        rows.append(
            {
                "label": label,
                "values": [v if isinstance(v, list) else ([v] if v else []) for v in values],
                "differs": len(set(as_sets)) > 1,
            }
        )
    return rows
