from django.core.management.base import BaseCommand, CommandError

from clippings.search import rebuild_search_index, search_index_problems


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes (quotes, clippings' text) from what they index, and report "
        "whether they are in step; exits with status 1 when one is still not."
    )

    def handle(self, *args, **options):
        rebuild_search_index()
        problems = search_index_problems()
        if problems:
            messages = [problem.message for problem in problems]
            raise CommandError(" ".join(["Rebuilt, but problems remain:", *messages]))
        self.stdout.write("The search indexes are in step with the quotes and clippings.")
