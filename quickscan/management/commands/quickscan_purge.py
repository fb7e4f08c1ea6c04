"""``manage.py quickscan_purge [--days N] [--dry-run]``: erase the personal data of quickscan rounds
closed more than N days ago (default ``QUICKSCAN_RETENTION_DAYS``, 90); the answers stay.

Idempotent; run it daily, e.g. ``30 3 * * *  manage.py quickscan_purge``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from quickscan.models import retention_days
from quickscan.privacy import purge, responses_due


class Command(BaseCommand):
    help = (
        "Wis naam, e-mailadres en contactgegevens van antwoorden in quickscanrondes die langer dan N dagen "
        "gesloten zijn (standaard QUICKSCAN_RETENTION_DAYS). De antwoorden zelf blijven bewaard."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Bewaartermijn in dagen na het sluiten.")
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets wissen.")

    def handle(self, *args, days, dry_run, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days moet 0 of groter zijn.")
        if dry_run:
            count = responses_due(days).count()
            self.stdout.write(f"{count} antwoord(en) zouden worden gewist (bewaartermijn {days} dagen).")
            return
        result = purge(days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Persoonsgegevens gewist van {result['responses']} antwoord(en) en {result['invitations']} "
                f"uitnodiging(en) (bewaartermijn {days} dagen)."
            )
        )
