"""Rate limits for the public forms (registration, contact, sign-up): per client IP and per browser
session, counted by django-ratelimit in the default cache. Only POSTs count. With the default
local-memory cache each worker counts on its own; configure a shared cache (Redis, memcached) in
``CACHES`` for one count across workers. Behind a proxy, set ``RATELIMIT_IP_META_KEY`` (see
django-ratelimit) so the client's address is used, not the proxy's."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


def _session_key(group, request) -> str:
    # The first POST from a browser without a session starts one (the cookie comes back with the
    # answer); clients that drop cookies are still counted per IP.
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def is_throttled(request, form: str) -> bool:
    """Count this POST for ``form``; True when the IP or the session has used its allowance."""
    if request.method != "POST":
        return False
    by_ip = is_ratelimited(
        request,
        group=f"{form}:ip",
        key="ip",
        rate=settings.PUBLIC_FORM_RATE_IP,
        method="POST",
        increment=True,
    )
    by_session = is_ratelimited(
        request,
        group=f"{form}:session",
        key=_session_key,
        rate=settings.PUBLIC_FORM_RATE_SESSION,
        method="POST",
        increment=True,
    )
    return by_ip or by_session


def throttled_message() -> str:
    return _(
        "U heeft dit formulier te vaak achter elkaar verstuurd. Wacht even en probeer het over een uur "
        "opnieuw."
    )
