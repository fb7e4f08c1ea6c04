"""Reference data as read-mostly snippets, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Municipality, Province, YouthCareRegion


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "code", "province", "youth_care_region", "population", "size_class"]
    list_filter = ["province", "youth_care_region", "size_class"]
    list_export = ["code", "name", "province", "youth_care_region", "population", "size_class"]
    search_fields = ["name", "code"]
    # plain ORM lookups: small tables, and the SQLite FTS backend cannot restrict fields
    search_backend_name = None
    ordering = ["sort_name"]


class YouthCareRegionViewSet(SnippetViewSet):
    model = YouthCareRegion
    icon = "site"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    # plain ORM lookups: small tables, and the SQLite FTS backend cannot restrict fields
    search_backend_name = None


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "globe"
    list_display = ["name", "code"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Referentiedata")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (MunicipalityViewSet, YouthCareRegionViewSet, ProvinceViewSet)


register_snippet(ReferenceDataGroup)
