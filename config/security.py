"""Security headers: the site's Content-Security-Policy (django-csp) with a relaxation for the
Wagtail admin, plus a Permissions-Policy header.

The public site runs under a strict policy (``CONTENT_SECURITY_POLICY`` in settings): scripts and
styles only from our own origin, no inline code. Wagtail's admin still renders a few inline
scripts and style attributes (inline panels, date widgets, Draftail), so paths under
``CSP_ADMIN_PREFIXES`` get the directives in ``CSP_ADMIN_REPLACE`` instead. Views may still set
their own policy with ``csp.decorators``; that wins over the admin relaxation.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefixes = tuple(getattr(settings, "CSP_ADMIN_PREFIXES", ()))
        if not report_only and parts.replace is None and prefixes and request.path_info.startswith(prefixes):
            parts.replace = dict(settings.CSP_ADMIN_REPLACE)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
