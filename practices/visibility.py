"""Who may see what on a profile, and the Wagtail hooks through which apps above practices plug in.

practices must not import the apps above it (members, search), so they register Wagtail hooks:

* ``is_verified_member``: ``fn(request) -> bool``; verified members see contact persons;
* ``approach_profile_context``: ``fn(page, request) -> dict`` merged into the profile context
  (comparable approaches from search, follow buttons from members, ...). The template includes
  the template names listed under ``profile_actions`` (header), ``profile_sidebar`` (contact
  column) and ``profile_after`` (below the profile); lists from several hooks are concatenated.
"""

from __future__ import annotations

from wagtail import hooks

MEMBER_CHECK_HOOK = "is_verified_member"
PROFILE_CONTEXT_HOOK = "approach_profile_context"
SLOT_KEYS = ("profile_actions", "profile_sidebar", "profile_after")


def can_see_member_content(request) -> bool:
    """Named contact persons and internal documents: verified members and editors only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(check(request) for check in hooks.get_hooks(MEMBER_CHECK_HOOK))


def profile_hook_context(page, request) -> dict:
    context: dict = {key: [] for key in SLOT_KEYS}
    for hook in hooks.get_hooks(PROFILE_CONTEXT_HOOK):
        for key, value in hook(page, request).items():
            if key in SLOT_KEYS:
                context[key].extend(value)
            else:
                context[key] = value
    return context
