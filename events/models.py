"""Cross-regional exchange sessions ("Bijeenkomsten") and their registrations.

EventIndexPage lists sessions (upcoming first, then past ones with their reports) and serves the
calendar feed; ExchangeSessionPage is one session with its registration form. Registration keeps
capacity and waiting list as explicit states; the rules live in ``events.registration``.
"""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from practices import taxonomy
from practices.fields import CodeField, CodeListField
from practices.validation import validate_single_line
from sitelinks.public_pages import PublicPageManager

from .admin_forms import ExchangeSessionPageForm

SESSION_TIME_ZONE = ZoneInfo("Europe/Amsterdam")

# The theme of a session: codes from these vocabularies, one field each (field name, vocabulary).
THEME_FIELDS = (
    ("theme_cooperation_bottlenecks", "cooperation_bottleneck"),
    ("theme_execution_bottlenecks", "execution_bottleneck"),
    ("theme_national_bottlenecks", "national_bottleneck"),
    ("theme_support_needs", "support_need"),
)
THEME_VOCABULARIES = tuple(vocabulary for _field, vocabulary in THEME_FIELDS)
# Codes that name no theme ("no bottlenecks", "other") are not offered as a session theme.
NON_THEME_CODES = frozenset({"none", "other"})


def theme_choices() -> list[tuple[str, str]]:
    """All theme keys ("vocabulary:code") with labels, for filters."""
    return [
        (f"{vocabulary}:{code}", label)
        for vocabulary in THEME_VOCABULARIES
        for code, label in taxonomy.choices(vocabulary)
        if code not in NON_THEME_CODES
    ]


class EventIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.ExchangeSessionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("bijeenkomstenoverzicht")

    @path("")
    def listing(self, request):
        from .views import event_index

        return event_index(request, self)

    @property
    def feed_url(self) -> str:
        """Calendar feed of upcoming sessions (served by events.urls: Wagtail paths have no dots)."""
        return (self.url or "") + "agenda.ics"

    def sessions(self):
        return ExchangeSessionPage.objects.child_of(self).live().public()


class ExchangeSessionPage(RoutablePageMixin, Page):
    objects = PublicPageManager()  # .public() without a page scan: sitelinks/public_pages.py

    intro = models.TextField(
        _("korte omschrijving"), max_length=600, blank=True, help_text=_("Waar gaat de bijeenkomst over?")
    )
    description = RichTextField(_("programma en toelichting"), blank=True)

    # --- theme (bottleneck and support-need codes) ---
    theme_cooperation_bottlenecks = CodeListField(
        vocabulary="cooperation_bottleneck", verbose_name=_("thema: knelpunten in de samenwerking")
    )
    theme_execution_bottlenecks = CodeListField(
        vocabulary="execution_bottleneck", verbose_name=_("thema: knelpunten in de uitvoering")
    )
    theme_national_bottlenecks = CodeListField(
        vocabulary="national_bottleneck", verbose_name=_("thema: landelijke knelpunten")
    )
    theme_support_needs = CodeListField(
        vocabulary="support_need", verbose_name=_("thema: behoefte aan ondersteuning")
    )

    # --- when and where ---
    start = models.DateTimeField(_("begin"), help_text=_("Nederlandse tijd (Europe/Amsterdam)."))
    end = models.DateTimeField(_("einde"), help_text=_("Nederlandse tijd (Europe/Amsterdam)."))
    format = CodeField(_("vorm"), vocabulary="event_format", blank=False, default="in_person")
    venue = models.TextField(
        _("locatie"), blank=True, help_text=_("Naam en adres van de locatie (bij een fysieke bijeenkomst).")
    )
    online_link = models.URLField(
        _("link online deelname"),
        blank=True,
        max_length=500,
        help_text=_("Alleen zichtbaar voor bevestigde deelnemers (in hun e-mail en persoonlijke link)."),
    )

    # --- who ---
    host_regions = ParentalManyToManyField(
        "regions.RegionPage", blank=True, related_name="hosted_sessions", verbose_name=_("gastregio('s)")
    )
    organiser = models.CharField(
        _("organisator"), max_length=200, default="Ministerie van Justitie en Veiligheid"
    )
    organiser_email = models.EmailField(
        _("e-mailadres organisator"), blank=True, help_text=_("Voor vragen van deelnemers. Openbaar.")
    )
    featured_approaches = ParentalManyToManyField(
        "practices.ApproachPage",
        blank=True,
        related_name="featured_in_sessions",
        verbose_name=_("uitgelichte aanpakken"),
    )
    audience = models.TextField(_("voor wie"), blank=True)

    # --- registration ---
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leeg laten voor onbeperkt. Daarna komen aanmelders op de wachtlijst."),
    )
    registration_opens = models.DateTimeField(
        _("aanmelden vanaf"), null=True, blank=True, help_text=_("Leeg: direct na publicatie.")
    )
    registration_closes = models.DateTimeField(
        _("aanmelden tot"), null=True, blank=True, help_text=_("Leeg: tot het begin van de bijeenkomst.")
    )

    # --- ministry recommendation (only the Ministerie group may change these) ---
    recommended_by_ministry = models.BooleanField(_("aanbevolen door het ministerie"), default=False)
    recommendation_reason = models.TextField(_("reden van de aanbeveling"), blank=True)

    # --- afterwards ---
    report = RichTextField(_("verslag"), blank=True)
    outcomes = RichTextField(
        _("uitkomsten en afspraken"), blank=True, features=["bold", "italic", "ol", "ul"]
    )

    base_form_class = ExchangeSessionPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("report"),
        index.FilterField("start"),
    ]

    # Public fields only: never the online link, never registrations.
    api_fields = [
        APIField("intro"),
        APIField("start"),
        APIField("end"),
        APIField("format"),
        APIField("themes"),
        APIField("venue"),
        APIField("organiser"),
        APIField("host_region_names"),
        APIField("capacity"),
        APIField("registration_opens"),
        APIField("registration_closes"),
        APIField("recommended_by_ministry"),
        APIField("recommendation_reason"),
        APIField("has_report"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("theme_cooperation_bottlenecks"),
                FieldPanel("theme_execution_bottlenecks"),
                FieldPanel("theme_national_bottlenecks"),
                FieldPanel("theme_support_needs"),
            ],
            heading=_("Thema (minstens één)"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("format"),
                FieldPanel("venue"),
                FieldPanel("online_link"),
            ],
            heading=_("Wanneer en waar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("host_regions"),
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("organiser_email")]),
                FieldPanel("featured_approaches"),
                FieldPanel("audience"),
            ],
            heading=_("Wie"),
        ),
        FieldPanel("description"),
    ]
    registration_panels = [
        FieldPanel("capacity"),
        FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
        MultiFieldPanel(
            [FieldPanel("recommended_by_ministry"), FieldPanel("recommendation_reason")],
            heading=_("Aanbeveling (alleen het ministerie)"),
        ),
    ]
    report_panels = [
        FieldPanel("report"),
        FieldPanel("outcomes"),
        InlinePanel("documents", label=_("document"), heading=_("Documenten")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Bijeenkomst")),
            ObjectList(registration_panels, heading=_("Aanmelden")),
            ObjectList(report_panels, heading=_("Verslag")),
            ObjectList(Page.promote_panels, heading=_("Promoten")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    # --- validation ---

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.start and self.end and self.end <= self.start:
            errors.setdefault("end", []).append(_("Het einde moet na het begin liggen."))
        if not any(getattr(self, field) for field, _vocabulary in THEME_FIELDS):
            errors.setdefault("theme_support_needs", []).append(
                _("Kies minstens één thema (een knelpunt of een behoefte aan ondersteuning).")
            )
        for field, _vocabulary in THEME_FIELDS:
            if NON_THEME_CODES & set(getattr(self, field) or ()):
                errors.setdefault(field, []).append(_("'Geen knelpunten' en 'Anders' zijn geen thema."))
        if self.format in ("in_person", "hybrid") and not self.venue.strip():
            errors.setdefault("venue", []).append(
                _("Vul de locatie in voor een fysieke of hybride bijeenkomst.")
            )
        if self.format in ("online", "hybrid") and not self.online_link:
            errors.setdefault("online_link", []).append(
                _("Vul de link in voor een online of hybride bijeenkomst.")
            )
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            errors.setdefault("registration_closes", []).append(
                _("Aanmelden moet sluiten na het moment waarop het opent.")
            )
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors.setdefault("registration_closes", []).append(
                _("Aanmelden kan niet na afloop van de bijeenkomst sluiten.")
            )
        if self.recommended_by_ministry and not self.recommendation_reason.strip():
            errors.setdefault("recommendation_reason", []).append(
                _("Geef een reden voor de aanbeveling van het ministerie.")
            )
        if errors:
            raise ValidationError(errors)

    # --- derived facts ---

    @property
    def local_start(self):
        return timezone.localtime(self.start, SESSION_TIME_ZONE)

    @property
    def local_end(self):
        return timezone.localtime(self.end, SESSION_TIME_ZONE)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def theme_keys(self) -> list[str]:
        return [
            f"{vocabulary}:{code}"
            for field, vocabulary in THEME_FIELDS
            for code in getattr(self, field) or ()
        ]

    @property
    def themes(self) -> list[dict]:
        """Themes as {key, vocabulary, code, label} in field order (also used by the API)."""
        return [
            {
                "key": f"{vocabulary}:{code}",
                "vocabulary": vocabulary,
                "code": code,
                "label": str(taxonomy.label(vocabulary, code)),
            }
            for field, vocabulary in THEME_FIELDS
            for code in getattr(self, field) or ()
        ]

    @property
    def host_region_names(self) -> list[str]:
        return [region.title for region in self.host_regions.all()]

    @property
    def has_report(self) -> bool:
        return bool(self.report or self.outcomes)

    @property
    def venue_line(self) -> str:
        """The venue on one line (e-mails, calendar summaries)."""
        return ", ".join(line.strip() for line in self.venue.splitlines() if line.strip())

    @property
    def format_label(self) -> str:
        return taxonomy.label("event_format", self.format)

    @property
    def ical_uid(self) -> str:
        """Stable across moves and renames: based on the page id, never the URL."""
        return f"session-{self.pk}@kennisnetwerkscheiden.nl"

    @property
    def is_full(self) -> bool:
        """Every seat taken: new sign-ups go on the waiting list. Uses ``confirmed_seats`` when the
        queryset annotated it (``queries.with_confirmed_seats``), else counts."""
        if self.capacity is None or self.pk is None:
            return False
        confirmed = self.__dict__.get("confirmed_seats")
        if confirmed is None:
            confirmed = self.counts[Registration.Status.CONFIRMED]
        return confirmed >= self.capacity

    @cached_property
    def counts(self) -> dict[str, int]:
        from .registration import registration_counts

        return registration_counts(self)

    # --- routes ---

    @path("")
    def detail(self, request):
        from .views import session_detail

        return session_detail(request, self)

    @path("aanmelden/", name="register")
    def register_route(self, request):
        from .views import session_register

        return session_register(request, self)

    @property
    def ical_url(self) -> str:
        """This session as an iCalendar file (served by events.urls)."""
        return (self.url or "") + "bijeenkomst.ics"


class SessionDocument(Orderable):
    page = ParentalKey(ExchangeSessionPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(
        _("titel"), max_length=200, blank=True, help_text=_("Leeg: titel van het document.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class Registration(models.Model):
    """One person's sign-up for a session. Personal fields are blanked by ``purge_registrations``
    some time after the session (``anonymised_at`` set); the row and its status stay for counts."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("bevestigd")
        WAITLISTED = "waitlisted", _("wachtlijst")
        CANCELLED = "cancelled", _("afgemeld")

    class Role(models.TextChoices):
        POLICY = "policy", _("beleidsmedewerker")
        COORDINATOR = "coordinator", _("coördinator of projectleider")
        PROFESSIONAL = "professional", _("professional (zorg, recht, onderwijs)")
        MANAGEMENT = "management", _("manager of bestuurder")
        MINISTRY = "ministry", _("rijksoverheid")
        RESEARCH = "research", _("onderzoek")
        OTHER = "other", _("anders")

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)
    # Who is promoted first from the waiting list: first come, first served.
    WAITLIST_ORDER = ("created_at", "pk")
    # What a person gives on the public form (listed in the consent text). The personal ones are
    # erased by the purge and blanked in exports of erased rows; municipality and role stay, as
    # they identify no one on their own and keep the counts of who the sessions reached.
    PERSONAL_FIELDS = ("name", "email", "organisation")
    FORM_FIELDS = (*PERSONAL_FIELDS, "municipality", "role")

    session = models.ForeignKey(
        ExchangeSessionPage,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("bijeenkomst"),
    )
    name = models.CharField(_("naam"), max_length=200, validators=[validate_single_line])
    email = models.EmailField(_("e-mailadres"), max_length=254)
    organisation = models.CharField(_("organisatie"), max_length=200, validators=[validate_single_line])
    municipality = models.ForeignKey(
        "regions.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    token = models.UUIDField(_("sleutel"), default=uuid.uuid4, unique=True, editable=False)
    consent_at = models.DateTimeField(_("toestemming gegeven op"))
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(_("van wachtlijst op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("persoonsgegevens gewist op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            # One active registration per e-mail address and session (case-insensitive).
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=models.Q(status__in=["confirmed", "waitlisted"], anonymised_at__isnull=True),
                name="events_registration_unique_active_email",
                violation_error_message=_("Dit e-mailadres is al aangemeld voor deze bijeenkomst."),
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"], name="events_reg_session_status")]

    def __str__(self):
        if self.anonymised_at:
            return _("Gewiste aanmelding %(pk)s") % {"pk": self.pk}
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def waitlist_position(self) -> int | None:
        """Place in line (1 = promoted first) while waitlisted, else None."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = Registration.objects.filter(session_id=self.session_id, status=self.Status.WAITLISTED).filter(
            models.Q(created_at__lt=self.created_at) | models.Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return ahead.count() + 1

    def manage_path(self) -> str:
        from .tokens import registration_url_path

        return registration_url_path(self)


def retention_days() -> int:
    return int(getattr(settings, "REGISTRATION_RETENTION_DAYS", 90))


class SessionInvitation(models.Model):
    """An organiser invited someone to a session (from the suggested invitees, or any address).

    Only the address is personal; it is erased with the registrants' data (``events.privacy``), the
    row keeps the region and the moment so the organiser's counts stay. One row per session and
    address: inviting again updates who invited and when."""

    PERSONAL_FIELDS = ("email",)

    session = models.ForeignKey(
        ExchangeSessionPage,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("bijeenkomst"),
    )
    email = models.EmailField(_("e-mailadres"), max_length=254)
    region = models.ForeignKey(
        "regions.RegionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("regio"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("persoonsgegevens gewist op"), null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "pk"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=models.Q(anonymised_at__isnull=True),
                name="events_invitation_unique_email",
            ),
        ]

    def __str__(self):
        if self.anonymised_at:
            return _("Gewiste uitnodiging %(pk)s") % {"pk": self.pk}
        return self.email
