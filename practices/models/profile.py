"""The approach profile: how one region or municipality organises help around divorce.

Every coded field maps to a quickscan 2025 question or a finding of the 2018 study; codes come
from ``taxonomy.json`` (see practices.taxonomy). Free text sits next to the codes so a reader
gets the story, and a peer can still filter on the facts.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import presentation, taxonomy
from ..blocks import StoryBlock
from ..fields import CodeListField, code_field
from ..forms import ApproachPageForm
from ..freshness import STALE_AFTER, is_stale  # noqa: F401  (STALE_AFTER re-exported)
from ..validation import validate_municipalities
from ..visibility import can_see_member_content, profile_hook_context
from .published import ApproachPageManager


class ApproachPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.ApproachPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ApproachPage(Page):
    objects = ApproachPageManager()  # .published(), .real(): see practices/models/published.py

    # --- identity ---
    summary = models.TextField(
        _("samenvatting"),
        max_length=600,
        blank=True,
        help_text=_("Twee of drie zinnen: wat is de aanpak, voor wie, en wat maakt hem bijzonder."),
    )
    level = code_field("level", _("niveau"))
    municipalities = ParentalManyToManyField(
        "regions.Municipality",
        blank=True,
        related_name="approaches",
        verbose_name=_("gemeenten"),
        help_text=_("Gemeenten waar de aanpak loopt; alleen gemeenten uit deze regio."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    # --- status (Q4, Q6/Q16, Q8, Q9/Q13, Q14; 2018 §2.2.2) ---
    stage = code_field("stage", _("fase"), help_text=_("Quickscan vraag 4"))
    start_period = code_field("start_period", _("startperiode"))
    start_year = models.PositiveSmallIntegerField(
        _("startjaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    complex_divorce_frequency = code_field(
        "frequency_scale",
        _("hoe vaak speelt complexe scheiding"),
    )
    cooperation_mode = code_field("cooperation_mode", _("vorm van samenwerking"))
    adoption_elsewhere = code_field("adoption_elsewhere", _("aanpak elders"))
    cooperation_intensity = code_field("cooperation_intensity", _("intensiteit van samenwerking"))
    status_note = models.TextField(_("toelichting op de stand van zaken"), blank=True)

    # --- vision (Q12/Q15) ---
    has_vision = models.BooleanField(_("visie vastgelegd"), null=True, blank=True)
    vision = RichTextField(_("visie"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    # --- funding (Q18) ---
    funding_sources = CodeListField(vocabulary="funding_source", verbose_name=_("financieringsbronnen"))
    funding_structure = code_field("funding_structure", _("structureel of incidenteel"))
    annual_budget = models.DecimalField(
        _("jaarbudget (euro)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fte = models.DecimalField(
        _("formatie (fte)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_note = models.TextField(_("toelichting financiering"), blank=True)

    # --- ownership (Q19, Q20) ---
    policy_ownership = code_field("policy_ownership", _("eigenaarschap beleid"))
    execution_ownership = code_field("execution_ownership", _("eigenaarschap uitvoering"))

    # --- offer (Q21) and interventions ---
    offers = CodeListField(vocabulary="offer", verbose_name=_("aanbod voor ouders en kinderen"))
    interventions = ParentalManyToManyField(
        "practices.Intervention",
        blank=True,
        related_name="approaches",
        verbose_name=_("interventies"),
    )
    offer_note = models.TextField(_("toelichting aanbod"), blank=True)

    # --- partners (inline) ---
    partners_note = models.TextField(_("toelichting partners"), blank=True)

    # --- governance (2018 §4.1) ---
    has_steering_group = models.BooleanField(_("stuurgroep"), null=True, blank=True)
    steering_group_note = models.TextField(_("toelichting stuurgroep"), blank=True)
    meeting_cadence_weeks = models.PositiveSmallIntegerField(
        _("overleg eens per ... weken"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    working_groups = models.TextField(_("werkgroepen"), blank=True)
    case_consultation = models.TextField(_("casusoverleg voor vastgelopen situaties"), blank=True)
    lead_organisation = code_field("lead_organisation", _("trekker"))
    lead_note = models.TextField(_("toelichting trekkerschap"), blank=True)
    front_door = code_field("front_door", _("voordeur (loket)"))
    front_door_operator = code_field("front_door_operator", _("wie runt de voordeur"))
    front_door_note = models.TextField(_("toelichting voordeur"), blank=True)
    opening_hours = models.TextField(_("openingstijden"), blank=True)
    governance_note = models.TextField(_("toelichting organisatie"), blank=True)

    # --- expertise (Q22 theme 3, Q23) ---
    expertise_measures = CodeListField(
        vocabulary="expertise_measure", verbose_name=_("deskundigheidsmaatregelen")
    )
    expertise_note = models.TextField(_("toelichting deskundigheid"), blank=True)

    # --- evaluation (Q10, Q11) ---
    evaluation_status = code_field("evaluation_status", _("evaluatie"))
    measurable_results = models.TextField(_("meetbare resultaten"), blank=True)
    last_evaluated = models.DateField(_("datum laatste evaluatie"), null=True, blank=True)
    evaluation_note = models.TextField(_("toelichting evaluatie en monitoring"), blank=True)

    # --- bottlenecks and needs (Q24, Q25, ch. 11, ch. 12; 2018 §4.4-4.5) ---
    cooperation_bottlenecks = CodeListField(
        vocabulary="cooperation_bottleneck", verbose_name=_("knelpunten in de samenwerking")
    )
    execution_bottlenecks = CodeListField(
        vocabulary="execution_bottleneck", verbose_name=_("knelpunten in de uitvoering")
    )
    national_bottlenecks = CodeListField(
        vocabulary="national_bottleneck", verbose_name=_("landelijke knelpunten")
    )
    support_needs = CodeListField(vocabulary="support_need", verbose_name=_("behoefte aan ondersteuning"))
    success_factors = CodeListField(vocabulary="success_factor", verbose_name=_("wat hielp"))
    hindering_factors = CodeListField(vocabulary="hindering_factor", verbose_name=_("wat hield tegen"))
    reflection = models.TextField(_("reflectie: lessen en wensen"), blank=True)

    # --- story, contact, sources ---
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("verhaal en achtergrond"))
    contact_email = models.EmailField(
        _("functioneel e-mailadres"), blank=True, help_text=_("Openbaar. Geen persoonlijk adres.")
    )
    sources = models.TextField(
        _("bronnen"), blank=True, help_text=_("Eén bron per regel, bijvoorbeeld een rapport of onderzoek.")
    )
    tags = ClusterTaggableManager(through=ApproachPageTag, blank=True, verbose_name=_("trefwoorden"))
    last_reviewed = models.DateField(
        _("laatst gecontroleerd"),
        null=True,
        blank=True,
        help_text=_("Na twaalf maanden zonder controle geldt het profiel als verouderd."),
    )
    is_fictional = models.BooleanField(
        _("fictief (testdata)"),
        default=False,
        editable=False,
        help_text=_("Gezet door de generator van synthetische profielen."),
    )

    base_form_class = ApproachPageForm
    parent_page_types = ["regions.RegionPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("vision"),
        index.SearchField("offer_note"),
        index.SearchField("front_door_note"),
        index.SearchField("case_consultation"),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
        index.RelatedFields("interventions", [index.SearchField("name")]),
        index.RelatedFields("partners", [index.SearchField("organisation")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("stage"),
        index.FilterField("level"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("level"),
        APIField("stage"),
        APIField("last_reviewed"),
    ]

    identity_panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("level"),
        FieldPanel("municipalities"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("logo")]),
        FieldPanel("tags"),
    ]
    status_panels = [
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldRowPanel([FieldPanel("start_period"), FieldPanel("start_year")]),
                FieldPanel("complex_divorce_frequency"),
                FieldPanel("cooperation_mode"),
                FieldPanel("adoption_elsewhere"),
                FieldPanel("cooperation_intensity"),
                FieldPanel("status_note"),
            ],
            heading=_("Stand van zaken"),
        ),
        MultiFieldPanel([FieldPanel("has_vision"), FieldPanel("vision")], heading=_("Visie")),
        InlinePanel("lineage", heading=_("Overgenomen van of geïnspireerd door"), label=_("aanpak")),
    ]
    funding_panels = [
        MultiFieldPanel(
            [
                FieldPanel("funding_sources"),
                FieldPanel("funding_structure"),
                FieldRowPanel([FieldPanel("annual_budget"), FieldPanel("fte")]),
                FieldPanel("funding_note"),
            ],
            heading=_("Financiering"),
        ),
        MultiFieldPanel(
            [FieldPanel("policy_ownership"), FieldPanel("execution_ownership")],
            heading=_("Eigenaarschap"),
        ),
    ]
    offer_panels = [
        FieldPanel("offers"),
        FieldPanel("interventions"),
        FieldPanel("offer_note"),
        InlinePanel("partners", heading=_("Partners"), label=_("partner")),
        FieldPanel("partners_note"),
    ]
    governance_panels = [
        MultiFieldPanel(
            [
                FieldPanel("has_steering_group"),
                FieldPanel("steering_group_note"),
                FieldPanel("meeting_cadence_weeks"),
                FieldPanel("working_groups"),
                FieldPanel("case_consultation"),
                FieldPanel("lead_organisation"),
                FieldPanel("lead_note"),
                FieldPanel("governance_note"),
            ],
            heading=_("Sturing en overleg"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("front_door"),
                FieldPanel("front_door_operator"),
                FieldPanel("front_door_note"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Voordeur"),
        ),
    ]
    expertise_panels = [
        FieldPanel("expertise_measures"),
        FieldPanel("expertise_note"),
        InlinePanel("principles", heading=_("Uitgangspunten (vraag 23)"), label=_("uitgangspunt"), max_num=4),
        MultiFieldPanel(
            [
                FieldPanel("evaluation_status"),
                FieldPanel("measurable_results"),
                FieldPanel("last_evaluated"),
                FieldPanel("evaluation_note"),
                InlinePanel("evaluation_reports", label=_("evaluatierapport")),
            ],
            heading=_("Evaluatie"),
        ),
    ]
    bottleneck_panels = [
        FieldPanel("cooperation_bottlenecks"),
        FieldPanel("execution_bottlenecks"),
        FieldPanel("national_bottlenecks"),
        FieldPanel("support_needs"),
        FieldPanel("success_factors"),
        FieldPanel("hindering_factors"),
        FieldPanel("reflection"),
    ]
    contact_panels = [
        FieldPanel("contact_email"),
        InlinePanel(
            "contacts", heading=_("Contactpersonen (alleen zichtbaar voor leden)"), label=_("contactpersoon")
        ),
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldPanel("last_reviewed"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Aanpak")),
            ObjectList(status_panels, heading=_("Stand en visie")),
            ObjectList(funding_panels, heading=_("Financiering")),
            ObjectList(offer_panels, heading=_("Aanbod en partners")),
            ObjectList(governance_panels, heading=_("Organisatie")),
            ObjectList(expertise_panels, heading=_("Deskundigheid en evaluatie")),
            ObjectList(bottleneck_panels, heading=_("Knelpunten")),
            ObjectList(contact_panels, heading=_("Contact en bronnen")),
            ObjectList(Page.promote_panels, heading=_("Promoten")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )

    class Meta:
        verbose_name = _("aanpak")
        verbose_name_plural = _("aanpakken")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path and self.depth else None
        if parent is not None:
            try:
                validate_municipalities(parent.specific, self.municipalities.all())
            except ValidationError as error:
                raise ValidationError({"municipalities": error}) from None

    # --- derived facts used by templates, search and the overview ---

    @cached_property
    def region_page(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def review_date(self) -> datetime.date | None:
        if self.last_reviewed:
            return self.last_reviewed
        published = self.last_published_at or self.first_published_at
        return published.date() if published else None

    @property
    def is_stale(self) -> bool:
        return is_stale(self.review_date, timezone.localdate())

    def stage_rank(self) -> int | None:
        """0 for the most advanced stage; None when unknown (taxonomy order is best first)."""
        position = taxonomy.vocabulary("stage").position(self.stage)
        return None if position < 0 else position

    def code_label(self, vocabulary_name: str, code: str) -> str:
        return taxonomy.label(vocabulary_name, code)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(self.partners.all())
        context["partner_groups"] = presentation.partners_by_discipline(partners)
        context["source_lines"] = presentation.source_lines(self.sources)
        context["adopted_from"] = self.lineage.select_related("source").filter(source__live=True)
        context["adopted_by"] = self.adopted_by.select_related("page").filter(page__live=True)
        context["can_see_contacts"] = can_see_member_content(request)
        context.update(profile_hook_context(self, request))
        return context


class ApproachPartner(Orderable):
    page = ParentalKey(ApproachPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.CharField(_("organisatie"), max_length=200)
    partner_type = code_field("partner_type", _("soort partner"))
    discipline = code_field("discipline", _("discipline"))
    care_line = code_field("care_line", _("lijn"))
    circle = code_field("partner_circle", _("schil"))
    role = models.CharField(_("rol"), max_length=300, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("partner_type"), FieldPanel("discipline")]),
        FieldRowPanel([FieldPanel("care_line"), FieldPanel("circle")]),
        FieldPanel("role"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.organisation


class PrincipleRating(Orderable):
    """Q23: how far each of the four principles is applied, on the quickscan's scale."""

    page = ParentalKey(ApproachPage, on_delete=models.CASCADE, related_name="principles")
    principle = code_field("principle", _("uitgangspunt"), blank=False)
    scale = code_field("principle_scale", _("in welke mate"), blank=False)

    panels = [FieldRowPanel([FieldPanel("principle"), FieldPanel("scale")])]

    class Meta(Orderable.Meta):
        verbose_name = _("uitgangspunt")
        verbose_name_plural = _("uitgangspunten")


class EvaluationReport(Orderable):
    page = ParentalKey(ApproachPage, on_delete=models.CASCADE, related_name="evaluation_reports")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    published = models.DateField(_("datum"), null=True, blank=True)

    panels = [FieldPanel("document"), FieldRowPanel([FieldPanel("title"), FieldPanel("published")])]

    class Meta(Orderable.Meta):
        verbose_name = _("evaluatierapport")
        verbose_name_plural = _("evaluatierapporten")


class ApproachContact(Orderable):
    """Named contact persons: personal data, shown to verified members only, never indexed."""

    page = ParentalKey(ApproachPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")

    def __str__(self):
        return self.name


class ApproachLineage(Orderable):
    """'This approach adopted (or was inspired by) that one' — shown in both directions."""

    page = ParentalKey(ApproachPage, on_delete=models.CASCADE, related_name="lineage")
    source = models.ForeignKey(
        ApproachPage,
        on_delete=models.CASCADE,
        related_name="adopted_by",
        verbose_name=_("aanpak"),
    )
    relation = code_field("lineage_relation", _("relatie"), blank=False, default="adopted")
    note = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Eén regel, bijvoorbeeld 'loket naar voorbeeld van het Scheidingspunt'."),
    )

    panels = [FieldPanel("source"), FieldPanel("relation"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("herkomst")
        verbose_name_plural = _("herkomst")
