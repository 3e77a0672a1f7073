from django.core.management.base import BaseCommand, CommandError

from clippings.integrity import archive_problems


class Command(BaseCommand):
    help = (
        "Check every rule of the archive over the whole database: quotes verbatim in their "
        "text, updates after their articles, said before printed, slugs, orphaned speakers, "
        "sources and tags, the search indexes (quotes, clippings' text). Prints each problem "
        "with how to fix it; exits with status 1 when there is any."
    )

    def handle(self, *args, **options):
        count = 0
        for problem in archive_problems():
            count += 1
            self.stdout.write(str(problem))
        if count:
            raise CommandError(f"{count} problem{'s' if count != 1 else ''} found.")
        self.stdout.write("The archive has no problems.")
