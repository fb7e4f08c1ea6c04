"""Who may see what on a profile, and extension points for apps above practices.

practices must not import the members or search apps, so they plug in here:
* ``MEMBER_CHECK``: callable(request) -> bool, set by the members app (verified members);
* ``PROFILE_CONTEXT_HOOKS``: callables(page, request) -> dict merged into the profile context
  (comparable approaches from search, follow buttons from members, ...). The template includes
  the template names listed under ``profile_actions`` (header), ``profile_sidebar`` (contact
  column) and ``profile_after`` (below the profile); lists from several hooks are concatenated.
"""

from __future__ import annotations

from collections.abc import Callable

MEMBER_CHECK: list[Callable] = []
PROFILE_CONTEXT_HOOKS: list[Callable] = []


def can_see_member_content(request) -> bool:
    """Named contact persons and internal documents: verified members and editors only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(check(request) for check in MEMBER_CHECK)


SLOT_KEYS = ("profile_actions", "profile_sidebar", "profile_after")


def profile_hook_context(page, request) -> dict:
    context: dict = {key: [] for key in SLOT_KEYS}
    for hook in PROFILE_CONTEXT_HOOKS:
        for key, value in hook(page, request).items():
            if key in SLOT_KEYS:
                context[key].extend(value)
            else:
                context[key] = value
    return context
