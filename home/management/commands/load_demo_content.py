from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Idempotently build the page tree, load the CBS reference data, set up roles and create the "
        "demo profiles of the real initiatives (plus demo accounts and fictional demo sessions)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not create demo accounts.")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, no_users=False, force=False, **options):
        if not settings.DEBUG and not force and not no_users:
            raise CommandError("Demo accounts are for local use; pass --no-users or --force with DEBUG off.")
        report = load_demo_content(users=not no_users, log=self.stdout.write)
        for key, value in report.items():
            self.stdout.write(f"{key}: {value}")
