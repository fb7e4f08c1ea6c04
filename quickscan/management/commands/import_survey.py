"""manage.py import_survey FILE [--round LABEL] [--dry-run] [--progress-every N]: survey answers.

Without ``--round``: one row per municipality -> draft profiles (``practices.survey_import``).
With ``--round LABEL``: one row per response -> the round's responses (``quickscan.round_import``);
re-importing replaces the round's imported responses. ``--columns`` prints the accepted columns
(with ``--round``, the round's). Either way every row is checked first and nothing is saved if
any row is wrong.

The command lives in the quickscan app because it serves both imports; Django takes the first
app's command of a name, so practices has none.
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
        "Leest een CSV met quickscan-antwoorden. Zonder --round: één rij per gemeente, maakt of werkt "
        "conceptprofielen bij onder de juiste regio (publiceert nooit). Met --round LABEL: één rij per "
        "antwoord, vervangt de geïmporteerde antwoorden van die ronde. Controleert eerst alle rijen; bij "
        "één fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="pad naar het CSV-bestand (UTF-8, komma of puntkomma)")
        parser.add_argument(
            "--round", dest="round_label", metavar="LABEL", help="importeer als antwoorden van deze ronde"
        )
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

    def handle(self, *args, file, round_label, columns, dry_run, progress_every, **options):
        if columns:
            if round_label:
                from quickscan.round_import import describe_columns as describe_round_columns

                lines = describe_round_columns()
            else:
                lines = describe_columns()
            for line in lines:
                self.stdout.write(line)
            return
        if not file:
            raise CommandError("Geef het pad naar het CSV-bestand, of --columns voor de kolommen.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        round_ = self._round(round_label) if round_label else None
        data = path.read_bytes()

        def progress(label):
            def report(done, total):
                if progress_every and (done % progress_every == 0 or done == total):
                    self.stdout.write(f"  {label}: {done}/{total} rijen")

            return report

        self.stdout.write(f"Controleren van {path.name} …")
        if round_ is None:
            plan = plan_import(data, progress=progress("gecontroleerd"))
        else:
            from quickscan.round_import import plan_round_import

            plan = plan_round_import(round_, data, progress=progress("gecontroleerd"))
        if not plan.ok:
            self.stdout.write(self.style.ERROR(f"{len(plan.problems)} probleem/problemen gevonden:"))
            for problem in plan.problems:
                self.stdout.write(f"  {problem}")
            raise CommandError("Niets opgeslagen: los de problemen op en probeer het opnieuw.")
        for warning in plan.warnings:
            self.stdout.write(self.style.WARNING(f"  let op: {warning}"))
        self.stdout.write(f"Alle {len(plan.rows)} rijen zijn in orde.")
        if round_ is None:
            self._profiles(plan, dry_run, progress)
        else:
            self._responses(plan, dry_run, progress)

    def _round(self, label):
        from quickscan.models import Round

        round_ = Round.objects.filter(label=label).first()
        if round_ is None:
            labels = ", ".join(Round.objects.filter(kind=Round.Kind.LIVE).values_list("label", flat=True))
            raise CommandError(
                f"Ronde '{label}' bestaat niet (rondes op het register: {labels or 'geen'}). "
                "Maak haar eerst aan: manage.py quickscan_round open LABEL."
            )
        if round_.kind != Round.Kind.LIVE:
            raise CommandError(
                f"Ronde '{label}' bestaat alleen uit gepubliceerde cijfers en krijgt geen antwoorden."
            )
        return round_

    def _apply(self, apply, dry_run):
        try:
            with transaction.atomic():
                outcome = apply()
                if dry_run:
                    raise DryRun(outcome)
        except DryRun as stop:
            return stop.args[0]
        except ImportFailed as error:
            raise CommandError(f"Niets opgeslagen. {error.problem}") from error
        except Exception as error:  # anything else: still nothing saved, and say so in Dutch
            raise CommandError(f"Niets opgeslagen door een onverwachte fout: {error}") from error
        return outcome

    def _finish(self, counts, dry_run, done):
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Proefrun (--dry-run): {counts}. Er is niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Klaar: {counts}. {done}"))

    def _profiles(self, plan, dry_run, progress):
        outcome = self._apply(lambda: apply_plan(plan, progress=progress("verwerkt")), dry_run)
        counts = (
            f"{len(outcome.created)} nieuw concept, {len(outcome.updated)} bijgewerkt, "
            f"{len(outcome.unchanged)} ongewijzigd"
        )
        self._finish(counts, dry_run, "Niets is gepubliceerd.")
        for label, names in (("nieuw", outcome.created), ("bijgewerkt", outcome.updated)):
            for name in names:
                self.stdout.write(f"  {label}: {name}")

    def _responses(self, plan, dry_run, progress):
        from quickscan.round_import import apply_round_plan

        outcome = self._apply(lambda: apply_round_plan(plan, progress=progress("opgeslagen")), dry_run)
        counts = (
            f"{outcome.created} antwoorden in ronde {plan.round.label} ({outcome.municipalities} gemeenten), "
            f"{outcome.replaced} eerder geïmporteerde vervangen"
        )
        self._finish(counts, dry_run, "Online antwoorden zijn niet gewijzigd.")
