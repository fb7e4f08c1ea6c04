"""``manage.py quickscan_reminders LABEL [--dry-run]``: remind invited municipalities that have not
finished, at most once per ``QUICKSCAN_REMINDER_DAYS`` days (default 7; see quickscan/reminders.py).

Run it daily while a round is open, e.g. ``0 9 * * 1-5  manage.py quickscan_reminders 2027``: the
interval setting, not the cron schedule, keeps anyone from getting more than one reminder a week.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from quickscan.models import Round
from quickscan.reminders import due, reminder_days, send_reminders


class Command(BaseCommand):
    help = "Stuur een herinnering aan uitgenodigde gemeenten die de vragenlijst nog niet volledig invulden."

    def add_arguments(self, parser):
        parser.add_argument("label", help="bijvoorbeeld 2027")
        parser.add_argument("--dry-run", action="store_true", help="Alleen tonen wie een herinnering krijgt.")

    def handle(self, *args, label, dry_run, **options):
        try:
            round_ = Round.objects.get(label=label)
        except Round.DoesNotExist:
            raise CommandError(f"Ronde '{label}' bestaat niet.") from None
        if not round_.accepts_answers:
            raise CommandError(f"Ronde '{label}' is niet open; er gaan geen herinneringen uit.")
        if dry_run:
            invitations = list(due(round_))
            for invitation in invitations:
                self.stdout.write(f"{invitation.municipality.code}\t{invitation.municipality.name}")
            self.stdout.write(f"{len(invitations)} herinnering(en) zouden worden verstuurd.")
            return
        report = send_reminders(round_)
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.sent} herinnering(en) verstuurd (hooguit één per {reminder_days()} dagen)."
            )
        )
        if report.failed:
            self.stderr.write(
                f"{report.failed} herinnering(en) niet verstuurd: de mailserver is niet bereikbaar of "
                "weigerde het bericht. Ze gaan mee bij de volgende keer."
            )
