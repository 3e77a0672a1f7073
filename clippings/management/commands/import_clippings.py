from django.core.management.base import BaseCommand, CommandError

from clippings.imports import ImportRefused, import_clippings


class Command(BaseCommand):
    help = (
        "Import clippings from JSON files in fixture format (natural keys), checking every "
        "object as the admin would. Any bad object refuses the whole import and leaves the "
        "database as it was. Speakers, sources and tags already in the archive are reused."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="JSON file to import.")
        parser.add_argument(
            "--database", default="default", help="Database to import into (default: default)."
        )

    def handle(self, *args, **options):
        try:
            result = import_clippings(options["files"], using=options["database"])
        except ImportRefused as error:
            raise CommandError(f"Nothing imported. {error}") from error
        created = sum(result.created.values())
        existing = sum(result.existing.values())
        self.stdout.write(
            f"Imported {created} new record{'s' if created != 1 else ''}"
            f" ({', '.join(f'{n} {label}' for label, n in sorted(result.created.items()))})"
            f"; reused {existing} already in the archive."
        )
