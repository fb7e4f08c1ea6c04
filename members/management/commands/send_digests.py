"""Send the digest e-mails. Schedule (cron, Europe/Amsterdam):

    0 7 * * *   manage.py send_digests --frequency daily
    0 7 * * 1   manage.py send_digests --frequency weekly

Each due member gets at most one e-mail listing what is new since their previous digest; members
with nothing new get nothing. Re-running is safe (a digest is not resent within 20 hours / 6 days).
"""

from django.core.management.base import BaseCommand

from members.digest import send_digests
from members.models import DigestFrequency


class Command(BaseCommand):
    help = "Send digest e-mails (new and changed profiles, recommended sessions) to members."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[DigestFrequency.DAILY, DigestFrequency.WEEKLY],
            required=True,
            help="Which members to serve: those who chose daily or weekly digests.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Select, but send nothing.")

    def handle(self, *args, frequency, dry_run, **options):
        report = send_digests(frequency, dry_run=dry_run)
        self.stdout.write(
            "{members} due, {sent} {verb}, {empty} with nothing new, {failed} failed".format(
                verb="would be sent" if dry_run else "sent", **report
            )
        )
