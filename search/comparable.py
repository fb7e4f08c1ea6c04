"""Comparable approaches and "learn from" on profile pages (registered as a profile hook).

The features of every public profile are read from the search documents in one query and kept in
process memory; when the one-row ``IndexVersion`` changes, only the documents logged as changed
since are read again (``search.changes``). Scoring
is ``practices.similarity`` (pure Python over bit masks).
"""

from __future__ import annotations

import bisect
import threading

from practices import similarity

from .changes import changed_since
from .models import IndexVersion, SearchDocument

_lock = threading.Lock()
_cache: dict = {"version": None, "profiles": (), "by_id": {}, "results": {}}
RESULT_CACHE_SIZE = 4096
COLUMNS = ("pk", "page_title", "url_path", "region", "features")


def _profile(pk, title, url, region, features) -> similarity.Profile:
    return similarity.profile_from_data(pk, features, title=title, url=url, region=region)


def load_profiles() -> tuple[similarity.Profile, ...]:
    """Every document's profile, in pk order."""
    rows = SearchDocument.objects.order_by("pk").values_list(*COLUMNS)
    return tuple(_profile(*row) for row in rows.iterator(chunk_size=2000))


def apply_changes(
    profiles: tuple[similarity.Profile, ...], changed: set[int]
) -> tuple[similarity.Profile, ...]:
    """``profiles`` with the documents ``changed`` re-read (one query): equal to ``load_profiles()``."""
    fresh = {
        row[0]: _profile(*row) for row in SearchDocument.objects.filter(pk__in=changed).values_list(*COLUMNS)
    }
    result = list(profiles)
    ids = [profile.id for profile in result]
    for pk in sorted(changed):
        n = bisect.bisect_left(ids, pk)
        present = n < len(ids) and ids[n] == pk
        if pk in fresh and present:
            result[n] = fresh[pk]
        elif pk in fresh:
            result.insert(n, fresh[pk])
            ids.insert(n, pk)
        elif present:
            del result[n], ids[n]
    return tuple(result)


def all_profiles(version=None) -> tuple[similarity.Profile, ...]:
    """Every public profile's features, kept per worker: updated with the documents changed since
    this worker's version (``search.changes``), loaded in full when the log cannot say. Results
    of ``comparable_for`` are dropped on any change (any profile may now rank differently)."""
    version = version or IndexVersion.current()
    held = _cache["version"]
    if held == version:
        return _cache["profiles"]
    changed = changed_since(held, version) if held is not None else None
    profiles = load_profiles() if changed is None else apply_changes(_cache["profiles"], changed)
    with _lock:
        _cache.update(version=version, profiles=profiles, by_id={p.id: p for p in profiles}, results={})
    return profiles


def comparable_for(page_id: int, limit: int = 5) -> dict:
    """Comparable approaches and 'learn from' for one profile; memoised until the index changes."""
    version = IndexVersion.current()
    profiles = all_profiles(version)
    key = (version, page_id, limit)
    cached = _cache["results"].get(key)
    if cached is not None:
        return cached
    target = _cache["by_id"].get(page_id)
    if target is None:
        return {"comparable": [], "learn_from": []}
    result = {
        "comparable": similarity.similar(target, profiles, limit=limit),
        "learn_from": similarity.learn_from(target, profiles, limit=3),
    }
    with _lock:
        if len(_cache["results"]) >= RESULT_CACHE_SIZE:
            _cache["results"].clear()
        _cache["results"][key] = result
    return result


def profile_hook(page, request) -> dict:
    context = comparable_for(page.pk)
    context["compare_self_id"] = page.pk
    return {
        **context,
        "profile_after": ["search/includes/comparable.html"],
    }
