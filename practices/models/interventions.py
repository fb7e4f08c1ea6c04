from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from ..fields import CodeField, CodeListField


class InterventionQuerySet(models.QuerySet):
    def catalogued(self):
        """What the public catalogue lists: everything except drafts still to be checked."""
        return self.filter(needs_review=False)


class Intervention(index.Indexed, models.Model):
    """An intervention or offer used in approaches (KIES, Dappere Dino's, MASIC, ...), with its
    level on the Dutch recognition scheme. The profile's own evaluation is kept separately.

    A snippet (the ministry maintains it under Admin -> Interventies) with a public page in the
    catalogue at ``/interventies/<slug>/`` (``interventions.InterventionIndexPage``). Coordinators
    can add a missing one from the profile form; it starts as ``needs_review`` ("te controleren")
    and stays out of the public catalogue until a ministry editor has completed it."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    needs_review = models.BooleanField(
        _("te controleren"),
        default=False,
        help_text=_("Toegevoegd vanuit een profiel; het ministerie vult het aan en zet dit vinkje uit."),
    )
    description = models.TextField(_("wat is het"), blank=True)
    description_en = models.TextField(_("wat is het (Engels)"), blank=True)
    target_groups = CodeListField(vocabulary="target_group", verbose_name=_("voor wie"))
    phases = CodeListField(vocabulary="intervention_phase", verbose_name=_("fase"))
    care_lines = CodeListField(vocabulary="care_line", verbose_name=_("lijn"))
    offer = CodeField(
        _("soort aanbod (quickscan vraag 21)"),
        vocabulary="offer",
        default="",
        blank=True,
        help_text=_("Het antwoord van vraag 21 waaronder een gemeente dit aanbod meldt, als dat er is."),
    )
    evidence_level = CodeField(
        _("erkenningsniveau"),
        vocabulary="evidence_level",
        default="",
        help_text=_("Erkenningscommissie Interventies"),
    )
    recognised_on = models.DateField(_("erkend op"), null=True, blank=True)
    recognised_by = models.CharField(_("erkend door"), max_length=200, blank=True)
    databank_url = models.URLField(_("link naar de databank"), blank=True)
    costs = models.TextField(_("kosten"), blank=True)
    implementation = models.TextField(_("eisen voor invoering"), blank=True)
    caution = models.TextField(
        _("kanttekening"), blank=True, help_text=_("Bijvoorbeeld een waarschuwing uit een bron, met de bron.")
    )
    sources = models.TextField(
        _("bronnen"), blank=True, help_text=_("Eén bron per regel, met document en regel of pagina.")
    )

    objects = InterventionQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("evidence_level"),
        index.FilterField("needs_review"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self):
        return f"{self.name} ({_('te controleren')})" if self.needs_review else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    # --- the profile form's chooser (practices.intervention_chooser, wagtail-autocomplete) ---
    autocomplete_search_field = "name"

    def autocomplete_label(self) -> str:
        return str(self)

    @classmethod
    def autocomplete_create(cls, value: str) -> "Intervention":
        from ..intervention_chooser import create_draft

        return create_draft(value)

    @property
    def text(self) -> str:
        """The description in the visitor's language (Dutch when there is no English)."""
        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description

    @property
    def source_lines(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:190] or "interventie"
    slug, number = base, 2
    others = Intervention.objects.exclude(pk=exclude_pk) if exclude_pk else Intervention.objects.all()
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
