"""The approach profile: how one region or municipality organises help around divorce.

Every content field declares the question it answers (``practices/data/questionnaire.json``:
the quickscan 2025 questions and the profile's own from the 2018 study); codes come from the
questionnaire's answer lists and ``taxonomy.json`` (see practices.taxonomy). Free text sits next
to the codes so a reader gets the story, and a peer can still filter on the facts.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from .. import costs, freshness, presentation, taxonomy
from ..blocks import StoryBlock
from ..fields import CodeField, CodeListField, answers
from ..forms import ApproachPageForm
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
    level = CodeField(_("niveau"), question="p_level")
    municipalities = answers(
        "q1",
        ParentalManyToManyField(
            "regions.Municipality",
            blank=True,
            related_name="approaches",
            verbose_name=_("gemeenten"),
            help_text=_("Gemeenten waar de aanpak loopt; alleen gemeenten uit deze regio."),
        ),
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

    # Each content field declares the question it answers (``questionnaire.json``); the profile's
    # sections, admin tabs, exports and figures are derived from those declarations.
    # --- status (Q4-Q17) ---
    stage = CodeField(_("fase"), question="q4")
    no_approach_reason = answers("q5", models.TextField(_("reden dat er (nog) geen aanpak is"), blank=True))
    start_period = CodeField(_("startperiode"), question="q8")
    start_year = answers(
        "p_start_year",
        models.PositiveSmallIntegerField(
            _("startjaar"),
            null=True,
            blank=True,
            validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        ),
    )
    complex_divorce_frequency = CodeField(_("hoe vaak speelt complexe scheiding"), question="q16")
    cooperation_mode = CodeField(_("vorm van samenwerking"), question="q9")
    consultation_mode = CodeField(_("overleg over de aanpak"), question="q13")
    adoption_elsewhere = CodeField(_("aanpak elders"), question="q14")
    cooperation_intensity = CodeField(_("intensiteit van samenwerking"), question="p_cooperation_intensity")
    regional_cooperation = answers("q17", models.TextField(_("regionale samenwerking"), blank=True))
    status_note = answers(
        "p_status_note", models.TextField(_("toelichting op de stand van zaken"), blank=True)
    )

    # --- vision (Q12/Q15) ---
    has_vision = answers("q12", models.BooleanField(_("visie vastgelegd"), null=True, blank=True))
    vision = answers(
        "p_vision", RichTextField(_("visie"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    )

    # --- funding (Q18 as asked, and the profile's richer sources) ---
    funding_quickscan = CodeField(_("financiering (quickscan)"), question="q18")
    funding_sources = CodeListField(question="p_funding_sources", verbose_name=_("financieringsbronnen"))
    funding_structure = CodeField(_("structureel of incidenteel"), question="p_funding_structure")
    annual_budget = answers(
        "p_annual_budget",
        models.DecimalField(
            _("jaarbudget (euro)"),
            max_digits=12,
            decimal_places=0,
            null=True,
            blank=True,
            validators=[
                costs.not_negative(_("Het jaarbudget")),
                costs.at_most(costs.MAX_BUDGET, _("Het jaarbudget")),
            ],
        ),
    )
    fte = answers(
        "p_fte",
        models.DecimalField(
            _("formatie (fte)"),
            max_digits=6,
            decimal_places=2,
            null=True,
            blank=True,
            validators=[costs.not_negative(_("De formatie")), costs.at_most(costs.MAX_FTE, _("De formatie"))],
        ),
    )
    reached_parents = answers(
        "p_reached_parents",
        models.PositiveIntegerField(
            _("ouders bereikt per jaar"),
            null=True,
            blank=True,
            validators=costs.count_validators(_("Het aantal ouders")),
        ),
    )
    reached_children = answers(
        "p_reached_children",
        models.PositiveIntegerField(
            _("kinderen bereikt per jaar"),
            null=True,
            blank=True,
            validators=costs.count_validators(_("Het aantal kinderen")),
        ),
    )
    figures_year = answers(
        "p_figures_year",
        models.PositiveSmallIntegerField(
            _("jaar van budget, formatie en cijfers"),
            null=True,
            blank=True,
            validators=costs.year_validators(),
        ),
    )
    funding_note = answers("p_funding_note", models.TextField(_("toelichting financiering"), blank=True))

    # --- ownership (Q19, Q20) ---
    policy_ownership = CodeField(_("eigenaarschap beleid"), question="q19")
    execution_ownership = CodeField(_("eigenaarschap uitvoering"), question="q20")

    # --- offer (Q21) and interventions; partners (Q22) are the ``partners`` inline ---
    offers = CodeListField(question="q21", verbose_name=_("aanbod voor ouders en kinderen"))
    interventions = answers(
        "p_interventions",
        ParentalManyToManyField(
            "practices.Intervention",
            blank=True,
            related_name="approaches",
            verbose_name=_("interventies"),
        ),
    )
    offer_note = answers("p_offer_note", models.TextField(_("toelichting aanbod"), blank=True))
    partners_note = answers("p_partners_note", models.TextField(_("toelichting partners"), blank=True))

    # --- governance (2018 §4.1) ---
    has_steering_group = answers(
        "p_has_steering_group", models.BooleanField(_("stuurgroep"), null=True, blank=True)
    )
    steering_group_note = answers(
        "p_steering_group_note", models.TextField(_("toelichting stuurgroep"), blank=True)
    )
    meeting_cadence_weeks = answers(
        "p_meeting_cadence_weeks",
        models.PositiveSmallIntegerField(
            _("overleg eens per ... weken"),
            null=True,
            blank=True,
            validators=[MinValueValidator(1), MaxValueValidator(52)],
        ),
    )
    working_groups = answers("p_working_groups", models.TextField(_("werkgroepen"), blank=True))
    case_consultation = answers(
        "p_case_consultation", models.TextField(_("casusoverleg voor vastgelopen situaties"), blank=True)
    )
    lead_organisation = CodeField(_("trekker"), question="p_lead_organisation")
    lead_note = answers("p_lead_note", models.TextField(_("toelichting trekkerschap"), blank=True))
    front_door = CodeField(_("voordeur (loket)"), question="p_front_door")
    front_door_operator = CodeField(_("wie runt de voordeur"), question="p_front_door_operator")
    front_door_note = answers("p_front_door_note", models.TextField(_("toelichting voordeur"), blank=True))
    opening_hours = answers("p_opening_hours", models.TextField(_("openingstijden"), blank=True))
    governance_note = answers("p_governance_note", models.TextField(_("toelichting organisatie"), blank=True))

    # --- expertise (Q22 theme 3; Q23 is the ``principles`` inline) ---
    expertise_measures = CodeListField(question="q22b", verbose_name=_("deskundigheidsmaatregelen"))
    expertise_note = answers("p_expertise_note", models.TextField(_("toelichting deskundigheid"), blank=True))

    # --- evaluation (Q10, Q11) ---
    evaluation_status = CodeField(_("evaluatie"), question="q10")
    measurable_results = answers("q11", models.TextField(_("meetbare resultaten"), blank=True))
    last_evaluated = answers(
        "p_last_evaluated", models.DateField(_("datum laatste evaluatie"), null=True, blank=True)
    )
    evaluation_note = answers(
        "p_evaluation_note", models.TextField(_("toelichting evaluatie en monitoring"), blank=True)
    )
    # Outcome indicators the 2018 study names (questionnaire.json cites the lines), per year.
    desk_questions = answers(
        "p_desk_questions",
        models.PositiveIntegerField(
            _("vragen bij het loket per jaar"),
            null=True,
            blank=True,
            validators=costs.count_validators(_("Het aantal vragen")),
        ),
    )
    parents_right_help = answers(
        "p_parents_right_help",
        models.PositiveIntegerField(
            _("ouders bij de juiste hulp aangekomen per jaar"),
            null=True,
            blank=True,
            validators=costs.count_validators(_("Het aantal ouders")),
        ),
    )
    referrals_heavier_help = answers(
        "p_referrals_heavier_help",
        models.PositiveIntegerField(
            _("doorverwijzingen naar zwaardere hulp per jaar"),
            null=True,
            blank=True,
            validators=costs.count_validators(_("Het aantal doorverwijzingen")),
        ),
    )

    # --- bottlenecks and needs (Q24-Q28, coded as in ch. 11 and 12; 2018 §4.4-4.5) ---
    cooperation_bottlenecks = CodeListField(question="q24", verbose_name=_("knelpunten in de samenwerking"))
    execution_bottlenecks = CodeListField(question="q25", verbose_name=_("knelpunten in de uitvoering"))
    national_issues = answers("q26", models.TextField(_("landelijk op te lossen knelpunten"), blank=True))
    national_bottlenecks = CodeListField(
        question="p_national_bottlenecks", verbose_name=_("landelijke knelpunten")
    )
    support_products = answers("q27", models.TextField(_("behoefte aan ondersteuningsproducten"), blank=True))
    support_needs = CodeListField(question="p_support_needs", verbose_name=_("behoefte aan ondersteuning"))
    expertise_needs = answers(
        "q28", models.TextField(_("behoefte aan deskundigheidsbevordering"), blank=True)
    )
    success_factors = CodeListField(question="p_success_factors", verbose_name=_("wat hielp"))
    hindering_factors = CodeListField(question="p_hindering_factors", verbose_name=_("wat hield tegen"))
    reflection = answers("p_reflection", models.TextField(_("reflectie: lessen en wensen"), blank=True))

    # --- story, contact, sources ---
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("verhaal en achtergrond"))
    contact_email = models.EmailField(
        _("functioneel e-mailadres"), blank=True, help_text=_("Openbaar. Geen persoonlijk adres.")
    )
    sources = models.TextField(
        _("bronnen"),
        blank=True,
        help_text=_(
            "Eén bron per regel, bijvoorbeeld een rapport of onderzoek. Beschrijft een bron een andere "
            "peildatum dan het profiel, zet die erachter: '· peildatum maart 2025'."
        ),
    )
    # --- provenance: the date the facts describe (freshness is judged from it) ---
    data_date = answers(
        "p_data_date",
        models.DateField(
            _("peildatum"),
            null=True,
            blank=True,
            help_text=_(
                "De datum waarop de gegevens de situatie beschrijven, zoals het einde van de interviews."
            ),
        ),
    )
    data_period = answers(
        "p_data_period",
        models.CharField(
            _("peildatum in woorden"),
            max_length=120,
            blank=True,
            help_text=_("Bijvoorbeeld 'voorjaar 2018'."),
        ),
    )
    tags = ClusterTaggableManager(through=ApproachPageTag, blank=True, verbose_name=_("trefwoorden"))
    last_reviewed = models.DateField(
        _("laatst gecontroleerd"),
        null=True,
        blank=True,
        help_text=_("Na twaalf maanden zonder controle geldt het profiel als verouderd."),
    )
    # ``review_date`` stored on every save, so the stale lists are an indexed range, not a
    # per-row expression over every profile (practices/freshness.py).
    review_on = models.DateField(_("feiten van"), null=True, blank=True, editable=False)
    other_answers = models.JSONField(
        _("toelichting bij 'Anders, namelijk'"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Per vraag (id uit de vragenlijst) de tekst bij 'Anders, namelijk'; gezet door het formulier."
        ),
    )
    is_fictional = models.BooleanField(
        _("fictief (testdata)"),
        default=False,
        editable=False,
        help_text=_("Gezet door de generator van synthetische profielen."),
    )

    # Questions answered by an inline panel rather than a field of the page.
    inline_answers = {"q22a": "partners", "q23": "principles"}

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

    class Meta:
        verbose_name = _("aanpak")
        verbose_name_plural = _("aanpakken")
        # The home page's stale and latest lists of real profiles (practices.freshness.stale,
        # home/sections.py) read only real rows, however many fictional ones the benchmark adds.
        indexes = [
            models.Index(
                fields=["review_on"], condition=Q(is_fictional=False), name="practices_real_review_idx"
            ),
        ]

    def save(self, *args, **kwargs):
        self.review_on = self.review_date
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(freshness.SOURCES):
            kwargs["update_fields"] = {*update_fields, "review_on"}
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        costs.validate_figures(self)
        if self.data_date and self.data_date > timezone.localdate():
            raise ValidationError({"data_date": _("De peildatum kan niet in de toekomst liggen.")})
        parent = self.get_parent() if self.path and self.depth else None
        if parent is not None:
            try:
                validate_municipalities(parent.specific, self.municipalities.all())
            except ValidationError as error:
                raise ValidationError({"municipalities": error}) from None

    # --- derived facts used by templates, search and the overview ---

    @cached_property
    def region_page(self):
        """The parent region page, read as its specific model in one query (``parent_page_types``
        allows only region pages; anything else falls back to the tree)."""
        from regions.models import RegionPage

        region = RegionPage.objects.filter(path=self.path[: -self.steplen]).first() if self.path else None
        if region is None:
            parent = self.get_parent()
            return parent.specific if parent else None
        return region

    @property
    def review_date(self) -> datetime.date | None:
        return freshness.review_date(
            self.last_reviewed, self.last_published_at, self.first_published_at, data_date=self.data_date
        )

    @property
    def peildatum(self) -> str:
        """The data date as a reader sees it: the period in words, else the date."""
        from django.utils.formats import date_format

        return self.data_period or (date_format(self.data_date, "j F Y") if self.data_date else "")

    @property
    def reached_per_year(self) -> int | None:
        return costs.reached_per_year(self)

    @cached_property
    def cost_per_inhabitant(self):
        return costs.cost_per_inhabitant(self)

    @property
    def is_stale(self) -> bool:
        return freshness.is_stale(self.review_date)

    def stage_rank(self) -> int | None:
        """0 for the most advanced stage; None when unknown (taxonomy order is best first)."""
        position = taxonomy.vocabulary("stage").position(self.stage)
        return None if position < 0 else position

    def get_view_restrictions(self):
        """Wagtail's restriction check in one query, evaluated once per page instance: serving
        checks it, and so do the follow button and the comparable approaches.

        Wagtail reads the ancestors first and then their restrictions (two queries); the
        ancestors' paths are prefixes of this page's path, so one query does: the restrictions of
        this page and its ancestors, where an alias among them counts with its source page's
        restrictions instead of its own, as in Wagtail."""
        restrictions = self.__dict__.get("_view_restrictions")
        if restrictions is None:
            paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
            # Two primary-key lookups by path: a join on the page table is planned as a scan of
            # every page on SQLite.
            on_path = Page.objects.filter(path__in=paths)
            restrictions = PageViewRestriction.objects.filter(
                Q(page_id__in=on_path.filter(alias_of__isnull=True).values("pk"))
                | Q(page_id__in=on_path.filter(alias_of__isnull=False).values("alias_of_id"))
            )
            len(restrictions)  # evaluated: exists() and iteration use the result cache
            self.__dict__["_view_restrictions"] = restrictions
        return restrictions

    @property
    def parent_link(self):
        """The region page as a link (title, URL): the page routing found on the way when there
        is one (no query), else ``region_page``."""
        routed = getattr(self, "routed_ancestors", None)
        return routed[-1] if routed else self.region_page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], "partners", "principles", "interventions", "municipalities")
        context["profile_sections"], elsewhere = presentation.split_sections(self)
        partners = list(self.partners.all())
        context["partner_groups"] = presentation.partners_by_discipline(partners)
        context["source_lines"] = presentation.source_lines(self.sources)
        context["provenance_lines"] = presentation.provenance_lines(self)
        context["provenance_section"] = elsewhere.get("provenance")
        # Both directions of the lineage in one query.
        links = list(
            ApproachLineage.objects.filter(
                Q(page=self, source__live=True) | Q(source=self, page__live=True)
            ).select_related("source", "page")
        )
        context["adopted_from"] = [link for link in links if link.page_id == self.pk]
        context["adopted_by"] = [link for link in links if link.source_id == self.pk]
        context["can_see_contacts"] = can_see_member_content(request)
        context.update(profile_hook_context(self, request))
        return context


class ApproachPartner(Orderable):
    page = ParentalKey(ApproachPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.CharField(_("organisatie"), max_length=200)
    partner_type = CodeField(_("soort partner"), question="q22a")
    discipline = CodeField(_("discipline"), vocabulary="discipline")
    care_line = CodeField(_("lijn"), vocabulary="care_line")
    circle = CodeField(_("schil"), vocabulary="partner_circle")
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
    principle = CodeField(_("uitgangspunt"), vocabulary="principle", blank=False)
    scale = CodeField(_("in welke mate"), vocabulary="principle_scale", blank=False)

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
    relation = CodeField(_("relatie"), vocabulary="lineage_relation", blank=False, default="adopted")
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
