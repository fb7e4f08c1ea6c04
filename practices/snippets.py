"""Intervention snippets in the admin (registered from PracticesConfig.ready).

The ministry maintains the catalogue (``regions.roles``: add, change, delete). Coordinators may only
add one, and what they add is "te controleren" until a ministry editor completes it; the public
catalogue leaves those out (``Intervention.objects.catalogued()``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from regions.roles import is_ministry

from .models import Intervention


class InterventionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "needs_review" in self.fields and not is_ministry(self.for_user):
            self.fields["needs_review"].disabled = True
            self.fields["needs_review"].initial = True

    def save(self, commit=True):
        if not is_ministry(self.for_user):
            self.instance.needs_review = True
        return super().save(commit=commit)


class InterventionViewSet(SnippetViewSet):
    model = Intervention
    icon = "pick"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "needs_review", "evidence_level", "recognised_on"]
    list_filter = ["needs_review", "evidence_level"]
    list_export = ["name", "needs_review", "evidence_level", "recognised_on", "recognised_by", "databank_url"]
    search_fields = ["name", "description"]
    # plain ORM lookups: small tables, and the SQLite FTS backend cannot restrict fields
    search_backend_name = None
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("needs_review"),
            FieldPanel("description"),
            FieldPanel("description_en"),
            MultiFieldPanel(
                [
                    FieldPanel("target_groups"),
                    FieldPanel("phases"),
                    FieldPanel("care_lines"),
                    FieldPanel("offer"),
                ],
                heading=_("Voor wie en waar"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("evidence_level"),
                    FieldRowPanel([FieldPanel("recognised_on"), FieldPanel("recognised_by")]),
                    FieldPanel("databank_url"),
                ],
                heading=_("Erkenning"),
            ),
            FieldPanel("costs"),
            FieldPanel("implementation"),
            FieldPanel("caution"),
            FieldPanel("sources"),
            FieldPanel("slug"),
        ],
        base_form_class=InterventionForm,
    )


register_snippet(InterventionViewSet)
