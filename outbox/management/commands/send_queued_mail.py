from django.core.management.base import BaseCommand

from outbox.queue import deliver_due


class Command(BaseCommand):
    help = "Verstuur e-mail uit de wachtrij die nog niet verstuurd kon worden (cron, elke 5 minuten)."

    def handle(self, *args, **options):
        counts = deliver_due()
        summary = ", ".join(f"{key}: {value}" for key, value in sorted(counts.items())) or "niets te doen"
        self.stdout.write(summary)
