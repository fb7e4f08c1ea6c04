"""Public registration form (no account needed) and the filter form of the session listing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from regions.models import Municipality, RegionPage

from .models import ExchangeSessionPage, Registration, theme_choices

CONSENT_TEXT = _(
    "Ik geef toestemming om mijn %(fields)s te bewaren om deze bijeenkomst te organiseren. De "
    "organisator ziet deze gegevens; %(personal)s worden uiterlijk %(days)s dagen na de bijeenkomst "
    "gewist, alleen aantallen blijven bewaard."
)


def _field_list(names) -> str:
    """'naam, e-mailadres en organisatie' from the model's verbose names."""
    labels = [str(Registration._meta.get_field(name).verbose_name) for name in names]
    if len(labels) < 2:
        return "".join(labels)
    return _("%(first)s en %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def consent_text(retention_days: int) -> str:
    return CONSENT_TEXT % {
        "fields": _field_list(Registration.FORM_FIELDS),
        "personal": _field_list(Registration.PERSONAL_FIELDS),
        "days": retention_days,
    }


class RegistrationForm(forms.ModelForm):
    consent = forms.BooleanField(label=_("Toestemming"), required=True)
    # Honeypot: hidden from people (CSS and aria-hidden); bots that fill every field are refused.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    class Meta:
        model = Registration
        fields = Registration.FORM_FIELDS
        labels = {
            "name": _("Naam"),
            "email": _("E-mailadres"),
            "organisation": _("Organisatie"),
            "municipality": _("Gemeente"),
            "role": _("Rol"),
        }
        help_texts = {
            "email": _("Hierheen sturen we de bevestiging."),
            "municipality": _("Namens welke gemeente komt u? Optioneel."),
        }

    def __init__(self, *args, retention_days: int = 90, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("sort_name", "name")
        self.fields["municipality"].empty_label = _("Geen gemeente of niet van toepassing")
        self.fields["consent"].label = consent_text(retention_days)
        self.fields["consent"].error_messages["required"] = _(
            "Geef toestemming voor het bewaren van uw gegevens; zonder kunnen we u niet aanmelden."
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Shown above the form (the honeypot field itself is hidden).
            raise ValidationError(
                _("Uw aanmelding kon niet worden verwerkt. Laat het verborgen veld 'website' leeg."),
                code="honeypot",
            )
        return cleaned

    def validate_unique(self):
        # The registration logic decides duplicates under the session lock (events/registration.py);
        # the form does not know the session.
        pass


class SessionFilterForm(forms.Form):
    """GET filters of the session listing; unknown values are an error (400), not ignored."""

    thema = forms.ChoiceField(label=_("Thema"), required=False)
    vorm = forms.ChoiceField(label=_("Vorm"), required=False)
    regio = forms.ChoiceField(label=_("Gastregio"), required=False)
    aanbevolen = forms.BooleanField(label=_("Alleen aanbevolen door het ministerie"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from practices import taxonomy

        self.fields["thema"].choices = [("", _("Alle thema's")), *theme_choices()]
        self.fields["vorm"].choices = [("", _("Alle vormen")), *taxonomy.choices("event_format")]
        hosts = (
            RegionPage.objects.filter(hosted_sessions__in=ExchangeSessionPage.objects.live())
            .distinct()
            .order_by("title")
        )
        self.fields["regio"].choices = [
            ("", _("Alle regio's")),
            *((region.slug, region.title) for region in hosts),
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Onbekende waarde voor dit filter: %(value)s.")

    def apply(self, sessions):
        """Filter a queryset of sessions with the cleaned values (themes are JSON lists: in Python)."""
        data = self.cleaned_data
        if data.get("vorm"):
            sessions = sessions.filter(format=data["vorm"])
        if data.get("regio"):
            sessions = sessions.filter(host_regions__slug=data["regio"]).distinct()
        if data.get("aanbevolen"):
            sessions = sessions.filter(recommended_by_ministry=True)
        sessions = list(sessions)
        if data.get("thema"):
            sessions = [session for session in sessions if data["thema"] in session.theme_keys]
        return sessions

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())
