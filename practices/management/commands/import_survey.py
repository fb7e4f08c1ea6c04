"""manage.py import_survey FILE [--dry-run] [--progress-every N]: survey answers -> draft profiles.

``manage.py import_survey --columns`` prints the accepted columns (derived from the questionnaire).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from practices.survey_import import ImportFailed, apply_plan, describe_columns, plan_import


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Leest een CSV met quickscan-antwoorden (één rij per gemeente) en maakt of werkt conceptprofielen "
        "bij onder de juiste regio. Publiceert nooit. Controleert eerst alle rijen; bij één fout wordt niets "
        "opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="pad naar het CSV-bestand (UTF-8, komma of puntkomma)")
        parser.add_argument(
            "--columns",
            action="store_true",
            help="de kolommen tonen (vraag, vraagtekst, toegestane antwoorden) en stoppen",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alles controleren en doorrekenen, niets opslaan"
        )
        parser.add_argument(
            "--progress-every", type=int, default=50, help="voortgang na elke N rijen (0 = uit)"
        )

    def handle(self, *args, file, columns, dry_run, progress_every, **options):
        if columns:
            for line in describe_columns():
                self.stdout.write(line)
            return
        if not file:
            raise CommandError("Geef het pad naar het CSV-bestand, of --columns voor de kolommen.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        data = path.read_bytes()

        def progress(label):
            def report(done, total):
                if progress_every and (done % progress_every == 0 or done == total):
                    self.stdout.write(f"  {label}: {done}/{total} rijen")

            return report

        self.stdout.write(f"Controleren van {path.name} …")
        plan = plan_import(data, progress=progress("gecontroleerd"))
        if not plan.ok:
            self.stdout.write(self.style.ERROR(f"{len(plan.problems)} probleem/problemen gevonden:"))
            for problem in plan.problems:
                self.stdout.write(f"  {problem}")
            raise CommandError("Niets opgeslagen: los de problemen op en probeer het opnieuw.")
        for warning in plan.warnings:
            self.stdout.write(self.style.WARNING(f"  let op: {warning}"))
        self.stdout.write(f"Alle {len(plan.rows)} rijen zijn in orde.")

        try:
            with transaction.atomic():
                outcome = apply_plan(plan, progress=progress("verwerkt"))
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        except ImportFailed as error:
            raise CommandError(f"Niets opgeslagen. {error.problem}") from error
        except Exception as error:  # anything else: still nothing saved, and say so in Dutch
            raise CommandError(f"Niets opgeslagen door een onverwachte fout: {error}") from error

        counts = (
            f"{len(outcome.created)} nieuw concept, {len(outcome.updated)} bijgewerkt, "
            f"{len(outcome.unchanged)} ongewijzigd"
        )
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Proefrun (--dry-run): {counts}. Er is niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Klaar: {counts}. Niets is gepubliceerd."))
        for label, names in (("nieuw", outcome.created), ("bijgewerkt", outcome.updated)):
            for name in names:
                self.stdout.write(f"  {label}: {name}")
