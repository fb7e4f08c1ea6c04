"""Members of the network: their profile, what they follow, saved searches and contact logs.

A member is a Django user who signed up through django-allauth. ``MemberProfile`` holds the
professional details and the verification state ("unverified" until a Ministerie editor verifies
them, or automatically when their confirmed e-mail domain is on the allow-list).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", _("wekelijks")
    DAILY = "daily", _("dagelijks")
    OFF = "off", _("nooit (uit)")


class MemberProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member_profile",
        verbose_name=_("gebruiker"),
    )
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    role = models.CharField(_("functie"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, editable=False)
    verified_at = models.DateTimeField(_("geverifieerd op"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("geverifieerd door"),
    )
    verification_note = models.CharField(_("verificatie"), max_length=100, blank=True, editable=False)
    digest_frequency = models.CharField(
        _("attenderingsmail"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    last_digest_at = models.DateTimeField(
        _("laatste attenderingsmail"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        ordering = ["-created_at"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.email or self.user.get_username()

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def mark_verified(self, by=None, note: str = "") -> None:
        self.verified_at = timezone.now()
        self.verified_by = by
        self.verification_note = note
        self.save(update_fields=["verified_at", "verified_by", "verification_note"])

    def mark_unverified(self) -> None:
        self.verified_at = None
        self.verified_by = None
        self.verification_note = ""
        self.save(update_fields=["verified_at", "verified_by", "verification_note"])


class Follow(models.Model):
    """A member follows a region page (all its approaches) or a single approach page."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("lid")
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina")
    )
    created_at = models.DateTimeField(_("gevolgd sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("gevolgde pagina")
        verbose_name_plural = _("gevolgde pagina's")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["member", "page"], name="members_follow_unique")]

    def __str__(self):
        return f"{self.member} → {self.page}"


class SavedSearch(models.Model):
    """The search page's URL state (query string) under a name the member chose."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("lid"),
    )
    name = models.CharField(_("naam"), max_length=100)
    query_string = models.CharField(_("zoekopdracht"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("bewaard op"), default=timezone.now)

    class Meta:
        verbose_name = _("bewaarde zoekopdracht")
        verbose_name_plural = _("bewaarde zoekopdrachten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ContactLog(models.Model):
    """Who contacted which profile when; never the message itself. Also the rate-limit counter."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_logs",
        verbose_name=_("afzender"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("profiel")
    )
    page_title = models.CharField(_("titel profiel"), max_length=255)
    recipient_count = models.PositiveSmallIntegerField(_("aantal ontvangers"))
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("contactbericht (log)")
        verbose_name_plural = _("contactberichten (log)")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["sender", "sent_at"], name="members_contact_sender_idx")]

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.page_title}"
