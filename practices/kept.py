"""Structures over every published profile, kept in a worker's memory and brought up to date
with only the profiles changed since (the national picture's tally, the cost insight).

The registry's version and the change log come from the search app
(``figures.REGISTRY_CHANGES_HOOK``). When the version moves on, ``update(tally, ids)`` applies
the changed profiles; when the log cannot say what changed, or every ``OVERVIEW_CACHE_SECONDS``
(for changes no publish signals, like new reference data), ``build()`` counts everything again.
Not in Django's cache: unpickling 10,000 profile facts from it cost 170 ms per request.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def registry():
    """``(version, changed_since)``: the search app's, else an aggregate that only tells *that*
    something changed (``changed_since`` then always says "load in full")."""
    from django.db.models import Count, Max
    from wagtail import hooks

    from .figures import REGISTRY_CHANGES_HOOK, published_profiles

    for hook in hooks.get_hooks(REGISTRY_CHANGES_HOOK):
        return hook()
    version = published_profiles().aggregate(count=Count("pk"), last=Max("last_published_at"))
    return (version["count"], version["last"]), lambda held, current: None


def cache_seconds() -> int:
    from django.conf import settings

    return getattr(settings, "OVERVIEW_CACHE_SECONDS", 300)


class KeptTally(Generic[T]):
    def __init__(self, build: Callable[[], T], update: Callable[[T, set[int]], None]):
        self._build = build
        self._update = update
        self.version = None
        self._expires = 0.0
        self._tally: T | None = None

    def current(self) -> T:
        """The tally at the registry's current version (``build()`` afresh when
        ``OVERVIEW_CACHE_SECONDS`` is 0)."""
        seconds = cache_seconds()
        if not seconds:
            return self._build()
        version, changed_since = registry()
        if self.version != version or self._expires <= time.monotonic():
            changed = None
            if self._tally is not None and self._expires > time.monotonic():
                changed = changed_since(self.version, version)
            if changed is None:
                tally, expires = self._build(), time.monotonic() + seconds
            else:
                tally, expires = self._tally, self._expires
                self._tally = None  # half-updated if this fails: the next request counts afresh
                self._update(tally, changed)
            self.version, self._expires, self._tally = version, expires, tally
        return self._tally

    def forget(self) -> None:
        self.version, self._expires, self._tally = None, 0.0, None
