"""Which search documents changed since a worker's version: read from the short log
``IndexChange`` that every ``IndexVersion.bump`` writes.

Workers keep in-memory structures over every document (facet bit sets, similarity profiles, the
overview's figures). When the version moves on they ask ``changed_since``: a small set of
document ids means "apply these"; ``None`` means "load in full" (a rebuild, a worker too far
behind or holding a version the log no longer knows, or so many changes that a full load is
cheaper).
"""

from __future__ import annotations

from .models import IndexChange

# Further behind than this, or more documents than this, and a full load is the simpler path.
MAX_VERSIONS_BEHIND = 500
MAX_DOCUMENTS = 1000


def changed_since(held: tuple, current: tuple) -> set[int] | None:
    """Document ids changed after version ``held`` up to ``current`` (both ``IndexVersion.current()``
    tuples), or ``None`` when the log cannot say (then load in full). One indexed query."""
    held_number, held_at = held
    number, at = current
    if held_at is None or at is None or not (0 < number - held_number <= MAX_VERSIONS_BEHIND):
        return None
    rows = IndexChange.objects.filter(number__gte=held_number, number__lte=number).values_list(
        "number", "changed_at", "document_id"
    )
    stamps: dict[int, object] = {}
    ids: set[int] = set()
    for row_number, changed_at, document_id in rows:
        if stamps.setdefault(row_number, changed_at) != changed_at:
            return None  # two versions share a number: not a log to trust
        if row_number == held_number:
            continue
        if document_id is None:
            return None  # a rebuild: everything may have changed
        ids.add(document_id)
    # The held version must be the logged one, and every version since must be there.
    if stamps.get(held_number) != held_at or stamps.get(number) != at:
        return None
    if len(stamps) != number - held_number + 1 or len(ids) > MAX_DOCUMENTS:
        return None
    return ids
