"""The home page and simple content pages (about, privacy, accessibility statement)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from practices.blocks import StoryBlock


class HomePage(Page):
    intro = RichTextField(
        _("inleiding"), blank=True, help_text=_("Wat is het Kennisnetwerk Scheiden, voor wie.")
    )
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("homepage")

    def route(self, request, path_components):
        """Every page below the home page, found with one query for the pages on the path instead
        of Wagtail's two per level of the tree (a profile page is three levels down). Where a page
        on the way routes sub-paths itself (``RoutablePageMixin``: the sessions, ``agenda.ics``),
        or the path names no page, Wagtail's own route decides, as it would anyway."""
        from .routing import route_by_url_path

        found = route_by_url_path(self, request, path_components)
        return found if found is not None else super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .sections import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(self))
        return context


class StandardPage(Page):
    intro = models.TextField(_("inleiding"), blank=True)
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")
