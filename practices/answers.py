"""The profile's answers: which field (or inline) of ``ApproachPage`` answers which question.

Collected from the declarations on the model (``CodeField(question=...)``, ``answers(...)`` and
``ApproachPage.inline_answers``) in the order of the profile's sections in ``questionnaire.json``.
Every surface that lists the profile's content — admin tabs, the profile page, compare, open
data, the OpenAPI description, the survey import — iterates over ``profile_answers()``, so a new
question shows up everywhere once it is in the data and on the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import models
from django.utils.text import capfirst
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import RichTextField

from . import questionnaire, taxonomy
from .fields import CodeField, CodeListField

# Kinds of answer, each rendered and exported in one way.
CODE, CODES, TEXT, RICHTEXT, BOOLEAN, NUMBER, DATE, RELATION, PARTNERS, PRINCIPLES = (
    "code",
    "codes",
    "text",
    "richtext",
    "boolean",
    "number",
    "date",
    "relation",
    "partners",
    "principles",
)
INLINE_KINDS = {"partners": PARTNERS, "principles": PRINCIPLES}


def _kind(field: models.Field) -> str:
    if isinstance(field, CodeField):
        return CODE
    if isinstance(field, CodeListField):
        return CODES
    if isinstance(field, RichTextField):
        return RICHTEXT
    if isinstance(field, ParentalManyToManyField | models.ManyToManyField):
        return RELATION
    if isinstance(field, models.BooleanField):
        return BOOLEAN
    if isinstance(field, models.DateField):
        return DATE
    if isinstance(field, models.DecimalField | models.IntegerField):
        return NUMBER
    if isinstance(field, models.TextField | models.CharField):
        return TEXT
    raise TypeError(f"No answer kind for {field!r}")


@dataclass(frozen=True, eq=False)
class Answer:
    question: questionnaire.Question
    name: str  # attribute on ApproachPage (a field, or the related name of an inline)
    kind: str
    field: models.Field | None = None

    @property
    def label(self) -> str:
        if self.field is not None:
            return capfirst(self.field.verbose_name)
        from .models.profile import ApproachPage

        related = ApproachPage._meta.get_field(self.name).related_model
        return capfirst(related._meta.verbose_name_plural)

    @property
    def vocabulary(self) -> taxonomy.Vocabulary | None:
        if self.kind in (CODE, CODES):
            return self.field.vocabulary
        if self.kind == PARTNERS:
            return taxonomy.vocabulary("partner_type")
        return None

    @property
    def help_text(self) -> str:
        return self.question.help_text

    def value(self, page):
        """The raw answer of one page: a code, a list of codes, text, a number, names, ..."""
        value = getattr(page, self.name)
        if self.kind == RELATION:
            return [str(item) for item in value.all()]
        if self.kind == PARTNERS:
            chosen = {partner.partner_type for partner in value.all() if partner.partner_type}
            return [code for code in self.vocabulary.codes if code in chosen]
        if self.kind == PRINCIPLES:
            return [(rating.principle, rating.scale) for rating in value.all()]
        if self.kind == CODES:
            return list(value or [])
        return value

    def is_empty(self, page) -> bool:
        value = self.value(page)
        return value in (None, "", [], ())

    def display(self, page):
        """What a reader sees: labels for codes, ``ja``/``nee``, names; text as it is."""
        from django.utils.translation import gettext as _

        value = self.value(page)
        if self.kind == CODE:
            return self.vocabulary.label(value) if value else ""
        if self.kind in (CODES, PARTNERS):
            return self.vocabulary.labels(value)
        if self.kind == BOOLEAN:
            return "" if value is None else (_("ja") if value else _("nee"))
        if self.kind == PRINCIPLES:
            principle, scale = taxonomy.vocabulary("principle"), taxonomy.vocabulary("principle_scale")
            return [f"{principle.label(p)}: {scale.label(s)}" for p, s in value]
        return value


@cache
def profile_answers() -> tuple[Answer, ...]:
    """Every answered question, in the order of the profile's sections."""
    return tuple(answer for _section, answers in answers_by_section() for answer in answers)


@cache
def answers_by_section() -> tuple[tuple[questionnaire.ProfileSection, tuple[Answer, ...]], ...]:
    by_question = _answers_by_question()
    return tuple(
        (section, tuple(by_question[q.id] for q in section.questions if q.id in by_question))
        for section in questionnaire.load().profile_sections()
    )


def answer_for(question_id: str) -> Answer | None:
    """The answer that stores a question, following ``same_as`` (q6 is stored like q16)."""
    question = questionnaire.question(question_id)
    return _answers_by_question().get(question.same_as or question.id)


@cache
def _answers_by_question() -> dict[str, Answer]:
    from .models.profile import ApproachPage  # also while that module is still being executed

    found: dict[str, Answer] = {}
    # Forward fields only: this runs while the app registry is still loading (the admin form).
    for field in [*ApproachPage._meta.local_fields, *ApproachPage._meta.local_many_to_many]:
        question_id = getattr(field, "question_id", None)
        if question_id:
            _add(found, Answer(questionnaire.question(question_id), field.name, _kind(field), field))
    for question_id, relation in ApproachPage.inline_answers.items():
        _add(found, Answer(questionnaire.question(question_id), relation, INLINE_KINDS[relation]))
    return found


def _add(found: dict[str, Answer], answer: Answer) -> None:
    if answer.question.id in found:
        raise ValueError(f"Question {answer.question.id} is answered by two fields")
    found[answer.question.id] = answer


def unplaced_answers() -> list[str]:
    """Declared answers whose question is in no profile section (a system check reports them)."""
    placed = {answer.question.id for answer in profile_answers()}
    return sorted(qid for qid in _answers_by_question() if qid not in placed)
