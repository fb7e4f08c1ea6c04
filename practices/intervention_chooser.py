"""The intervention chooser of the profile form: search as you type, and add a missing
intervention as a draft ("te controleren") for the ministry to complete.

Built on wagtail-autocomplete (AutocompletePanel on the profile's ``interventions`` relation).
Its admin endpoints accept any model name; here they are mounted at ``/admin/autocomplete/``
(where its widget looks) only for ``practices.Intervention``, so the chooser cannot be used to
list other models. Creating needs the ``add_intervention`` permission (coordinators and the
ministry have it, ``regions.roles``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.urls import path
from django.utils.translation import gettext as _
from wagtailautocomplete import views as autocomplete_views
from wagtailautocomplete.edit_handlers import AutocompletePanel
from wagtailautocomplete.widgets import Autocomplete

from .models import Intervention

MODEL_LABEL = "practices.Intervention"
MAX_NAME = Intervention._meta.get_field("name").max_length


def _only_interventions(view, **defaults):
    def wrapped(request, *args, **kwargs):
        given = (request.POST if request.method == "POST" else request.GET).get("type", "")
        if given != MODEL_LABEL:
            return HttpResponseBadRequest(_("Alleen interventies kunnen hier worden gekozen."))
        return view(request, *args, **{**defaults, **kwargs})

    return wrapped


def admin_urlpatterns():
    return [
        path("autocomplete/search/", _only_interventions(autocomplete_views.search, public=False)),
        path("autocomplete/objects/", _only_interventions(autocomplete_views.objects, public=False)),
        path("autocomplete/create/", _only_interventions(autocomplete_views.create)),
    ]


class SafeAutocomplete(Autocomplete):
    """A posted value that is not the widget's JSON is treated as no choice (the form then shows
    the field's own errors) instead of raising."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, AttributeError):
            return None


class InterventionChooserPanel(AutocompletePanel):
    def __init__(self, field_name="interventions", **kwargs):
        kwargs.setdefault("target_model", MODEL_LABEL)
        super().__init__(field_name, **kwargs)

    def widget_overrides(self):
        widget = super().widget_overrides()[self.field_name]
        return {
            self.field_name: SafeAutocomplete(
                target_model=widget.target_model, can_create=widget.can_create, is_single=widget.is_single
            )
        }


def create_draft(value: str) -> Intervention:
    """``Intervention.autocomplete_create``: a new intervention by name, marked "te controleren".
    An existing name returns that intervention rather than a duplicate."""
    name = " ".join(str(value).split())
    if not name:
        raise ValidationError({"name": [_("Geef de naam van de interventie.")]})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": [_("Een naam is hoogstens %(max)d tekens.") % {"max": MAX_NAME}]})
    existing = Intervention.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    return Intervention.objects.create(name=name, needs_review=True)
