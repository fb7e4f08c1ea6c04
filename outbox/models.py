"""Queued e-mail: written in the same transaction as the action that causes it (a registration, a
contact message, a sign-up), delivered after commit. A delivered mail is deleted (no copies of
personal messages are kept); what stays is what could not be sent yet, for organisers to see."""

from __future__ import annotations

import base64

from django.core.mail import EmailMessage
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op verzending")
        FAILED = "failed", _("niet verstuurd (opgegeven)")

    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    kind = models.CharField(_("soort"), max_length=60, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=300)
    from_email = models.CharField(max_length=300, blank=True)
    to = models.JSONField(_("aan"), default=list)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.TextField()
    attachments = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("onverstuurde e-mail")
        verbose_name_plural = _("onverstuurde e-mail")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def recipients_display(self) -> str:
        return ", ".join(self.to)

    @classmethod
    def from_message(cls, message: EmailMessage, kind: str = "") -> OutgoingMail:
        attachments = []
        for filename, content, mimetype in message.attachments:
            if isinstance(content, bytes):
                attachments.append(
                    {"filename": filename, "base64": base64.b64encode(content).decode(), "mimetype": mimetype}
                )
            else:
                attachments.append({"filename": filename, "text": str(content), "mimetype": mimetype})
        return cls(
            kind=kind[:60],
            subject=str(message.subject)[:300],
            from_email=message.from_email or "",
            to=list(message.to),
            reply_to=list(message.reply_to),
            headers=dict(message.extra_headers),
            body=message.body,
            attachments=attachments,
        )

    def to_message(self, connection=None) -> EmailMessage:
        message = EmailMessage(
            subject=self.subject,
            body=self.body,
            from_email=self.from_email or None,
            to=self.to,
            reply_to=self.reply_to or None,
            headers=self.headers or None,
            connection=connection,
        )
        for item in self.attachments:
            content = base64.b64decode(item["base64"]) if "base64" in item else item["text"]
            message.attach(item["filename"], content, item["mimetype"])
        return message
