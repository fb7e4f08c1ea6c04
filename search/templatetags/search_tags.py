from django import template

from search.contract import localised_url

register = template.Library()


@register.filter
def localised(url: str) -> str:
    """A stored page URL in the active language (/en/... under English)."""
    return localised_url(url or "")
