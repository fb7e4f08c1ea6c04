"""Open or close a quickscan round: ``quickscan_round open 2027 --title … --closes 2027-03-31``."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quickscan.models import Round


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"'{value}' is geen datum; gebruik JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Open (of maak en open) een quickscanronde, of sluit er een."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["open", "close"])
        parser.add_argument("label", help="bijvoorbeeld 2027")
        parser.add_argument("--title", default="")
        parser.add_argument("--closes", type=_date, help="sluitingsdatum JJJJ-MM-DD")

    def handle(self, *args, action, label, title, closes, **options):
        if action == "open":
            round_, created = Round.objects.get_or_create(
                label=label, defaults={"title": title or f"Quickscan relaties en (echt)scheidingen {label}"}
            )
            try:
                round_.full_clean()
                round_.open(title=title or None, closes_on=closes)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            verb = "aangemaakt en geopend" if created else "geopend"
            until = f" tot en met {round_.closes_on:%Y-%m-%d}" if round_.closes_on else ""
            self.stdout.write(self.style.SUCCESS(f"Ronde {label} {verb}{until}."))
            return
        try:
            round_ = Round.objects.get(label=label)
        except Round.DoesNotExist:
            raise CommandError(f"Ronde '{label}' bestaat niet.") from None
        round_.close()
        self.stdout.write(self.style.SUCCESS(f"Ronde {label} gesloten."))
