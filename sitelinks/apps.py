from django.apps import AppConfig


class SiteLinksConfig(AppConfig):
    name = "sitelinks"
    verbose_name = "Absolute links"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
