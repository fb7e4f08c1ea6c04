from wagtail import hooks

from practices.visibility import PROFILE_CONTEXT_HOOK

from .models import InterventionIndexPage


@hooks.register(PROFILE_CONTEXT_HOOK)
def intervention_catalogue_url(page, request):
    """Profiles link each catalogued intervention to its page in the catalogue."""
    index = InterventionIndexPage.objects.live().public().first()
    return {"intervention_catalogue_url": index.url if index else ""}
