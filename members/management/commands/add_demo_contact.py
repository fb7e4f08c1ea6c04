"""Local demo only: give a profile one clearly fictional contact person to try the contact form."""

from django.core.management.base import BaseCommand

from members.demo import DEMO_CONTACT, add_demo_contact


class Command(BaseCommand):
    help = "Add a fictional contact person (example.org) to a demo profile, to try the contact form."

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="scheidingspunt-zoetermeer")

    def handle(self, *args, slug, **options):
        added = add_demo_contact(slug)
        state = "added" if added else "already present"
        self.stdout.write(f"{DEMO_CONTACT['name']} <{DEMO_CONTACT['email']}> on {slug}: {state}")
