from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from practices.visibility import PROFILE_CONTEXT_HOOKS

        from . import comparable, signals

        signals.connect()
        if comparable.profile_hook not in PROFILE_CONTEXT_HOOKS:
            PROFILE_CONTEXT_HOOKS.append(comparable.profile_hook)
