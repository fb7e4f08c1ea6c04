"""Personal links per municipality: ``quickscan_invitations 2027 [--municipality GM0637 …] [--csv FILE]``."""

from __future__ import annotations

import csv

from django.core.management.base import BaseCommand, CommandError

from quickscan.invitations import absolute_link, ensure_invitations
from quickscan.models import Round
from regions.models import Municipality


class Command(BaseCommand):
    help = "Maak of toon de persoonlijke links van een ronde (één per gemeente)."

    def add_arguments(self, parser):
        parser.add_argument("label")
        parser.add_argument("--municipality", action="append", default=[], help="CBS-code, bijv. GM0637")
        parser.add_argument(
            "--csv", dest="csv_path", help="schrijf gemeente, CBS-code en link naar dit bestand"
        )
        parser.add_argument(
            "--base-url",
            help="adres van de site, bijv. https://kennisnetwerkscheiden.nl (standaard: de Wagtail-site)",
        )

    def handle(self, *args, label, municipality, csv_path, base_url=None, **options):
        try:
            round_ = Round.objects.get(label=label)
        except Round.DoesNotExist:
            raise CommandError(f"Ronde '{label}' bestaat niet.") from None
        if round_.kind != Round.Kind.LIVE:
            raise CommandError(f"Ronde '{label}' bestaat alleen uit gepubliceerde cijfers.")
        municipalities = Municipality.objects.order_by("name")
        if municipality:
            codes = {code.upper() for code in municipality}
            municipalities = municipalities.filter(code__in=codes)
            missing = codes - set(municipalities.values_list("code", flat=True))
            if missing:
                raise CommandError(f"Onbekende CBS-code(s): {', '.join(sorted(missing))}")
        invitations = ensure_invitations(round_, municipalities)
        rows = [
            (invitation.municipality.name, invitation.municipality.code, absolute_link(invitation, base_url))
            for invitation in invitations
            if not invitation.is_revoked
        ]
        if csv_path:
            with open(csv_path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["gemeente", "cbs_code", "link"])
                writer.writerows(rows)
            self.stdout.write(self.style.SUCCESS(f"{len(rows)} links geschreven naar {csv_path}."))
            return
        for name, code, link in rows:
            self.stdout.write(f"{code}\t{name}\t{link}")
