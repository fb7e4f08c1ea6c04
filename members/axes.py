"""django-axes needs to know who is logging in: allauth passes ``email`` (member login), the
Wagtail admin ``username``. Without this, axes would lock out every member behind one IP address
together (username None). Set as ``AXES_USERNAME_CALLABLE``."""

from __future__ import annotations


def axes_username(request, credentials=None) -> str | None:
    for source in (credentials or {}, getattr(request, "data", None) or getattr(request, "POST", {})):
        for key in ("username", "email", "login"):
            value = source.get(key) if hasattr(source, "get") else None
            if value:
                return str(value).strip().lower()
    return None
