"""Demo step (home.demo.loader.EXTRA_STEPS): make sure every demo profile has its search document."""

from .documents import rebuild_database_documents


def ensure_search_documents() -> int:
    return rebuild_database_documents()
