"""Wagtail hooks of the search app: comparable approaches and "learn from" on profile pages, and
the registry's version with its change log for the national picture (practices.figures)."""

from wagtail import hooks

from practices.figures import REGISTRY_CHANGES_HOOK
from practices.visibility import PROFILE_CONTEXT_HOOK

from .changes import changed_since
from .comparable import profile_hook
from .models import IndexVersion

hooks.register(PROFILE_CONTEXT_HOOK, profile_hook)


@hooks.register(REGISTRY_CHANGES_HOOK)
def registry_changes():
    """Every publish, unpublish, move or deletion of a profile rewrites its search document, so the
    index version is the registry's version and its log names the changed profiles."""
    return IndexVersion.current(), changed_since
