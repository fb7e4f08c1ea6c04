"""Reference data (CBS) and the region pages of the tree.

Province, YouthCareRegion and Municipality are plain models loaded by ``load_reference_data``;
they are read-only snippets in the admin. RegionPage is one youth-care region (or a cooperation
of municipalities) under which the approach profiles live.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from sitelinks.public_pages import PublicPageManager, restricted_q


class Province(models.Model):
    code = models.CharField(_("CBS-code"), max_length=8, unique=True)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self):
        return self.name


class YouthCareRegion(models.Model):
    code = models.CharField(_("CBS-code"), max_length=8, unique=True)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("jeugdregio")
        verbose_name_plural = _("jeugdregio's")

    def __str__(self):
        return self.name


class Municipality(index.Indexed, models.Model):
    code = models.CharField(_("CBS-code"), max_length=8, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    sort_name = models.CharField(_("sorteernaam"), max_length=100, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("provincie")
    )
    youth_care_region = models.ForeignKey(
        YouthCareRegion,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("jeugdregio"),
    )
    population = models.PositiveIntegerField(_("inwonertal"), help_text=_("CBS, 1 januari 2024"))
    size_class = models.CharField(_("grootteklasse"), max_length=20, db_index=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("youth_care_region"),
        index.FilterField("province"),
        index.FilterField("size_class"),
    ]

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class RegionIndexPage(Page):
    objects = PublicPageManager()  # .public() without a page scan: sitelinks/public_pages.py

    intro = RichTextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["regions.RegionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("regio-overzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = (
            RegionPage.objects.child_of(self).live().select_related("youth_care_region").order_by("title")
        )
        return context


class RegionPage(Page):
    objects = PublicPageManager()  # .public() without a page scan: sitelinks/public_pages.py

    youth_care_region = models.OneToOneField(
        YouthCareRegion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="page",
        verbose_name=_("jeugdregio"),
        help_text=_("Leeg laten voor een samenwerking die niet samenvalt met één jeugdregio."),
    )
    intro = RichTextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("youth_care_region"), FieldPanel("intro")]
    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types = ["practices.ApproachPage"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Children are approach pages; regions does not import practices, so use specific().
        context["approaches"] = (
            self.get_children().live().exclude(restricted_q()).specific().order_by("title")
        )
        return context

    @cached_property
    def municipalities(self):
        if not self.youth_care_region_id:
            return Municipality.objects.none()
        return self.youth_care_region.municipalities.select_related("province")

    @cached_property
    def provinces(self):
        return Province.objects.filter(municipalities__in=self.municipalities).distinct()

    @property
    def population(self) -> int:
        return sum(m.population for m in self.municipalities)
