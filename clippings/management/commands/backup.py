from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from clippings.backup import LEFT_OUT, replacing, write_backup


class Command(BaseCommand):
    help = (
        "Back up the whole archive to FILE as JSON: clippings, their full history, accounts, "
        "groups and the admin log, with primary keys kept. The file is replaced only once the "
        "new backup is complete and on disk. Restore it into an empty database with migrate, "
        "then loaddata FILE. Left out: "
        + "; ".join(f"{name} ({why})" for name, why in LEFT_OUT.items())
        + "; the quote search index (rebuilt from the quotes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help="The backup file to write, e.g. backup.json; '-' writes to standard output.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database to back up; default: the default database.",
        )

    def handle(self, *args, file, database, **options):
        if file == "-":
            counts = write_backup(self.stdout._out, using=database)
            # The counts go to standard error, out of the backup's way.
            self.report(counts, "standard output", options["verbosity"], out=self.stderr)
            return
        path = Path(file)
        if path.is_dir():
            raise CommandError(
                f"{path} is a directory: name the backup file, e.g. {path / 'backup.json'}."
            )
        if not path.absolute().parent.is_dir():
            raise CommandError(
                f"Cannot write {path}: there is no directory {path.absolute().parent}."
            )
        try:
            with replacing(path) as stream:
                counts = write_backup(stream, using=database)
        except OSError as error:
            raise CommandError(
                f"Cannot write {path}: {error.strerror or error}. "
                "Any earlier backup there is unchanged."
            ) from error
        self.report(counts, f"{path} ({path.stat().st_size:,} bytes)", options["verbosity"])

    def report(self, counts, where, verbosity, out=None):
        """Rows written per model, then the total and where they went."""
        if verbosity < 1:
            return
        out = out or self.stdout
        for label, count in counts.items():
            out.write(f"{label}: {count:,}", style_func=str)
        out.write(f"Backed up {sum(counts.values()):,} records to {where}.", style_func=str)
