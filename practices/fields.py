"""Model fields for taxonomy codes, and the question each profile field answers.

``CodeField`` stores one code and ``CodeListField`` several codes (a JSON list, portable between
SQLite and PostgreSQL) of one vocabulary. Both carry their vocabulary, which they take from the
question they answer when they answer one. Neither writes its choices into migrations: the codes
live in ``data/`` and are validated against it, so a new or relabelled option needs no migration.

``answers(question_id, field)`` declares the question any other field answers. The declared
questions are what ``practices.answers`` collects for the admin, the profile page and the exports.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import questionnaire, taxonomy


def _vocabulary_of(vocabulary: str | None, question: str | None) -> str:
    if vocabulary:
        return vocabulary
    if question:
        name = questionnaire.question(question).vocabulary
        if name:
            return name
    raise TypeError("A code field needs a vocabulary, or a question with an answer list")


def answers(question_id: str, field: models.Field) -> models.Field:
    """Declare that ``field`` answers ``question_id`` (checked to exist when the model loads)."""
    questionnaire.question(question_id)
    field.question_id = question_id
    return field


class CodeField(models.CharField):
    description = "One code from a taxonomy vocabulary"

    def __init__(self, *args, vocabulary: str | None = None, question: str | None = None, **kwargs):
        self.vocabulary_name = _vocabulary_of(vocabulary, question)
        if question:
            self.question_id = question
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs["choices"] = taxonomy.choices(self.vocabulary_name)
        super().__init__(*args, **kwargs)

    @property
    def vocabulary(self) -> taxonomy.Vocabulary:
        return taxonomy.vocabulary(self.vocabulary_name)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        kwargs["vocabulary"] = self.vocabulary_name
        if kwargs.get("max_length") == 40:
            del kwargs["max_length"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs


class CodeListFormField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, exclusive: tuple[str, ...] = (), **kwargs):
        self.exclusive = exclusive
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        alone = [code for code in value if code in self.exclusive]
        if alone and len(value) > 1:
            labels = dict(self.choices)
            raise ValidationError(
                _("'%(option)s' kunt u niet combineren met andere antwoorden."),
                code="exclusive",
                params={"option": labels.get(alone[0], alone[0])},
            )


class CodeListField(models.JSONField):
    description = "A list of codes from one taxonomy vocabulary"

    def __init__(self, *args, vocabulary: str | None = None, question: str | None = None, **kwargs):
        self.vocabulary_name = _vocabulary_of(vocabulary, question)
        if question:
            self.question_id = question
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
        exclusive = [code for code in value or () if code in self.vocabulary.exclusive_codes]
        if exclusive and len(value) > 1:
            raise ValidationError(
                _("'%(option)s' kunt u niet combineren met andere antwoorden bij %(field)s."),
                code="exclusive",
                params={"option": self.vocabulary.label(exclusive[0]), "field": self.verbose_name},
            )

    def pre_save(self, model_instance, add):
        value = self.normalise(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        # ``get_offers_display()`` like Django's get_FOO_display for choices: the labels, in order.
        setattr(cls, f"get_{name}_display", lambda instance: self.vocabulary.labels(getattr(instance, name)))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": CodeListFormField,
            "choices": self.vocabulary.choices(),
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "exclusive": self.vocabulary.exclusive_codes,
        }
        defaults.update(kwargs)
        # JSONField.formfield would force its own form class; build ours directly.
        form_class = defaults.pop("form_class")
        for key in ("encoder", "decoder"):
            defaults.pop(key, None)
        return form_class(**defaults)
