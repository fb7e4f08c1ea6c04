from wagtail import hooks

from practices.visibility import PROFILE_CONTEXT_HOOK
from search import site_cache

from .models import InterventionIndexPage


@hooks.register(PROFILE_CONTEXT_HOOK)
def intervention_catalogue_url(page, request):
    """Profiles link each catalogued intervention to its page in the catalogue."""
    return {"intervention_catalogue_url": site_cache.cached("intervention_catalogue_url", _catalogue_url)}


def _catalogue_url() -> str:
    index = InterventionIndexPage.objects.live().public().first()
    return index.url if index else ""
