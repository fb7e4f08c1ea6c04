"""Intervention snippets in the admin (registered from PracticesConfig.ready)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Intervention


class InterventionViewSet(SnippetViewSet):
    model = Intervention
    icon = "pick"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "evidence_level", "recognised_on"]
    list_filter = ["evidence_level"]
    list_export = ["name", "evidence_level", "recognised_on", "recognised_by", "databank_url"]
    search_fields = ["name", "description"]
    # plain ORM lookups: small tables, and the SQLite FTS backend cannot restrict fields
    search_backend_name = None
    inspect_view_enabled = True


register_snippet(InterventionViewSet)
