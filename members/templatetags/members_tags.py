from django import template

from ..access import is_verified_member
from ..follows import is_followable, is_following

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, page) -> dict:
    """For the follow button: whether the page can be followed and the user follows it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "followable": bool(page and is_followable(page)),
        "authenticated": authenticated,
        "following": authenticated and is_following(user, page),
    }


@register.simple_tag(takes_context=True)
def is_verified(context) -> bool:
    request = context.get("request")
    return bool(request and is_verified_member(request))
