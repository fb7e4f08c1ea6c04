"""Search-box suggestions: profile titles, places (municipalities with their everyday names,
youth-care regions, provinces) and interventions whose name, or a word of it, starts with what
was typed. ``GET /api/search/suggest/?q=`` answers at most ``LIMIT`` of them, each with its kind.

The names are held per worker in sorted lists of (folded word-start suffix, entry) keys, one per
rank class, and found by binary search; they are rebuilt when the search documents change
(``IndexVersion``), so a lookup costs one primary-key read and a few bisections whatever the
number of profiles. When they change, only the changed profiles' names are replaced
(``search.changes``); the other names are read again (a few hundred)."""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .changes import changed_since
from .models import FacetValue, IndexVersion, SearchDocument
from .places import names_of
from .text import TOKEN, fold

LIMIT = 10
MIN_LENGTH = 2
KINDS = {
    "profile": _("Aanpak"),
    "place": _("Plaats"),
    "region": _("Regio"),
    "province": _("Provincie"),
    "intervention": _("Interventie"),
}
KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}

_lock = threading.Lock()
_current: SuggestIndex | None = None


@dataclass(frozen=True)
class Suggestion:
    label: str
    kind: str
    value: str  # what goes in the search box (places, interventions) or the profile's URL path
    url: str = ""

    def as_dict(self) -> dict:
        return {"label": self.label, "kind": self.kind, "kind_label": str(KINDS[self.kind]), "url": self.url}


@dataclass
class SuggestIndex:
    version: tuple
    # rank class (inside the name?, kind order) -> sorted (folded suffix from a word start, entry)
    keys: dict[tuple[bool, int], list[tuple[str, int]]]
    entries: dict[int, Suggestion] | list[Suggestion]  # what the keys' numbers point at

    def lookup(self, q: str, limit: int = LIMIT) -> list[Suggestion]:
        """Names starting with ``q`` first, then names with a later word starting with it; within
        each, profiles, places, regions, provinces, interventions; then alphabetically. Each
        class is read from its bisection point up to ``limit`` names, whatever its size."""
        prefix = " ".join(TOKEN.findall(fold(q)))
        if len(prefix) < MIN_LENGTH:
            return []
        found: dict[int, None] = {}
        for rank in sorted(self.keys):
            keys = self.keys[rank]
            position = bisect.bisect_left(keys, (prefix,))  # before every (prefix, n)
            while position < len(keys) and len(found) < limit and keys[position][0].startswith(prefix):
                found.setdefault(keys[position][1], None)
                position += 1
        return [self.entries[entry] for entry in found]


def _keys(label: str) -> list[tuple[bool, str]]:
    words = TOKEN.findall(fold(label))
    return [(n > 0, " ".join(words[n:])) for n in range(len(words))]


def index_keys(entries: list[Suggestion]) -> dict[tuple[bool, int], list[tuple[str, int]]]:
    keys: dict[tuple[bool, int], list[tuple[str, int]]] = {}
    for n, suggestion in enumerate(entries):
        for inside, suffix in _keys(suggestion.label):
            keys.setdefault((inside, KIND_ORDER[suggestion.kind]), []).append((suffix, n))
    return {rank: sorted(values) for rank, values in keys.items()}


def _profile_entries(rows) -> dict[int, Suggestion]:
    return {pk: Suggestion(title, "profile", title, url_path) for pk, title, url_path in rows}


def _other_entries() -> list[Suggestion]:
    """Places, regions, provinces and interventions (a few hundred names, a few queries)."""
    from regions.models import Municipality, Province, RegionPage

    entries: list[Suggestion] = []
    for name in Municipality.objects.order_by("name").values_list("name", flat=True):
        entries.extend(Suggestion(alias, "place", alias) for alias in names_of(name))
    for title in RegionPage.objects.live().order_by("title").values_list("title", flat=True):
        entries.append(Suggestion(title, "region", title))
    for name in Province.objects.order_by("name").values_list("name", flat=True):
        entries.append(Suggestion(name, "province", name))
    interventions = FacetValue.objects.filter(facet="intervention").exclude(label="")
    for label in interventions.values_list("label", flat=True).distinct().order_by("label"):
        entries.append(Suggestion(label, "intervention", label))
    return list(dict.fromkeys(entries))


PROFILE_COLUMNS = ("pk", "page_title", "url_path")


def _assemble(version: tuple, profiles: dict[int, Suggestion], profile_keys: dict) -> SuggestIndex:
    """Profiles are entries by their document pk (positive), the other names by -1, -2, ...: a
    changed profile replaces its own keys without renumbering the rest."""
    others = _other_entries()
    entries: dict[int, Suggestion] = {**profiles, **{-(n + 1): entry for n, entry in enumerate(others)}}
    keys = {rank: [(suffix, -(n + 1)) for suffix, n in values] for rank, values in index_keys(others).items()}
    keys.update({rank: values for rank, values in profile_keys.items() if values})
    return SuggestIndex(version=version, keys=keys, entries=entries)


def build(version: tuple) -> SuggestIndex:
    rows = SearchDocument.objects.values_list(*PROFILE_COLUMNS)
    profiles = _profile_entries(rows)
    keys: dict[tuple[bool, int], list[tuple[str, int]]] = {}
    for pk, suggestion in profiles.items():
        for inside, suffix in _keys(suggestion.label):
            keys.setdefault((inside, KIND_ORDER["profile"]), []).append((suffix, pk))
    return _assemble(version, profiles, {rank: sorted(values) for rank, values in keys.items()})


def apply_changes(index: SuggestIndex, version: tuple, changed: set[int]) -> SuggestIndex:
    """``index`` with the profiles ``changed`` re-read (one query) and the other names read again
    (a few hundred; a renamed region or intervention comes with its profiles' changes)."""
    fresh = _profile_entries(SearchDocument.objects.filter(pk__in=changed).values_list(*PROFILE_COLUMNS))
    kind = KIND_ORDER["profile"]
    profiles = {pk: entry for pk, entry in index.entries.items() if pk > 0}
    keys = {rank: list(values) for rank, values in index.keys.items() if rank[1] == kind}
    for pk in changed:
        old = profiles.pop(pk, None)
        if old is not None:
            for inside, suffix in _keys(old.label):
                values = keys[(inside, kind)]
                del values[bisect.bisect_left(values, (suffix, pk))]
        if pk in fresh:
            profiles[pk] = fresh[pk]
            for inside, suffix in _keys(fresh[pk].label):
                bisect.insort(keys.setdefault((inside, kind), []), (suffix, pk))
    return _assemble(version, profiles, keys)


def current() -> SuggestIndex:
    global _current
    version = IndexVersion.current()
    index = _current
    if index is not None and index.version == version:
        return index
    changed = changed_since(index.version, version) if index is not None else None
    index = build(version) if changed is None else apply_changes(index, version, changed)
    with _lock:
        _current = index
    return index


def suggestions(q: str, limit: int = LIMIT) -> list[Suggestion]:
    return current().lookup(q, limit)
