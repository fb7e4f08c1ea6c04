"""The profile's admin form: the profile's sections of ``questionnaire.json`` as parts of one tab.

Four tabs fit any screen: "Profiel" (title, summary, completeness and one collapsible part per
profile section, in the questionnaire's order), "Contact en bronnen", and Wagtail's "Promoten" and
"Instellingen". Each answered question is a panel in its section's part, with the question text
(verbatim, in the editor's language) as help text; the page's own fields (title, story, contact,
sources) and the supporting inlines sit around them. A part the quickscan's route does not reach
at the chosen stage is collapsed with a note, and so is a question it does not ask (rendered on
the server; ``js/profile-form.js`` updates the notes when the stage changes).
"""

from __future__ import annotations

from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.models import Page

from . import completeness, questionnaire
from .answers import INLINE_KINDS, answers_by_section

PROFILE_FORM_JS = "js/profile-form.js"
PROFILE_FORM_CSS = "css/profile-form.css"


def _help_text(question):
    return lazy(lambda: question.help_text, str)()


def answer_panel(answer):
    if answer.kind in INLINE_KINDS.values():
        label = lazy(lambda: answer.label, str)()
        return InlinePanel(
            answer.name,
            heading=label,
            label=label,
            help_text=_help_text(answer.question),
            **({"max_num": 4} if answer.name == "principles" else {}),
        )
    if answer.name == "interventions":
        from .intervention_chooser import InterventionChooserPanel

        return InterventionChooserPanel(answer.name, help_text=_help_text(answer.question))
    return FieldPanel(answer.name, help_text=_help_text(answer.question))


def _letters(questions) -> str:
    """The stage letters (q4) at which any of ``questions`` is asked; "" when at every stage."""
    letters: list[str] = []
    for question in questions:
        for asked in completeness._asked_as().get(question.id, (question,)):
            if asked.route is None:
                return ""
            letters += [letter for letter in asked.route.letters if letter not in letters]
    return " ".join(sorted(letters))


def _stages_text(stages) -> str:
    return ", ".join(f"‘{stage}’" for stage in stages)


class QuestionnaireSectionPanel(MultiFieldPanel):
    """One profile section: its panels, each knowing the question it asks (None for the page's own
    fields), collapsed with a note when the route does not reach it at the chosen stage."""

    def __init__(self, children=(), *args, section=None, questions=(), **kwargs):
        super().__init__(children, *args, **kwargs)
        self.section = section
        self.questions = tuple(questions)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "section": self.section, "questions": self.questions}

    @cached_property
    def section_letters(self) -> str:
        routed = [q for q in self.section.questions if q.instrument == questionnaire.QUICKSCAN]
        return _letters(routed) if routed else ""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "practices/admin/questionnaire_section_panel.html"

        class Media:
            js = [PROFILE_FORM_JS]
            css = {"all": [PROFILE_FORM_CSS]}

        @cached_property
        def routing(self) -> dict[str, str]:
            if self.form is not None and self.form.is_bound:
                stage = self.form.data.get("stage", "")
            else:
                stage = getattr(self.instance, "stage", "") or ""
            return completeness.routing_for_stage(stage)

        @cached_property
        def applies(self) -> bool:
            return completeness.section_applies(self.panel.section, self.routing)

        def _has_errors(self) -> bool:
            errors = getattr(self.form, "errors", {}) if self.form is not None else {}
            names = set(self.panel.get_form_options().get("fields", []))
            formsets = set(self.panel.get_form_options().get("formsets", {}))
            formset_errors = any(
                not self.form.formsets[name].is_valid()
                for name in formsets
                if self.form is not None and self.form.is_bound and name in getattr(self.form, "formsets", {})
            )
            return bool(names & set(errors)) or formset_errors

        def classes(self):
            classes = list(super().classes())
            if not self.applies and not self._has_errors():
                classes.append("collapsed")
            return classes

        @property
        def attrs(self):
            return {
                **self.panel.attrs,
                "data-profile-section": "",
                "data-route-letters": self.panel.section_letters,
            }

        def section_note(self) -> str:
            stages = completeness.section_stages(self.panel.section)
            return _(
                "De quickscan vraagt dit deel alleen bij fase %(stages)s. Bij de gekozen fase hoeft u "
                "het niet in te vullen; u kunt het wel openen."
            ) % {"stages": _stages_text(stages)}

        def items(self):
            found = []
            for child, question in zip(self.children, self.panel.questions, strict=True):
                if not child.is_shown():
                    continue
                letters = _letters([question]) if question is not None else ""
                found.append(
                    {
                        "child": child,
                        "question": question,
                        "letters": letters,
                        "asked": question is None or completeness.is_asked(question, self.routing),
                        "note": _("De quickscan stelt deze vraag alleen bij fase %(stages)s.")
                        % {"stages": _stages_text(completeness.route_stages(question))}
                        if letters
                        else "",
                    }
                )
            return found


class OtherAnswerPanel(Panel):
    """The text of "Anders, namelijk" (a form field of ApproachPageForm, stored in ``other_answers``)
    under its answer; ``js/profile-form.js`` shows it only while "Anders" is chosen."""

    def __init__(self, answer, **kwargs):
        super().__init__(**kwargs)
        self.answer = answer

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "answer": self.answer}

    @property
    def clean_name(self):
        return f"{self.answer.question.id}_other"

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/admin/other_answer_panel.html"

        @cached_property
        def bound_field(self):
            from .forms import other_field_name

            name = other_field_name(self.panel.answer)
            return self.form[name] if self.form is not None and name in self.form.fields else None

        def is_shown(self):
            return self.bound_field is not None

        @property
        def heading(self):
            return self.bound_field.label if self.bound_field is not None else ""

        @heading.setter
        def heading(self, value):
            pass  # taken from the form field

        def id_for_label(self):
            return self.bound_field.id_for_label

        @property
        def attrs(self):
            return {
                "data-other-answer": self.panel.answer.name,
                "data-other-codes": " ".join(self.panel.answer.vocabulary.other_codes),
            }


class CompletenessPanel(Panel):
    """Which questions are answered and which are still empty (of those asked at the stage)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/admin/completeness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["completeness"] = completeness.completeness(self.instance)
            return context


def _with_other(answer) -> list:
    """The answer's panel, and under it the text of "Anders, namelijk" when its options have one."""
    from .forms import other_answers

    return [answer_panel(answer), *([OtherAnswerPanel(answer)] if answer in other_answers() else [])]


def section_panel(section, answers, before=(), after=()) -> QuestionnaireSectionPanel:
    children, questions = list(before), [None for _ in before]
    for answer in answers:
        panels = _with_other(answer)
        children += panels
        questions += [answer.question, *(None for _ in panels[1:])]
    children += after
    questions += [None for _ in after]
    return QuestionnaireSectionPanel(
        children,
        heading=lazy(lambda s=section: s.title, str)(),
        section=section,
        questions=questions,
    )


def edit_handler() -> TabbedInterface:
    around = {
        "identity": ([], [FieldRowPanel([FieldPanel("website"), FieldPanel("logo")]), FieldPanel("tags")]),
        "status": (
            [],
            [InlinePanel("lineage", heading=_("Overgenomen van of geïnspireerd door"), label=_("aanpak"))],
        ),
        "expertise": ([], [InlinePanel("evaluation_reports", label=_("evaluatierapport"))]),
    }
    profile = [
        TitleFieldPanel("title"),
        FieldPanel("summary"),
        CompletenessPanel(heading=_("Volledigheid")),
    ]
    for section, answers in answers_by_section():
        before, after = around.get(section.key, ([], []))
        profile.append(section_panel(section, answers, before, after))
    contact = [
        FieldPanel("contact_email"),
        InlinePanel(
            "contacts", heading=_("Contactpersonen (alleen zichtbaar voor leden)"), label=_("contactpersoon")
        ),
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldPanel("last_reviewed"),
    ]
    return TabbedInterface(
        [
            ObjectList(profile, heading=_("Profiel")),
            ObjectList(contact, heading=_("Contact en bronnen")),
            ObjectList(Page.promote_panels, heading=_("Promoten")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )


def field_locations(handler) -> dict[str, tuple[str, str]]:
    """Per form field or formset name, the tab and the part (or "") that hold it."""
    found: dict[str, tuple[str, str]] = {}

    def walk(panel, tab, part):
        if isinstance(panel, QuestionnaireSectionPanel):
            part = str(panel.heading)
        if isinstance(panel, FieldPanel):
            found.setdefault(panel.field_name, (tab, part))
        elif isinstance(panel, InlinePanel):
            found.setdefault(panel.relation_name, (tab, part))
        for child in getattr(panel, "children", ()):
            walk(child, tab, part)

    for tab in handler.children:
        walk(tab, str(tab.heading), "")
    return found
