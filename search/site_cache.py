"""What every page request reads about the site as a whole, kept per worker until a page near
the top of the tree, a view restriction there or a site changes (``IndexVersion.site_token``,
bumped by ``search.signals``).

The site for a host name and its home page, the menu, the catalogue's address: a handful of
queries on every request that give the same answer until an editor publishes, moves or deletes a
page. A worker keeps them under the token it read at the start of the request (the same
primary-key read the search engine and the comparable approaches make) and computes them again
when the token moves on. Without a token (an empty database, a test that wrote no page through
Wagtail) nothing is kept.

Values are shared by the requests a worker serves: store plain values or objects no request
changes, and hand out copies (``copy.copy``) where a request may set attributes on them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from .models import IndexVersion

T = TypeVar("T")

# Everything kept here is read from a site's root page (depth 2, home/site_tree.py) or its
# children (the menu, the catalogue's address): changes deeper down (profiles, sessions, region
# pages) leave it as it is.
DEEPEST_CACHED_DEPTH = 3

_lock = threading.Lock()
_held: dict = {"token": None, "values": {}}


def cached(key, factory: Callable[[], T]) -> T:
    """``factory()``, computed once per worker for the current site token."""
    token = IndexVersion.read()[1]
    if token is None:
        return factory()
    held = _held
    if held["token"] == token and key in held["values"]:
        return held["values"][key]
    value = factory()
    with _lock:
        if _held["token"] != token:
            _held.update(token=token, values={})
        _held["values"][key] = value
    return value


def clear() -> None:
    """Forget everything (tests that change pages without Wagtail's signals)."""
    with _lock:
        _held.update(token=None, values={})
