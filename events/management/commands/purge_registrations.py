"""``manage.py purge_registrations [--days N] [--dry-run]``: erase registrants' personal data N days
(default ``REGISTRATION_RETENTION_DAYS``, 90) after their session; counts stay. Run it daily (cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from events.models import retention_days
from events.privacy import due_for_purge, invitations_due_for_purge, purge_personal_data


class Command(BaseCommand):
    help = (
        "Wis naam, e-mailadres en organisatie van aanmeldingen voor bijeenkomsten die langer dan N dagen "
        "geleden zijn afgelopen (standaard REGISTRATION_RETENTION_DAYS). Aantallen blijven bewaard."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Bewaartermijn in dagen na de bijeenkomst."
        )
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets wissen.")

    def handle(self, *args, days, dry_run, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days moet 0 of groter zijn.")
        invited = invitations_due_for_purge(days).count()
        if dry_run:
            count = due_for_purge(days).count()
            self.stdout.write(
                f"{count} aanmelding(en) zouden worden gewist, en {invited} uitnodiging(en) "
                f"(bewaartermijn {days} dagen)."
            )
            return
        count = purge_personal_data(days)
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} aanmelding(en) gewist, en {invited} uitnodiging(en) (bewaartermijn {days} dagen)."
            )
        )
