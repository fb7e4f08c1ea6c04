from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Aanpakken")

    def ready(self):
        from . import (
            profile_panels,
            snippets,  # noqa: F401 - registers the Intervention snippet viewset
        )
        from .models import ApproachPage

        # Built once the registry is ready: the inlines' labels come from their models.
        ApproachPage.edit_handler = profile_panels.edit_handler()
