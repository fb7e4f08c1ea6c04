"""Quickscan rounds: the ministry's survey of municipalities, run on the registry.

A ``Round`` holds one ``Response`` per respondent. Live rounds collect responses online (through a
personal ``Invitation`` link per municipality) or by import; published rounds (2021, 2025) exist
only as the report's figures (issue 14) and hold no responses. Answers are stored per question id
of ``practices/data/questionnaire.json`` (``{"q4": "implemented", "q21": ["mediation"], ...}``),
so the questionnaire stays the one definition of what was asked.

Personal data is minimal: the respondent's name and e-mail address (for reminders) and the
closing questions' contact details are erased ``QUICKSCAN_RETENTION_DAYS`` after the round
closes (``manage.py quickscan_purge``); the answers stay, and are reported only in aggregate.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices import costs, questionnaire


class Round(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    class Kind(models.TextChoices):
        LIVE = "live", _("afgenomen op het register")
        PUBLISHED = "published", _("alleen gepubliceerde cijfers")

    label = models.SlugField(
        _("label"), max_length=20, unique=True, help_text=_("Kort en stabiel, bijvoorbeeld 2027.")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.LIVE)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    opens_on = models.DateField(_("opent op"), null=True, blank=True)
    closes_on = models.DateField(_("sluit op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-label"]
        verbose_name = _("quickscanronde")
        verbose_name_plural = _("quickscanrondes")

    def __str__(self):
        return f"{self.label}: {self.title}"

    def save(self, *args, **kwargs):
        """Closing (here, by ``close()`` or in the admin form) stamps ``closed_at``, from which the
        retention period runs, and erases the invitation addresses: they served only to send the
        links. Reopening clears the stamp, so a later close starts the period again."""
        closing = self.status == self.Status.CLOSED and self.closed_at is None
        if closing:
            self.closed_at = timezone.now()
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "closed_at"}
        super().save(*args, **kwargs)
        if closing:
            self.invitations.exclude(email="").update(email="")

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("De sluitingsdatum ligt vóór de openingsdatum.")})
        if self.kind == self.Kind.PUBLISHED and self.status == self.Status.OPEN:
            raise ValidationError({"status": _("Een ronde met alleen gepubliceerde cijfers kan niet open.")})

    @property
    def accepts_answers(self) -> bool:
        """Open, and not past its closing date (the date itself still counts)."""
        if self.kind != self.Kind.LIVE or self.status != self.Status.OPEN:
            return False
        return self.closes_on is None or timezone.localdate() <= self.closes_on

    def open(self, *, title: str | None = None, closes_on=None) -> None:
        if self.kind != self.Kind.LIVE:
            raise ValidationError(_("Een ronde met alleen gepubliceerde cijfers kan niet open."))
        self.status = self.Status.OPEN
        self.title = title or self.title
        self.opens_on = self.opens_on or timezone.localdate()
        self.closes_on = closes_on or self.closes_on
        self.closed_at = None
        self.full_clean()
        self.save()

    def close(self) -> None:
        self.status = self.Status.CLOSED
        self.save(update_fields=["status", "closed_at"])


def _new_nonce() -> str:
    return secrets.token_urlsafe(12)


class Invitation(models.Model):
    """One personal link per municipality and round; revoking changes nothing but ``revoked_at``."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.CASCADE, related_name="quickscan_invitations"
    )
    nonce = models.CharField(max_length=32, default=_new_nonce, editable=False)
    email = models.EmailField(
        _("e-mailadres"), blank=True, help_text=_("Alleen voor deze ronde; gewist als de ronde sluit.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "municipality"], name="one_invitation_per_municipality")
        ]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return f"{self.round.label} · {self.municipality}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Response(models.Model):
    """One respondent's answers in one round; it may cover several municipalities (Q1)."""

    class Source(models.TextChoices):
        ONLINE = "online", _("online")
        IMPORT = "import", _("import")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.ONLINE)
    municipalities = models.ManyToManyField(
        "regions.Municipality", blank=True, related_name="quickscan_responses", verbose_name=_("gemeenten")
    )
    answers = models.JSONField(
        default=dict, blank=True
    )  # {question id: code | [codes] | text | {statement: scale}}
    explanations = models.JSONField(
        default=dict, blank=True
    )  # {question id: "Anders, namelijk"/Toelichting text}
    step = models.CharField(max_length=32, blank=True)  # where the respondent left off
    use_for_profile = models.BooleanField(_("antwoorden gebruiken voor het aanpakprofiel"), default=False)
    # Consent to name the municipality with its Q4 answer on the public map; without it the
    # answer only counts in the anonymous figures (the quickscan's promise, seed 000 line 601).
    show_on_map = models.BooleanField(_("fase tonen op de openbare kaart"), default=False)
    profile = models.ForeignKey(
        "practices.ApproachPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optional cost, reach and outcome figures of one year (the profile's own questions; the
    # quickscan 2025 did not ask them). Same fields and ranges as the profile (practices.costs).
    annual_budget = models.DecimalField(
        _("jaarbudget (euro)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[
            costs.not_negative(_("Het jaarbudget")),
            costs.at_most(costs.MAX_BUDGET, _("Het jaarbudget")),
        ],
    )
    fte = models.DecimalField(
        _("formatie (fte)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[costs.not_negative(_("De formatie")), costs.at_most(costs.MAX_FTE, _("De formatie"))],
    )
    reached_parents = models.PositiveIntegerField(
        _("ouders bereikt per jaar"),
        null=True,
        blank=True,
        validators=costs.count_validators(_("Het aantal ouders")),
    )
    reached_children = models.PositiveIntegerField(
        _("kinderen bereikt per jaar"),
        null=True,
        blank=True,
        validators=costs.count_validators(_("Het aantal kinderen")),
    )
    desk_questions = models.PositiveIntegerField(
        _("vragen bij het loket per jaar"),
        null=True,
        blank=True,
        validators=costs.count_validators(_("Het aantal vragen")),
    )
    parents_right_help = models.PositiveIntegerField(
        _("ouders bij de juiste hulp aangekomen per jaar"),
        null=True,
        blank=True,
        validators=costs.count_validators(_("Het aantal ouders")),
    )
    referrals_heavier_help = models.PositiveIntegerField(
        _("doorverwijzingen naar zwaardere hulp per jaar"),
        null=True,
        blank=True,
        validators=costs.count_validators(_("Het aantal doorverwijzingen")),
    )
    figures_year = models.PositiveSmallIntegerField(
        _("jaar van budget, formatie en cijfers"), null=True, blank=True, validators=costs.year_validators()
    )
    # Personal data, erased after the round (see the module docstring).
    respondent_name = models.CharField(_("naam"), max_length=200, blank=True)
    respondent_email = models.EmailField(_("e-mailadres"), blank=True)
    interview_consent = models.BooleanField(
        _("mag benaderd worden voor een interview"), null=True, blank=True
    )
    contact_email = models.EmailField(_("e-mailadres voor het interview"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer voor het interview"), max_length=40, blank=True)
    results_email = models.EmailField(_("e-mailadres voor resultaten en uitnodigingen"), blank=True)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)

    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_FIELDS = (
        "respondent_name",
        "respondent_email",
        "contact_email",
        "contact_phone",
        "results_email",
    )

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        indexes = [models.Index(fields=["round", "submitted_at"])]

    def __str__(self):
        return f"{self.round.label} · {self.pk}"

    @property
    def is_complete(self) -> bool:
        return self.submitted_at is not None

    def stage_letter(self) -> str:
        """The letter answered to Q4 (the route), or ''."""
        term = questionnaire.question("q4").options()
        code = self.answers.get("q4", "")
        return next((t.letter for t in term if t.code == code), "")

    def erase_personal_data(self) -> None:
        for name in self.PERSONAL_FIELDS:
            setattr(self, name, "")
        self.interview_consent = None
        self.personal_data_erased_at = timezone.now()
        self.save(update_fields=[*self.PERSONAL_FIELDS, "interview_consent", "personal_data_erased_at"])


def retention_days() -> int:
    return int(getattr(settings, "QUICKSCAN_RETENTION_DAYS", 90))
