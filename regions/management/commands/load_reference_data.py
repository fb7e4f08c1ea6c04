from django.core.management.base import BaseCommand

from regions.reference import load_reference_data


class Command(BaseCommand):
    help = "Load provinces, youth-care regions and municipalities from the shipped CBS export."

    def handle(self, *args, **options):
        for name, report in load_reference_data().items():
            self.stdout.write(
                f"{name}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
            )
