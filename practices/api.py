"""Wagtail API v2 endpoints for approach profiles and region pages (registered in config/api.py).

Both are ``PagesAPIViewSet`` subclasses restricted to one page type, so Wagtail's public/live
rules, pagination, ``fields=`` and ``order=`` keep working. Only public data: named contact
persons (ApproachContact) are never exposed. Field filters are limited to code and text fields so
a malformed value gives a 400, never a 500.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from regions.models import RegionPage
from sitelinks.api import SiteLinkedPageSerializer

from . import costs, presentation, taxonomy
from .models import ApproachPage

MAX_OFFSET = 100_000
MAX_ID = 2**63 - 1
SEARCH_OPERATORS = ("and", "or")  # what Wagtail's search backends accept; anything else raises


class StrictListingMixin:
    """Turns inputs Wagtail would pass to the database into 400s: huge offsets (a DataError on
    PostgreSQL), unknown ``search_operator`` values (a ValueError in the search backend) and filter
    values outside a field's vocabulary (which would silently match nothing);
    ``filter_fields`` limits field filters to fields whose values cannot break the query. Also
    usable by other apps' page endpoints."""

    code_filters: dict[str, str] = {}  # query parameter -> taxonomy vocabulary
    filter_fields: set[str] | None = None  # database fields usable as filters; None: Wagtail's

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only and cls.filter_fields is not None:
            fields = [field for field in fields if field in cls.filter_fields]
        return fields

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        offset = params.get("offset", "")
        if offset and not offset.isascii():  # "²".isdigit() is true, int("²") is an error
            raise BadRequestError("offset moet een getal zijn")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset mag niet groter zijn dan {MAX_OFFSET}")
        if "search_operator" in params and params["search_operator"] not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator moet 'and' of 'or' zijn")
        for name, vocabulary in self.code_filters.items():
            if name in params and params[name] not in taxonomy.vocabulary(vocabulary).codes:
                raise BadRequestError(f"onbekende waarde voor {name}")

    def detail_view(self, request, pk):
        # An id beyond any database integer overflows SQLite and errors on PostgreSQL: a plain 404.
        if int(pk) > MAX_ID:
            raise Http404("Geen pagina met dit id.")
        return super().detail_view(request, pk)


class MunicipalitiesField(serializers.Field):
    def to_representation(self, value):
        return [
            {"code": m.code, "name": m.name, "population": m.population, "size_class": m.size_class}
            for m in value.all()
        ]


class PartnersField(serializers.Field):
    def to_representation(self, value):
        return [
            {
                "organisation": p.organisation,
                "partner_type": p.partner_type,
                "discipline": p.discipline,
                "care_line": p.care_line,
                "circle": p.circle,
                "role": p.role,
            }
            for p in value.all()
        ]


class RegionRefField(serializers.Field):
    """The parent region page, from one lookup of all region pages per request (not per item)."""

    def to_representation(self, page):
        cache = self.context.setdefault("_regions_by_path", {})
        if not cache:
            for pk, path, title, code in RegionPage.objects.values_list(
                "pk", "path", "title", "youth_care_region__code"
            ):
                cache[path] = {"id": pk, "title": title, "code": code or ""}
        return cache.get(page.path[: -RegionPage.steplen])


class TagsField(serializers.Field):
    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class NamesField(serializers.Field):
    def to_representation(self, value):
        return sorted(item.name for item in value.all())


class SourcesField(serializers.Field):
    def to_representation(self, value):
        return presentation.source_lines(value)


class CostPerInhabitantField(serializers.Field):
    """Annual budget per inhabitant of the covered municipalities (practices.costs), in euros."""

    def to_representation(self, page):
        value = costs.cost_per_inhabitant(page)
        return None if value is None else float(value)


# Cost, reach and outcome figures of one year (``figures_year``), and where the facts come from.
COST_FIELDS = [
    APIField("annual_budget"),
    APIField("fte"),
    APIField("figures_year"),
    APIField("reached_parents"),
    APIField("reached_children"),
    APIField("reached_per_year"),
    APIField("cost_per_inhabitant", serializer=CostPerInhabitantField(source="*")),
    APIField("desk_questions"),
    APIField("parents_right_help"),
    APIField("referrals_heavier_help"),
]
PROVENANCE_FIELDS = [
    APIField("data_date"),
    APIField("data_period"),
    APIField("sources", serializer=SourcesField()),
]


class ApproachesAPIViewSet(StrictListingMixin, PagesAPIViewSet):
    """/api/v2/approaches/: published approach profiles."""

    name = "approaches"
    model = ApproachPage
    base_serializer_class = SiteLinkedPageSerializer
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}
    body_fields = [
        *PagesAPIViewSet.body_fields,
        APIField("region", serializer=RegionRefField(source="*")),
        APIField("municipalities", serializer=MunicipalitiesField()),
        APIField("website"),
        APIField("start_period"),
        APIField("start_year"),
        APIField("cooperation_mode"),
        APIField("adoption_elsewhere"),
        APIField("cooperation_intensity"),
        APIField("has_vision"),
        APIField("funding_sources"),
        APIField("funding_structure"),
        APIField("policy_ownership"),
        APIField("execution_ownership"),
        APIField("offers"),
        APIField("interventions", serializer=NamesField()),
        APIField("partners", serializer=PartnersField()),
        APIField("front_door"),
        APIField("lead_organisation"),
        APIField("expertise_measures"),
        APIField("evaluation_status"),
        APIField("last_evaluated"),
        APIField("cooperation_bottlenecks"),
        APIField("execution_bottlenecks"),
        APIField("national_bottlenecks"),
        APIField("support_needs"),
        APIField("contact_email"),
        APIField("tags", serializer=TagsField()),
        APIField("is_stale"),
        *COST_FIELDS,
        *PROVENANCE_FIELDS,
    ]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "summary",
        "level",
        "stage",
        "region",
        "last_reviewed",
    ]
    filter_fields = {"id", "title", "slug", "level", "stage", "evaluation_status", "front_door"}
    code_filters = {
        "level": "level",
        "stage": "stage",
        "evaluation_status": "evaluation_status",
        "front_door": "front_door",
    }

    def get_queryset(self):
        public = self.get_base_queryset().values_list("pk", flat=True)
        return (
            self.model.objects.filter(pk__in=public)
            .prefetch_related("partners", "municipalities", "interventions", "tags")
            .order_by("path")
        )


class RegionSummaryField(serializers.Field):
    def to_representation(self, region):
        if region is None:
            return None
        return {"code": region.code, "name": region.name}


class ProvincesField(serializers.Field):
    def to_representation(self, value):
        return [{"code": p.code, "name": p.name} for p in value]


class RegionApproachesField(serializers.Field):
    def to_representation(self, page):
        children = ApproachPage.objects.child_of(page).published().order_by("title")
        return [{"id": child.pk, "title": child.title, "stage": child.stage} for child in children]


class RegionsAPIViewSet(StrictListingMixin, PagesAPIViewSet):
    """/api/v2/regions/: youth-care regions (RegionPage) with their municipalities."""

    name = "regions"
    model = RegionPage
    base_serializer_class = SiteLinkedPageSerializer
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}
    body_fields = [
        *PagesAPIViewSet.body_fields,
        APIField("youth_care_region", serializer=RegionSummaryField()),
        APIField("population"),
        APIField("provinces", serializer=ProvincesField()),
        APIField("municipalities", serializer=MunicipalitiesField()),
        APIField("approaches", serializer=RegionApproachesField(source="*")),
    ]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "youth_care_region"]
    filter_fields = {"id", "title", "slug"}

    def get_queryset(self):
        public = self.get_base_queryset().values_list("pk", flat=True)
        return self.model.objects.filter(pk__in=public).select_related("youth_care_region").order_by("title")
