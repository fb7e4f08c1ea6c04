from django.apps import AppConfig


class SiteLinksConfig(AppConfig):
    name = "sitelinks"
    verbose_name = "Absolute links"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from . import checks  # noqa: F401  (registers the system check)
        from .absolute_urls import forget_default_site

        post_save.connect(forget_default_site, sender=Site, dispatch_uid="sitelinks-site-saved")
        post_delete.connect(forget_default_site, sender=Site, dispatch_uid="sitelinks-site-deleted")
