"""Rebuild the search documents, and the Elasticsearch index when ELASTICSEARCH_URL is set.

Elasticsearch: a new concrete index is created and bulk-loaded, then the alias is swapped in one
atomic request and the old index deleted, so searches keep working during the rebuild. The rebuild
goes through the circuit breaker like every write: a failure opens it (searches in this process
go to the database), and it is not attempted while the breaker is open."""

from django.core.management.base import BaseCommand, CommandError

from search.documents import iter_documents, rebuild_database_documents
from search.engines import elasticsearch_configured


class Command(BaseCommand):
    help = "Rebuild the search documents (database) and, when configured, the Elasticsearch index."

    def add_arguments(self, parser):
        parser.add_argument("--database-only", action="store_true", help="Skip Elasticsearch.")

    def handle(self, *args, database_only=False, **options):
        count = rebuild_database_documents()
        self.stdout.write(f"database: {count} documents")
        if database_only or not elasticsearch_configured():
            return
        from search.engines.breaker import WriteSkipped, guarded_write
        from search.engines.elasticsearch import ElasticsearchEngine

        engine = ElasticsearchEngine()
        try:
            name = guarded_write(lambda: engine.rebuild(iter_documents()), "rebuild")
        except WriteSkipped as error:
            raise CommandError(
                "Elasticsearch rebuild skipped: the cluster failed within the cool-down; try again later"
            ) from error
        except Exception as error:
            raise CommandError(f"Elasticsearch rebuild failed: {error}") from error
        self.stdout.write(f"elasticsearch: {count} documents in {name} (alias {engine.index})")
