from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ shares|get_item:row.code }}``: a dict lookup with a variable key."""
    return (mapping or {}).get(key)
