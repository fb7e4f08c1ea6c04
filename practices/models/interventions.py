from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from ..fields import CodeField


class Intervention(index.Indexed, models.Model):
    """An intervention used in approaches (KIES, Dappere Dino's, MASIC, ...), with its level on
    the Dutch recognition scheme. The profile's own evaluation is kept separately."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    evidence_level = CodeField(
        _("erkenningsniveau"),
        vocabulary="evidence_level",
        default="",
        help_text=_("Erkenningscommissie Interventies"),
    )
    recognised_on = models.DateField(_("erkend op"), null=True, blank=True)
    recognised_by = models.CharField(_("erkend door"), max_length=200, blank=True)
    databank_url = models.URLField(_("link naar de databank"), blank=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("evidence_level"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self):
        return self.name
