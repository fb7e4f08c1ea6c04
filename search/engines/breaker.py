"""A per-worker circuit breaker for the Elasticsearch engine.

Closed: every search goes to the cluster. After a failure the breaker opens: for the cool-down
(``ELASTICSEARCH_COOLDOWN_SECONDS``, default 30) searches go straight to the database engine
without touching the cluster, so a hanging cluster costs one timeout per worker per cool-down,
not one per search (or per suggestion). When the cool-down is over, one search tries the cluster
again (half-open): success closes the breaker, failure opens it for another cool-down. The outage
is logged once, when the breaker opens from closed, and the recovery once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings

logger = logging.getLogger("search.engines")

DEFAULT_COOLDOWN_SECONDS = 30.0


class CircuitBreaker:
    def __init__(self, cooldown: float | None = None, clock: Callable[[], float] = time.monotonic):
        self._cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until: float | None = None  # None: closed
        self._trial_running = False

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
        if was_open:
            logger.warning("Elasticsearch answers again; searches use it again")

    def reset(self) -> None:
        with self._lock:
            self._open_until = None
            self._trial_running = False


elasticsearch_breaker = CircuitBreaker()
