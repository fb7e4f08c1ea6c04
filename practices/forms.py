"""Admin form for approach profiles: municipalities limited to the region, checked on save.

A new profile needs a title only (and its region, the page it is added under): the slug follows
from the title when it is left empty, as Wagtail's title field fills it in the browser. When the
form is invalid, one message names the tab and part of every field with an error, so it can be
found without hunting through the tabs.
"""

import json

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import taxonomy
from .validation import validate_municipalities

OTHER_MAX = 500


def other_answers():
    """The answers (single or multiple codes) whose options include "Anders, namelijk"."""
    from .answers import CODE, CODES, profile_answers

    return [a for a in profile_answers() if a.kind in (CODE, CODES) and a.vocabulary.other_codes]


def other_field_name(answer) -> str:
    return f"{answer.question.id}_other"


class ApproachPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("municipalities")
        region_page = self._region_page()
        if field is not None:
            field.widget = forms.CheckboxSelectMultiple()
            region = getattr(region_page, "youth_care_region", None)
            if region is not None:
                field.queryset = field.queryset.filter(youth_care_region=region)
            field.queryset = field.queryset.order_by("sort_name")
        if "slug" in self.fields:
            # Page.full_clean derives a free slug from the title when none is given.
            self.fields["slug"].required = False
        self._add_other_fields()
        if "stage" in self.fields:
            # for js/profile-form.js: the stage's letter in question 4 (the quickscan's route)
            letters = {term.code: term.letter for term in taxonomy.vocabulary("stage").terms if term.letter}
            self.fields["stage"].widget.attrs["data-stage-letters"] = json.dumps(letters)

    def _add_other_fields(self) -> None:
        """``<question>_other``: the text of "Anders, namelijk" for every answer with that option."""
        stored = self.instance.other_answers or {}
        self.other_fields = {}
        for answer in other_answers():
            name = other_field_name(answer)
            self.other_fields[name] = answer
            self.fields[name] = forms.CharField(
                label=_("Anders, namelijk"),
                required=False,
                max_length=OTHER_MAX,
                initial=stored.get(answer.question.id, ""),
            )

    def _clean_other_answers(self, cleaned) -> None:
        found = {}
        for name, answer in self.other_fields.items():
            text = (cleaned.get(name) or "").strip()
            chosen = cleaned.get(answer.name)
            chosen = set(chosen if isinstance(chosen, list) else [chosen] if chosen else [])
            if text and not chosen & set(answer.vocabulary.other_codes):
                self.add_error(
                    name, _("U vulde een toelichting in bij ‘Anders, namelijk’ maar koos die optie niet.")
                )
            elif text:
                found[answer.question.id] = text
        self.instance.other_answers = found

    def _region_page(self):
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return parent.specific if parent is not None else None

    def clean(self):
        cleaned = super().clean()
        municipalities = cleaned.get("municipalities")
        region_page = self._region_page()
        if municipalities is not None and region_page is not None:
            try:
                validate_municipalities(region_page, municipalities)
            except ValidationError as error:
                self.add_error("municipalities", error)
        self._clean_other_answers(cleaned)
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            summary = self.error_locations()
            if summary and summary not in self.non_field_errors():
                self.add_error(None, summary)
        return valid

    def error_locations(self) -> str:
        """'Controleer tabblad ‘Profiel’ › Knelpunten en behoeften: Knelpunten in de samenwerking; …'"""
        from .models import ApproachPage
        from .profile_panels import field_locations

        locations = field_locations(ApproachPage.get_edit_handler())
        failing = [name for name in self.errors if name != NON_FIELD_ERRORS]
        failing += [
            name for name, formset in self.formsets.items() if formset.errors and not formset.is_valid()
        ]
        places: dict[str, list[str]] = {}
        for name in failing:
            tab, part = locations.get(name, ("", ""))
            if name in self.fields:
                label = str(self.fields[name].label or name)
            else:
                label = str(self.formsets[name].model._meta.verbose_name_plural)
            if tab:
                where = _("tabblad ‘%(tab)s’") % {"tab": tab} + (f" › {part}" if part else "")
            else:
                where = _("formulier")
            places.setdefault(where, []).append(label[:1].upper() + label[1:])
        if not places:
            return ""
        return _("Controleer: %(places)s.") % {
            "places": "; ".join(f"{where}: {', '.join(labels)}" for where, labels in places.items())
        }
