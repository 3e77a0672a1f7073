from django.core.management.base import BaseCommand, CommandError

from clippings.roles import ROLES, missing_permissions, setup_roles


class Command(BaseCommand):
    help = (
        "Create the Archivist, Editor and Viewer groups and give each exactly its permissions. "
        "Safe to run again: it repairs groups whose permissions were changed by hand."
    )

    def handle(self, *args, **options):
        missing = missing_permissions()
        if missing:
            raise CommandError(
                f"Permissions missing ({', '.join(missing)}): run `manage.py migrate` first."
            )
        for role, (_group, created, count) in setup_roles().items():
            if options["verbosity"] < 1:
                continue
            state = "created" if created else "up to date"
            self.stdout.write(f"{role}: {state}, {count} permissions. {ROLES[role]['help']}")
