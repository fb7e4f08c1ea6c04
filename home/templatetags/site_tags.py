"""Page titles in the visitor's language where the site knows them.

Page content is Dutch (one page tree; see README "English"). The titles the site tree gives its
fixed pages (menu sections, standard pages) are in the translation catalogue, so the menu,
browser titles and headings of those pages read in English at /en/. A title an editor changed
is not in the catalogue and stays as written.
"""

from django import template
from django.utils.translation import gettext

from home.routing import ancestors_for_display

register = template.Library()


@register.filter
def page_title(title: str) -> str:
    return gettext(title) if title else title


@register.filter
def display_ancestors(page) -> list:
    """The pages above ``page`` for the breadcrumbs, from the home page down (no query when the
    page was routed: ``home.routing``)."""
    return ancestors_for_display(page)
