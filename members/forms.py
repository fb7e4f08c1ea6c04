"""Forms of the members app (sign-up extras, profile, contact, saved searches, deletion)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from practices.validation import validate_single_line
from regions.models import Municipality

from .models import DigestFrequency, MemberProfile, SavedSearch

# Query parameters of the search page that do not describe *what* is searched.
IGNORED_SEARCH_PARAMS = {"page", "format", "partial", "csrfmiddlewaretoken"}
MAX_MESSAGE_LENGTH = 5000


def municipality_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Municipality.objects.all(),
        required=False,
        label=_("Gemeente"),
        empty_label=_("(geen of niet van toepassing)"),
        help_text=_("De gemeente waarvoor u werkt, als dat zo is."),
    )


class PlainLabels:
    """Labels without a trailing colon, like every other form on the site."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MemberSignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (``ACCOUNT_SIGNUP_FORM_CLASS``)."""

    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Functie"),
        max_length=200,
        validators=[validate_single_line],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    municipality = municipality_field()
    privacy = forms.BooleanField(
        label=_(
            "Ik ga akkoord met de verwerking van mijn gegevens zoals beschreven in de privacyverklaring."
        ),
        error_messages={"required": _("U moet akkoord gaan met de privacyverklaring om lid te worden.")},
    )

    field_order = [
        "email",
        "password1",
        "password2",
        "first_name",
        "last_name",
        "organisation",
        "role",
        "municipality",
        "privacy",
    ]

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        MemberProfile.objects.update_or_create(
            user=user,
            defaults={
                "organisation": self.cleaned_data["organisation"],
                "role": self.cleaned_data.get("role", ""),
                "municipality": self.cleaned_data.get("municipality"),
            },
        )


class ProfileForm(PlainLabels, forms.ModelForm):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    municipality = municipality_field()

    class Meta:
        model = MemberProfile
        fields = ["first_name", "last_name", "organisation", "role", "municipality", "digest_frequency"]
        labels = {
            "organisation": _("Organisatie"),
            "role": _("Functie"),
            "digest_frequency": _("Attenderingsmail"),
        }
        help_texts = {
            "digest_frequency": _(
                "Eén e-mail met nieuwe en gewijzigde profielen die passen bij wat u volgt of bewaard heeft."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisation", "role"):
            self.fields[name].validators.append(validate_single_line)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name

    def save(self, commit=True):
        profile = super().save(commit=commit)
        user = profile.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
        return profile


class DigestForm(PlainLabels, forms.Form):
    digest_frequency = forms.ChoiceField(label=_("Attenderingsmail"), choices=DigestFrequency.choices)


class ContactForm(PlainLabels, forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=150)
    message = forms.CharField(
        label=_("Bericht"),
        min_length=20,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Uw naam, organisatie en e-mailadres worden meegestuurd zodat men u kan antwoorden."),
    )

    def clean_subject(self) -> str:
        # a header value: no line breaks (header injection)
        return " ".join(self.cleaned_data["subject"].split())


def normalise_query_string(raw: str) -> str:
    """Keep only the search state of a search-page URL or query string, sorted and re-encoded."""
    raw = (raw or "").strip()
    if "?" in raw or raw.startswith(("http://", "https://", "/")):
        raw = urlsplit(raw).query
    params = QueryDict(raw)
    pairs = sorted(
        (key, value)
        for key in params
        if key not in IGNORED_SEARCH_PARAMS
        for value in params.getlist(key)
        if value.strip()
    )
    return urlencode(pairs)


class SavedSearchForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "query_string"]
        labels = {"name": _("Naam van de zoekopdracht"), "query_string": _("Zoekopdracht")}
        widgets = {"query_string": forms.HiddenInput}

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_query_string(self) -> str:
        value = normalise_query_string(self.cleaned_data.get("query_string", ""))
        if len(value) > SavedSearch._meta.get_field("query_string").max_length:
            raise forms.ValidationError(_("Deze zoekopdracht is te lang om te bewaren."))
        return value


class DeleteAccountForm(PlainLabels, forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging. Verwijderen kan niet ongedaan worden gemaakt."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Het wachtwoord klopt niet."))
        return password
