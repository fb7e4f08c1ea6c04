from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_permissions(sender, **kwargs):
    from .roles import ensure_event_permissions

    ensure_event_permissions()


def _fill_free_seats(sender, instance, **kwargs):
    """A published capacity increase moves people from the waiting list (each gets an e-mail)."""
    from .registration import promote_from_waitlist

    promote_from_waitlist(instance)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        from wagtail.signals import page_published

        from .models import ExchangeSessionPage

        post_migrate.connect(_grant_permissions, sender=self, dispatch_uid="events_grant_permissions")
        page_published.connect(_fill_free_seats, sender=ExchangeSessionPage, dispatch_uid="events_fill_seats")
