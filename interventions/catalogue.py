"""The catalogue's filters and what one intervention's page shows.

Filters come from the controlled vocabularies (``evidence_level``, ``target_group``,
``intervention_phase`` in taxonomy.json); an unknown code or an over-long search is a form error,
which the view answers with a Dutch message and a 400.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from practices import taxonomy
from practices.models import ApproachPage, Intervention

MAX_QUERY = 200

# GET parameter -> (model field, vocabulary, label); one place for the catalogue's filters
FILTERS = {
    "erkenning": ("evidence_level", "evidence_level", _("Erkenningsniveau")),
    "doelgroep": ("target_groups", "target_group", _("Voor wie")),
    "fase": ("phases", "intervention_phase", _("Fase")),
}


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=MAX_QUERY,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (_field, vocabulary, label) in FILTERS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("Alle")), *taxonomy.choices(vocabulary)],
                error_messages={"invalid_choice": _("'%(value)s' is geen bekende waarde voor dit filter.")},
            )

    def apply(self, queryset):
        data = self.cleaned_data
        text = data.get("q", "").strip()
        if text:
            queryset = queryset.filter(
                Q(name__icontains=text) | Q(description__icontains=text) | Q(description_en__icontains=text)
            )
        for name, (field, vocabulary, _label) in FILTERS.items():
            code = data.get(name)
            if not code:
                continue
            if taxonomy.vocabulary(vocabulary).multiple:
                # JSON lists: matched in Python (a small table; JSON containment differs per database)
                pks = [i.pk for i in queryset if code in (getattr(i, field) or [])]
                queryset = queryset.filter(pk__in=pks)
            else:
                queryset = queryset.filter(**{field: code})
        return queryset


def catalogue_items():
    return Intervention.objects.catalogued()


@dataclass
class Offered:
    profiles: list  # published ApproachPages using the intervention
    named: set[str]  # CBS codes of municipalities those profiles name
    in_region: set[str]  # municipalities of regions whose profile names none
    regions: list[str]  # region names, sorted


def offered(intervention: Intervention) -> Offered:
    """Only profiles an anonymous visitor may see (``ApproachPage.objects.published()``)."""
    from regions.models import Municipality, RegionPage

    profiles = list(
        ApproachPage.objects.published()
        .filter(interventions=intervention)
        .prefetch_related("municipalities")
        .order_by("title")
    )
    region_by_path = {
        path: (code, name)
        for path, code, name in RegionPage.objects.values_list(
            "path", "youth_care_region__code", "youth_care_region__name"
        )
    }
    named, whole_regions, region_names = set(), set(), set()
    for profile in profiles:
        codes = {m.code for m in profile.municipalities.all()}
        named |= codes
        region = region_by_path.get(profile.path[: -ApproachPage.steplen])
        if region is not None:
            region_names.add(region[1])
            if not codes:
                whole_regions.add(region[0])
        profile.region_name = region[1] if region else ""
    in_region = set(
        Municipality.objects.filter(youth_care_region__code__in=whole_regions).values_list("code", flat=True)
    )
    return Offered(profiles, named, in_region, sorted(region_names))
