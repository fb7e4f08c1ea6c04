"""manage.py send_stale_reminders [--dry-run]: weekly e-mail to coordinators of stale profiles.

Schedule it weekly, e.g. cron ``0 7 * * 1  cd /srv/app && .venv/bin/python manage.py send_stale_reminders``.
"""

from django.core.management.base import BaseCommand

from practices.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Mailt coördinatoren welke profielen in hun regio langer dan twaalf maanden niet zijn gecontroleerd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen tonen wie een herinnering zou krijgen"
        )

    def handle(self, *args, dry_run, **options):
        sent = send_reminders(dry_run=dry_run)
        for email, count in sent:
            self.stdout.write(f"  {email}: {count} profiel(en)")
        verb = "zou sturen" if dry_run else "verstuurd"
        self.stdout.write(self.style.SUCCESS(f"Herinneringen {verb}: {len(sent)}."))
