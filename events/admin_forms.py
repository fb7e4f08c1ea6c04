"""Admin form for exchange sessions.

Only the Ministerie group (and superusers) may set or change ``recommended_by_ministry`` and its
reason. For everyone else the fields are disabled (Django then ignores posted values), and a
posted attempt to change them is refused with a message, so the rule holds on save and does not
depend on what the browser shows.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from practices.models import ApproachPage
from regions.roles import is_ministry

RECOMMENDATION_FIELDS = ("recommended_by_ministry", "recommendation_reason")
NON_THEME_CODES = frozenset({"none", "other"})
THEME_FIELD_NAMES = (
    "theme_cooperation_bottlenecks",
    "theme_execution_bottlenecks",
    "theme_national_bottlenecks",
    "theme_support_needs",
)


def recommendation_tampered(form, user) -> list[str]:
    """Names of recommendation fields a non-ministry user tried to change in the posted data."""
    if is_ministry(user) or not form.is_bound:
        return []
    changed = []
    instance = form.instance
    posted_flag = form.data.get(form.add_prefix("recommended_by_ministry"))
    if posted_flag is not None:
        wants = forms.CheckboxInput().value_from_datadict(
            form.data, form.files, form.add_prefix("recommended_by_ministry")
        )
        if bool(wants) != bool(instance.recommended_by_ministry):
            changed.append("recommended_by_ministry")
    posted_reason = form.data.get(form.add_prefix("recommendation_reason"))
    if posted_reason is not None and posted_reason.strip() != (instance.recommendation_reason or "").strip():
        changed.append("recommendation_reason")
    return changed


class ExchangeSessionPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in THEME_FIELD_NAMES:
            field = self.fields.get(name)
            if field is not None:
                field.choices = [
                    (code, label) for code, label in field.choices if code not in NON_THEME_CODES
                ]
        featured = self.fields.get("featured_approaches")
        if featured is not None:  # only live, public profiles can be featured (the one rule)
            featured.queryset = ApproachPage.objects.published().order_by("title")
        hosts = self.fields.get("host_regions")
        if hosts is not None:
            hosts.queryset = hosts.queryset.order_by("title")
        if not is_ministry(self.for_user):
            for name in RECOMMENDATION_FIELDS:
                field = self.fields.get(name)
                if field is not None:
                    field.disabled = True
                    field.help_text = _("Alleen het ministerie kan een bijeenkomst aanbevelen.")

    def clean(self):
        cleaned = super().clean()
        for name in recommendation_tampered(self, self.for_user):
            self.add_error(
                name if name in self.fields else None,
                _("Alleen het ministerie mag de aanbeveling van een bijeenkomst instellen of wijzigen."),
            )
        return cleaned


class InviteForm(forms.Form):
    """The "Uitnodigen" action on a suggested invitee: the region's coordinators, or an address."""

    region = forms.ModelChoiceField(
        queryset=None,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Onbekende regio.")},
    )
    email = forms.EmailField(
        label=_("of een ander e-mailadres"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.")},
    )

    def __init__(self, *args, **kwargs):
        from regions.models import RegionPage

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = RegionPage.objects.all()

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("region") and not cleaned.get("email"):
            raise forms.ValidationError(_("Vul een e-mailadres in of kies een regio met een coördinator."))
        return cleaned
