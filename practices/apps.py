from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Aanpakken")

    def ready(self):
        from . import snippets  # noqa: F401 - registers the Intervention snippet viewset
