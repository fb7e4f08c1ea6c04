"""Template filters that turn stored codes into labels in the active language."""

from django import template

from practices import taxonomy

register = template.Library()


@register.filter
def label(code, vocabulary_name):
    """{{ page.stage|label:"stage" }} → "Werkt een plan uit en zet al stappen"."""
    if not code:
        return ""
    return taxonomy.label(vocabulary_name, code)


@register.filter
def labels(codes, vocabulary_name):
    """{% for item in page.offers|labels:"offer" %} → labels in taxonomy order."""
    return taxonomy.vocabulary(vocabulary_name).labels(codes)
