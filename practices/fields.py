"""Model fields for taxonomy codes.

``CodeListField`` stores several codes of one vocabulary as a JSON list (portable between
SQLite and PostgreSQL) and edits them as checkboxes. Searching and counting over these lists is
not done on the JSON: the search app keeps its own denormalised facet table.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import taxonomy


class CodeListFormField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class CodeListField(models.JSONField):
    description = "A list of codes from one taxonomy vocabulary"

    def __init__(self, *args, vocabulary: str, **kwargs):
        self.vocabulary_name = vocabulary
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    @property
    def vocabulary(self) -> taxonomy.Vocabulary:
        return taxonomy.vocabulary(self.vocabulary_name)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["vocabulary"] = self.vocabulary_name
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def normalise(self, value) -> list[str]:
        """Unique codes in the vocabulary's own order (stable diffs, stable exports)."""
        chosen = set(value or ())
        return [code for code in self.vocabulary.codes if code in chosen]

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in value or () if code not in self.vocabulary]
        if unknown:
            raise ValidationError(
                _("Onbekende waarde(n) %(codes)s voor %(field)s."),
                code="invalid_choice",
                params={"codes": ", ".join(map(str, unknown)), "field": self.verbose_name},
            )

    def pre_save(self, model_instance, add):
        value = self.normalise(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        defaults = {
            "form_class": CodeListFormField,
            "choices": self.vocabulary.choices(),
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        # JSONField.formfield would force its own form class; build ours directly.
        form_class = defaults.pop("form_class")
        for key in ("encoder", "decoder"):
            defaults.pop(key, None)
        return form_class(**defaults)


def code_field(vocabulary: str, verbose_name, **kwargs) -> models.CharField:
    """A single code from a vocabulary, stored as its code, blank allowed by default."""
    kwargs.setdefault("blank", True)
    return models.CharField(
        verbose_name,
        max_length=40,
        choices=taxonomy.choices(vocabulary),
        **kwargs,
    )
