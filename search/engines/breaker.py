"""A per-worker circuit breaker for the Elasticsearch engine.

Closed: every search goes to the cluster. After a failure the breaker opens: for the cool-down
(``ELASTICSEARCH_COOLDOWN_SECONDS``, default 30) searches go straight to the database engine
without touching the cluster, so a hanging cluster costs one timeout per worker per cool-down,
not one per search (or per suggestion). When the cool-down is over, one search tries the cluster
again (half-open): success closes the breaker, failure opens it for another cool-down. The outage
is logged once, when the breaker opens from closed, and the recovery once.

Writes (the sync after a publish, unpublish, move or delete, and ``rebuild_search_index``) go
through ``guarded_write``: while the breaker is open they are skipped without touching the
cluster (logged once per outage; the recovery message says how many were skipped and that
``rebuild_search_index`` brings the index up to date), so a publish never waits for a cluster
that just failed. A failing write opens the breaker for searches too, and the other way round.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

logger = logging.getLogger("search.engines")

DEFAULT_COOLDOWN_SECONDS = 30.0

T = TypeVar("T")


class WriteSkipped(Exception):
    """The breaker is open: the Elasticsearch write was not attempted."""


class CircuitBreaker:
    def __init__(self, cooldown: float | None = None, clock: Callable[[], float] = time.monotonic):
        self._cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until: float | None = None  # None: closed
        self._trial_running = False
        self._skipped_writes = 0

    @property
    def cooldown(self) -> float:
        if self._cooldown is not None:
            return self._cooldown
        return float(getattr(settings, "ELASTICSEARCH_COOLDOWN_SECONDS", DEFAULT_COOLDOWN_SECONDS))

    @property
    def is_open(self) -> bool:
        return self._open_until is not None

    def allow(self) -> bool:
        """May this search try the cluster? (Half-open lets exactly one search through.)"""
        with self._lock:
            if self._open_until is None:
                return True
            if self._clock() >= self._open_until and not self._trial_running:
                self._trial_running = True
                return True
            return False

    def record_failure(self, error: BaseException | None = None) -> None:
        with self._lock:
            opened_now = self._open_until is None
            self._open_until = self._clock() + self.cooldown
            self._trial_running = False
        if opened_now:
            logger.error(
                "Elasticsearch failed (%s); searches use the database engine for %.0f s at a time "
                "until it answers again",
                f"{type(error).__name__}: {error}" if error else "error",
                self.cooldown,
                exc_info=error,
            )

    def record_success(self) -> None:
        with self._lock:
            was_open = self._open_until is not None
            self._open_until = None
            self._trial_running = False
            skipped, self._skipped_writes = self._skipped_writes, 0
        if was_open:
            logger.warning("Elasticsearch answers again; searches use it again")
        if skipped:
            logger.warning(
                "%d Elasticsearch writes were skipped during the outage; run manage.py "
                "rebuild_search_index to bring the index up to date",
                skipped,
            )

    def record_skipped_write(self, what: str) -> None:
        with self._lock:
            self._skipped_writes += 1
            first = self._skipped_writes == 1
        if first:
            logger.warning(
                "Elasticsearch is unavailable; index writes are skipped until it answers (first: %s)", what
            )

    @property
    def skipped_writes(self) -> int:
        return self._skipped_writes

    def reset(self) -> None:
        with self._lock:
            self._open_until = None
            self._trial_running = False
            self._skipped_writes = 0


elasticsearch_breaker = CircuitBreaker()


def guarded_write(action: Callable[[], T], what: str, breaker: CircuitBreaker | None = None) -> T:
    """Run one Elasticsearch write under the breaker: raises ``WriteSkipped`` without calling
    ``action`` while the breaker is open; a failure opens it (and is raised), a success closes it."""
    breaker = breaker or elasticsearch_breaker
    if not breaker.allow():
        breaker.record_skipped_write(what)
        raise WriteSkipped(what)
    try:
        result = action()
    except Exception as error:
        breaker.record_failure(error)
        raise
    breaker.record_success()
    return result
