"""A read-only or locked database answers writes with 503 "tijdelijk alleen lezen", not a 500.

During maintenance (a read-only replica, a full disk, a PostgreSQL ``default_transaction_read_only``
switch-over) or when SQLite stays locked beyond its busy timeout, a view that writes raises
OperationalError/InternalError. The middleware turns exactly those errors into a Dutch 503 page
(JSON under ``/api/``) with ``Retry-After``; reads keep working because they never raise them.
Other database errors stay 500s (they are bugs)."""

from __future__ import annotations

from django.db import InternalError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# SQLite: "attempt to write a readonly database", "database is locked", "database table is
# locked"; PostgreSQL: "cannot execute INSERT in a read-only transaction".
MARKERS = ("readonly", "read-only", "read only", "is locked")
RETRY_AFTER_SECONDS = 60


def is_read_only_error(error: BaseException) -> bool:
    return isinstance(error, OperationalError | InternalError) and any(
        marker in str(error).lower() for marker in MARKERS
    )


class ReadOnlyDatabaseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_read_only_error(exception):
            return None
        message = _(
            "De site is tijdelijk alleen te lezen: wijzigingen kunnen nu niet worden opgeslagen. Er is "
            "niets opgeslagen; probeer het over een paar minuten opnieuw."
        )
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"error": {"parameter": "", "message": message}}, status=503)
        else:
            response = render(request, "503.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
