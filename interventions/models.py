"""The public interventions catalogue (``/interventies/``) and the proposed basisaanbod
(``/basisaanbod/``): the quickscan's recommendations 2 and 3.

The interventions themselves stay the ``practices.Intervention`` snippet that profiles link to;
``InterventionIndexPage`` lists them with filters and serves one page per intervention at
``/interventies/<slug>/`` (a routable page over a snippet, so profiles keep their relation and no
data moves). ``BasisaanbodPage`` is a proposal the ministry composes and publishes: a named, dated
set of offer types (the quickscan's Q21 vocabulary) and interventions, each with a reason.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from practices.fields import CodeField
from practices.models import Intervention
from sitelinks.public_pages import PublicPageManager


class InterventionIndexPage(RoutablePageMixin, Page):
    objects = PublicPageManager()  # .public() without a page scan: sitelinks/public_pages.py

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("interventiecatalogus")
        verbose_name_plural = _("interventiecatalogi")

    @path("")
    def listing(self, request):
        from .views import catalogue_listing

        return catalogue_listing(request, self)

    @re_path(r"^(?P<slug>[-a-z0-9_]{1,200})/$", name="intervention")
    def intervention(self, request, slug):
        from .views import intervention_detail

        item = Intervention.objects.catalogued().filter(slug=slug).first()
        if item is None:
            raise Http404(_("Deze interventie staat niet (meer) in de catalogus."))
        return intervention_detail(request, self, item)

    def url_for(self, intervention: Intervention) -> str:
        return (self.url or "") + f"{intervention.slug}/"


class BasisaanbodPage(Page):
    """A proposed basisaanbod. The page's title names it, ``proposed_on`` dates it; its elements are
    the inline ``BasisaanbodElement`` rows. Without elements the page explains what it will show."""

    proposed_on = models.DateField(_("datum van het voorstel"), null=True, blank=True)
    intro = RichTextField(_("toelichting"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("proposed_on"),
        FieldPanel("intro"),
        InlinePanel("elements", heading=_("Onderdelen"), label=_("onderdeel")),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("basisaanbod")
        verbose_name_plural = _("basisaanbod")

    def get_context(self, request, *args, **kwargs):
        from . import coverage

        context = super().get_context(request, *args, **kwargs)
        # the editor's order; pk breaks ties of rows saved without one (PostgreSQL has no fixed order)
        elements = list(self.elements.select_related("intervention").order_by("sort_order", "pk"))
        context["elements"] = elements
        context["intervention_index"] = InterventionIndexPage.objects.live().public().first()
        if elements:
            context["coverage"] = result = coverage.basisaanbod_coverage(elements)
            context["trend"] = coverage.round_trend(result.elements)
        return context


class BasisaanbodElement(Orderable):
    page = ParentalKey(BasisaanbodPage, on_delete=models.CASCADE, related_name="elements")
    offer = CodeField(_("soort aanbod"), vocabulary="offer", default="", blank=True)
    intervention = models.ForeignKey(
        Intervention,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("interventie"),
    )
    reason = models.TextField(_("waarom"), help_text=_("Waarom hoort dit in het basisaanbod?"))

    panels = [FieldPanel("offer"), FieldPanel("intervention"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("onderdeel van het basisaanbod")
        verbose_name_plural = _("onderdelen van het basisaanbod")

    def clean(self):
        super().clean()
        if bool(self.offer) == bool(self.intervention_id):
            raise ValidationError(_("Kies een soort aanbod of een interventie (één van beide)."))

    @property
    def label(self) -> str:
        if self.intervention_id:
            return self.intervention.name
        from practices import taxonomy

        return taxonomy.label("offer", self.offer)
