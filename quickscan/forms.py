"""One form per section of the questionnaire, built from ``questionnaire.json``.

Field names are the question ids (``q4``), ``<id>_other`` for the "Anders, namelijk" text,
``<id>_explanation`` for a free "Toelichting" and ``q23_<letter>`` for each statement of Q23.
Every question is optional, as in the quickscan (respondents could skip); only Q4 is needed to
continue, because it decides the route.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from practices import costs, questionnaire
from practices.questionnaire import MULTIPLE, OPEN, SCALE, SINGLE
from regions.models import Municipality

TEXT_MAX = 5000
ROUTE_QUESTION = "q4"


def _choice(term) -> tuple[str, str]:
    return term.code, f"{term.letter}. {term.text}" if term.letter else term.text


def _option_terms(question):
    # Options without a printed letter are the registry's own additions, not the quickscan's.
    return [term for term in question.options() if term.letter]


class MunicipalitiesField(forms.CharField):
    """Q1: CBS names or codes separated by commas or semicolons."""

    def clean(self, value):
        value = super().clean(value)
        names = [part.strip() for part in re.split(r"[;,\n|]", value or "") if part.strip()]
        found, unknown = [], []
        for name in names:
            match = Municipality.objects.filter(code__iexact=name).first() or (
                Municipality.objects.filter(name__iexact=name).first()
            )
            (found.append(match) if match else unknown.append(name))
        if unknown:
            raise forms.ValidationError(
                _("Onbekende gemeente: %(names)s. Gebruik de naam zoals het CBS die schrijft."),
                params={"names": ", ".join(unknown)},
            )
        return found


class SectionForm(forms.Form):
    """The questions of one section, as routed for this respondent."""

    def __init__(self, *args, questions=(), invited=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = tuple(questions)
        self.invited = invited
        for question in self.questions:
            self._add_fields(question)

    def _add_fields(self, question) -> None:
        label, qid = f"{question.number}. {question.text}", question.id
        if qid == "q1":
            self.fields[qid] = MunicipalitiesField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "Uw eigen gemeente staat al vast. Antwoordt u ook voor andere gemeenten? "
                    "Noem ze hier, gescheiden door komma's."
                ),
            )
            return
        if question.type == OPEN:
            self.fields[qid] = forms.CharField(
                label=label, required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
            )
            return
        if question.type == SCALE:
            scale = [_choice(term) for term in _scale_terms(question)]
            for statement in _option_terms(question):
                self.fields[f"{qid}_{statement.letter}"] = forms.ChoiceField(
                    label=f"{statement.letter}. {statement.text}",
                    choices=scale,
                    required=False,
                    widget=forms.RadioSelect,
                )
            return
        choices = [_choice(term) for term in _option_terms(question)]
        if question.type == SINGLE:
            self.fields[qid] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=qid == ROUTE_QUESTION,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies het antwoord dat het beste past; het bepaalt de vervolgvragen.")
                },
            )
        elif question.type == MULTIPLE:
            self.fields[qid] = forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        vocabulary = question.options()
        if any(term.other for term in vocabulary):
            self.fields[f"{qid}_other"] = forms.CharField(
                label=_("Anders, namelijk"), required=False, max_length=TEXT_MAX
            )
        if question.explanations:
            self.fields[f"{qid}_explanation"] = forms.CharField(
                label=questionnaire.in_language(question.explanations),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.type == MULTIPLE:
                chosen = cleaned.get(question.id) or []
                alone = [term for term in question.options() if term.exclusive and term.code in chosen]
                if alone and len(chosen) > 1:
                    self.add_error(
                        question.id,
                        _("'%(option)s' kunt u niet combineren met andere antwoorden.")
                        % {"option": alone[0].text},
                    )
            other_codes = {term.code for term in question.options() if term.other}
            chosen = cleaned.get(question.id)
            chosen = set(chosen if isinstance(chosen, list) else [chosen] if chosen else [])
            if (
                f"{question.id}_other" in self.fields
                and cleaned.get(f"{question.id}_other")
                and not (chosen & other_codes)
            ):
                self.add_error(
                    f"{question.id}_other",
                    _("U vulde een toelichting in bij 'Anders, namelijk' maar koos die optie niet."),
                )
        return cleaned

    # --- between the form and the stored answers ----------------------------------------------

    def initial_from(self, response) -> dict:
        initial = {}
        for question in self.questions:
            qid = question.id
            if qid == "q1":
                others = [m.name for m in response.municipalities.all() if m != self.invited]
                initial[qid] = ", ".join(others)
                continue
            if question.type == SCALE:
                for statement in _option_terms(question):
                    value = (response.answers.get(qid) or {}).get(statement.code)
                    if value:
                        initial[f"{qid}_{statement.letter}"] = value
                continue
            if qid in response.answers:
                initial[qid] = response.answers[qid]
            elif qid == "q3" and self.invited is not None:
                initial[qid] = self.invited.size_class  # from CBS population; the respondent decides
            for suffix in ("other", "explanation"):
                text = response.explanations.get(f"{qid}_{suffix}")
                if text:
                    initial[f"{qid}_{suffix}"] = text
        return initial

    def store(self, response) -> None:
        """Write this section's answers into ``response`` (empty answers are removed, not stored)."""
        data = self.cleaned_data
        for question in self.questions:
            qid = question.id
            if qid == "q1":
                municipalities = [self.invited, *data.get(qid, [])] if self.invited else data.get(qid, [])
                response.municipalities.set({m.pk: m for m in municipalities if m}.values())
                continue
            if question.type == SCALE:
                ratings = {
                    statement.code: data[f"{qid}_{statement.letter}"]
                    for statement in _option_terms(question)
                    if data.get(f"{qid}_{statement.letter}")
                }
                _put(response.answers, qid, ratings)
                continue
            value = data.get(qid)
            _put(response.answers, qid, value.strip() if isinstance(value, str) else value)
            for suffix in ("other", "explanation"):
                if f"{qid}_{suffix}" in self.fields:
                    _put(
                        response.explanations, f"{qid}_{suffix}", (data.get(f"{qid}_{suffix}") or "").strip()
                    )


def _scale_terms(question):
    from practices import taxonomy

    return taxonomy.vocabulary(question.scale).terms


def _put(store: dict, key: str, value) -> None:
    if value in (None, "", [], {}):
        store.pop(key, None)
    else:
        store[key] = value


# Optional figures a respondent may add at the end (practices.costs; stored on the Response).
FIGURE_FIELDS = (*costs.FIGURE_FIELDS, "figures_year")


class ClosingForm(forms.Form):
    """The questionnaire's closing questions (follow-up research), all optional, plus the profile hand-off."""

    interview_consent = forms.TypedChoiceField(
        label=_(
            "Mogen wij u benaderen voor een aanvullend interview? U kunt op een later moment beslissen "
            "of u mee wilt doen aan dit interview."
        ),
        choices=[("yes", _("Ja.")), ("no", _("Nee."))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    contact_email = forms.EmailField(label=_("Mijn e-mailadres is:"), required=False)
    contact_phone = forms.CharField(
        label=_("Mijn telefoonnummer is: (optioneel)"), required=False, max_length=40
    )
    results_email = forms.EmailField(
        label=_(
            "Wilt u de onderzoeksresultaten ontvangen en worden uitgenodigd voor activiteiten die het "
            "ministerie rondom het onderwerp relaties en (echt)scheidingen gaat organiseren? Deel dan "
            "alstublieft uw e-mailadres:"
        ),
        required=False,
    )
    use_for_profile = forms.BooleanField(
        label=_(
            "Mijn antwoorden mogen worden gebruikt om het aanpakprofiel van onze gemeente in het register "
            "te beginnen of bij te werken (als concept, dat de coördinator van de regio controleert)."
        ),
        required=False,
    )

    show_on_map = forms.BooleanField(
        label=_(
            "De fase van de aanpak in onze gemeente (vraag 4) mag met de naam van de gemeente op de "
            "openbare kaart van het landelijk beeld staan. Zonder deze toestemming telt ons antwoord "
            "alleen mee in de anonieme cijfers."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Response

        # The optional cost figures, as the Response model defines them (labels, ranges).
        for name, field in forms.fields_for_model(Response, fields=FIGURE_FIELDS).items():
            field.required = False
            field.help_text = _("Optioneel; de quickscan 2025 vroeg hier niet naar.")
            self.fields[name] = field

    def clean(self):
        from types import SimpleNamespace

        from django.core.exceptions import ValidationError

        from .models import Response

        cleaned = super().clean()
        for name in FIGURE_FIELDS:
            value = cleaned.get(name)
            if value is None:
                continue
            try:
                Response._meta.get_field(name).run_validators(value)
            except ValidationError as error:
                self.add_error(name, error)
        figures = SimpleNamespace(**{name: cleaned.get(name) for name in FIGURE_FIELDS})
        try:
            costs.validate_figures(figures)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name, messages)
        return cleaned

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not re.fullmatch(r"[0-9 +()\-]{6,40}", phone):
            raise forms.ValidationError(_("Vul een telefoonnummer in met alleen cijfers, spaties, + en -."))
        return phone
