"""Comparable approaches and "learn from" on profile pages (registered as a profile hook).

The features of every public profile are read from the search documents in one query and kept in
process memory until the one-row ``IndexVersion`` changes (every document write bumps it). Scoring
is ``practices.similarity`` (pure Python over bit masks).
"""

from __future__ import annotations

import threading

from practices import similarity

from .models import IndexVersion, SearchDocument

_lock = threading.Lock()
_cache: dict = {"version": None, "profiles": (), "by_id": {}, "results": {}}
RESULT_CACHE_SIZE = 4096


def all_profiles(version=None) -> tuple[similarity.Profile, ...]:
    version = version or IndexVersion.current()
    if _cache["version"] == version:
        return _cache["profiles"]
    rows = SearchDocument.objects.values_list("pk", "page_title", "url_path", "region", "features")
    profiles = tuple(
        similarity.profile_from_data(pk, features, title=title, url=url, region=region)
        for pk, title, url, region, features in rows.iterator(chunk_size=2000)
    )
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
