"""``manage.py generate_synthetic_profiles --count N --seed S [--delete]``: fictional profiles for
load and benchmark work (see benchmarks/synthetic.py). Never part of ``load_demo_content``."""

from __future__ import annotations

import datetime
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from benchmarks import synthetic


class Command(BaseCommand):
    help = (
        "Genereer N fictieve aanpakprofielen (is_fictional, titel 'Fictief profiel …') met de verdelingen "
        "uit de quickscan 2025, reproduceerbaar met --seed. --delete verwijdert alleen fictieve profielen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=0, help="Aantal profielen om te maken.")
        parser.add_argument("--seed", type=int, default=1, help="Seed voor reproduceerbare profielen.")
        parser.add_argument(
            "--delete", action="store_true", help="Verwijder eerst alle fictieve profielen (alleen die)."
        )
        parser.add_argument(
            "--anchor-date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Peildatum (JJJJ-MM-DD) voor publicatie- en controledata; standaard vandaag.",
        )
        parser.add_argument("--no-index", action="store_true", help="Zoekindex daarna niet opnieuw opbouwen.")

    def handle(self, *args, count, seed, delete, anchor_date, no_index, **options):
        if count < 0:
            raise CommandError("--count moet 0 of groter zijn.")
        if not count and not delete:
            raise CommandError("Geef --count N (en eventueel --delete).")
        if delete:
            report = synthetic.delete_profiles(log=self.stdout.write)
            self.stdout.write(f"verwijderd: {report.deleted} in {report.seconds:.1f} s")
        if count:
            try:
                report = synthetic.create_profiles(count, seed, anchor=anchor_date, log=self.stdout.write)
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                self.style.SUCCESS(
                    f"aangemaakt: {report.created} fictieve profielen in {report.regions} regio's "
                    f"in {report.seconds:.1f} s"
                )
            )
        if not no_index:
            self._rebuild_index()

    def _rebuild_index(self):
        started = time.perf_counter()
        try:
            call_command("rebuild_search_index", stdout=self.stdout, stderr=self.stderr)
        except CommandError as error:
            if "Unknown command" not in str(error):
                raise
            self.stdout.write("zoekindex: commando rebuild_search_index bestaat (nog) niet; overgeslagen")
            return
        self.stdout.write(f"zoekindex opnieuw opgebouwd in {time.perf_counter() - started:.1f} s")
