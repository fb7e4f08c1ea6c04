"""The facets of the practice search: names, Dutch labels and where their labels come from.

Every facet value of a profile is stored as a code (see ``search.documents``). Taxonomy facets take
their labels from ``taxonomy.json`` at query time (so they follow the active language); facets over
reference data (province, region, intervention, tag, adopted_from) store the label with the code.
A profile that leaves a facet empty gets the code ``NONE`` ("niet ingevuld"), so gaps in the
registry are visible and filterable.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from practices import taxonomy

NONE = "__none__"
NONE_LABEL = _("Niet ingevuld")


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    vocabulary: str | None = None  # taxonomy vocabulary; None = labels stored with the values

    def label_for(self, code: str, stored: str = "") -> str:
        if code == NONE:
            return str(NONE_LABEL)
        if self.vocabulary:
            return taxonomy.label(self.vocabulary, code)
        return stored or code

    def order_key(self, code: str, label: str):
        """Vocabulary order for taxonomy facets, alphabetical otherwise; the empty bucket last."""
        if code == NONE:
            return (2, 0, "")
        if self.vocabulary:
            return (0, taxonomy.vocabulary(self.vocabulary).position(code), "")
        return (1, 0, label.casefold())


FACETS: tuple[Facet, ...] = (
    Facet("province", _("Provincie")),
    Facet("region", _("Regio")),
    Facet("size_class", _("Grootteklasse gemeente"), "size_class"),
    Facet("level", _("Niveau"), "level"),
    Facet("stage", _("Fase"), "stage"),
    Facet("funding_source", _("Financiering"), "funding_source"),
    Facet("evaluation_status", _("Evaluatie"), "evaluation_status"),
    Facet("offer", _("Aanbod"), "offer"),
    Facet("partner_type", _("Soort partner"), "partner_type"),
    Facet("discipline", _("Discipline"), "discipline"),
    Facet("front_door", _("Voordeur"), "front_door"),
    Facet("intervention", _("Interventie")),
    Facet("tag", _("Trefwoord")),
    Facet("support_need", _("Behoefte aan ondersteuning"), "support_need"),
    Facet("cooperation_bottleneck", _("Knelpunt in de samenwerking"), "cooperation_bottleneck"),
    Facet("execution_bottleneck", _("Knelpunt in de uitvoering"), "execution_bottleneck"),
    Facet("adopted_from", _("Overgenomen van")),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
FACET_NAMES = tuple(FACETS_BY_NAME)


def get(name: str) -> Facet:
    return FACETS_BY_NAME[name]
