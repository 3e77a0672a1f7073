from django.core.management.base import BaseCommand, CommandError

from clippings.search import rebuild_search_index, search_index_problems


class Command(BaseCommand):
    help = (
        "Rebuild the quote search index from the quotes, and report whether it is in step; "
        "exits with status 1 when it is still not."
    )

    def handle(self, *args, **options):
        rebuild_search_index()
        problems = search_index_problems()
        if problems:
            messages = [problem.message for problem in problems]
            raise CommandError(" ".join(["Rebuilt, but problems remain:", *messages]))
        self.stdout.write("The quote search index is in step with the quotes.")
