from django.core.management.base import BaseCommand

from regions.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the Ministerie and per-region coordinator groups and the approval workflow."

    def handle(self, *args, **options):
        result = ensure_roles()
        self.stdout.write(f"Ministerie group ready; {result['coordinator_groups']} coordinator groups ready.")
