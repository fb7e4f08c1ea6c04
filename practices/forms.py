"""Admin form for approach profiles: municipalities limited to the region, checked on save."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .validation import validate_municipalities


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
        return cleaned
