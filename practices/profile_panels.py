"""The profile's admin form: one tab per profile section of ``questionnaire.json``.

Each answered question becomes a panel in its section's tab, with the question text (verbatim,
in the editor's language) as help text; the page's own fields (title, story, contact, sources)
and the supporting inlines sit around them.
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.models import Page

from .answers import INLINE_KINDS, answers_by_section


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


def edit_handler() -> TabbedInterface:
    around = {
        "identity": (
            [FieldPanel("title"), FieldPanel("summary")],
            [FieldRowPanel([FieldPanel("website"), FieldPanel("logo")]), FieldPanel("tags")],
        ),
        "status": (
            [],
            [InlinePanel("lineage", heading=_("Overgenomen van of geïnspireerd door"), label=_("aanpak"))],
        ),
        "expertise": ([], [InlinePanel("evaluation_reports", label=_("evaluatierapport"))]),
    }
    tabs = []
    for section, answers in answers_by_section():
        before, after = around.get(section.key, ([], []))
        panels = [*before, *(answer_panel(answer) for answer in answers), *after]
        tabs.append(ObjectList(panels, heading=lazy(lambda s=section: s.title, str)()))
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
            *tabs,
            ObjectList(contact, heading=_("Contact en bronnen")),
            ObjectList(Page.promote_panels, heading=_("Promoten")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )
