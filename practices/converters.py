"""URL converter for database ids: at most 18 digits, so every matched value fits a signed 64-bit
integer (SQLite and PostgreSQL ``bigint``). A longer number does not match the route: a plain 404
instead of an OverflowError (500). Registered on import; URL modules import this module."""

from __future__ import annotations

from django.urls import register_converter

MAX_DIGITS = 18


class DatabaseIdConverter:
    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(DatabaseIdConverter, "dbid")
