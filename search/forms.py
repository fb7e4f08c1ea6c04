"""The search parameters as a Django form generated from the facet definitions
(``search.facets.FACETS``): ``q``, ``sort``, ``page`` and one multiple-choice field per facet.
``contract.parse_params`` runs it and turns its first error into the API's 400 answer
``{"error": {"parameter", "message"}}``.

Besides the fields: parameters the page itself adds (``IGNORED``) and the tracking parameters
that shared links pick up (``utm_*``, ``fbclid``, ...) are ignored; any other unknown parameter is
an error, so a mistyped filter never silently widens a search."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _

from practices import taxonomy

from .compare import MAX_PROFILES as MAX_COMPARED
from .facets import FACETS, NONE

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
MAX_VALUES_PER_FACET = 50
MAX_CODE_LENGTH = 80
IGNORED = {"format", "partial"}  # harmless extras used by the page (progressive enhancement)
# Added to shared links by newsletters, social networks and ad platforms; never search input.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
TRACKING = {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid"} | {
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "ttclid",
    "li_fat_id",
}


def is_tracking(name: str) -> bool:
    return name in TRACKING or name.startswith(TRACKING_PREFIXES)


class SingleValue(forms.TextInput):
    """Hands the field every value, so a repeated ``?sort=a&sort=b`` is an error, not the last."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        values = [value for value in values if value is not None]
        if len(values) > 1:
            return values
        return values[0] if values else None


class SingleValueMixin:
    widget = SingleValue

    def to_python(self, value):
        if isinstance(value, list):
            raise ValidationError(_("Deze parameter mag maar één keer voorkomen."), code="repeated")
        return super().to_python(value)


class QueryField(SingleValueMixin, forms.CharField):
    pass


class SortField(SingleValueMixin, forms.ChoiceField):
    pass


class PageField(SingleValueMixin, forms.CharField):
    pass


class FacetField(forms.MultipleChoiceField):
    """The codes of one facet (OR-ed). Taxonomy facets know their codes; the others (places,
    interventions, tags, ...) ask ``known_codes(facet, codes)`` which of them exist."""

    def __init__(self, facet, known_codes, **kwargs):
        self.facet = facet
        self.known_codes = known_codes
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        codes = frozenset(code.strip() for code in (value or []) if code.strip())
        if len(codes) > MAX_VALUES_PER_FACET:
            raise ValidationError(_("Te veel waarden voor dit filter."), code="too_many")
        return codes

    def validate(self, value):
        name = self.facet.name
        if any(len(code) > MAX_CODE_LENGTH for code in value):
            raise ValidationError(_("Onbekende waarde(n) voor filter '%(name)s'.") % {"name": name})
        candidates = value - {NONE}
        if self.facet.vocabulary:
            codes = taxonomy.vocabulary(self.facet.vocabulary)
            unknown = {code for code in candidates if code not in codes}
        else:
            unknown = candidates - set(self.known_codes(name, candidates)) if candidates else set()
        if unknown:
            raise ValidationError(
                _("Onbekende waarde(n) voor filter '%(name)s': %(codes)s.")
                % {"name": name, "codes": ", ".join(sorted(code[:40] for code in unknown)[:5])},
                code="unknown",
            )


class CompareField(forms.MultipleChoiceField):
    """``ids``: the profiles ticked for comparison, kept in the search URL while filters change."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = [item.strip() for item in (value or []) if item.strip()]
        if any(not re.fullmatch(r"[0-9]{1,9}", item) for item in values):
            raise ValidationError(_("Ongeldige aanpak-id: gebruik alleen getallen."), code="invalid")
        ids = tuple(dict.fromkeys(int(item) for item in values))
        if len(ids) > MAX_COMPARED:
            message = _("Kies maximaal %(max)s aanpakken om te vergelijken.") % {"max": MAX_COMPARED}
            raise ValidationError(message, code="too_many")
        return ids

    def validate(self, value):
        """Any id: one that is not (or no longer) public is simply not shown as selected."""


def _known_document_codes(name: str, codes) -> set[str]:
    from .models import FacetValue

    return set(
        FacetValue.objects.filter(facet=name, code__in=codes).values_list("code", flat=True).distinct()
    )


class SearchForm(forms.Form):
    """``SearchForm(request.GET)``; field order is the order errors are reported in."""

    def __init__(self, data, *, sorts, known_codes=None):
        super().__init__(data)
        too_long = _("De zoekvraag is te lang (maximaal %(max)s tekens).") % {"max": MAX_QUERY_LENGTH}
        self.fields["q"] = QueryField(
            required=False, max_length=MAX_QUERY_LENGTH, error_messages={"max_length": too_long}
        )
        self.fields["sort"] = SortField(
            required=False,
            choices=[(key, label) for key, label in sorts.items()],
            error_messages={
                "invalid_choice": _("Onbekende sortering '%(sort)s'; kies uit %(options)s.")
                % {"sort": str(self._raw("sort"))[:40], "options": ", ".join(sorts)}
            },
        )
        page_message = _("Het paginanummer moet een geheel getal van 1 tot en met %(max)s zijn.") % {
            "max": MAX_PAGE
        }
        self.fields["page"] = PageField(
            required=False,
            strip=False,
            validators=[RegexValidator(r"^[0-9]{1,6}\Z", page_message)],
        )
        self.page_message = page_message
        lookup = known_codes or _known_document_codes
        for facet in FACETS:
            self.fields[facet.name] = FacetField(facet, lookup)
        self.fields["ids"] = CompareField()

    def _raw(self, name):
        return self.data.get(name, "")

    def clean_page(self):
        raw = self.cleaned_data.get("page") or "1"
        if not 1 <= int(raw) <= MAX_PAGE:
            raise ValidationError(self.page_message)
        return int(raw)

    def clean_sort(self):
        return self.cleaned_data.get("sort") or "relevance"

    def unknown_parameters(self) -> list[str]:
        known = set(self.fields) | IGNORED
        return [name for name in self.data if name not in known and not is_tracking(name)]

    def first_error(self) -> tuple[str, str] | None:
        """(parameter, message) of the first problem, in field order; unknown parameters come
        after ``q``, ``sort`` and ``page`` and before the facet codes, as before the form."""
        errors = self.errors
        for name in ("q", "sort", "page"):
            if name in errors:
                return name, errors[name][0]
        unknown = self.unknown_parameters()
        if unknown:
            name = unknown[0][:60]
            return name, _("Onbekend filter '%(name)s'.") % {"name": name}
        for name in self.fields:
            if name in errors:
                return name, errors[name][0]
        return None
