from django.core.management.base import BaseCommand

from clippings.search import rebuild_search_index, search_index_problems


class Command(BaseCommand):
    help = "Rebuild the quote search index from the quotes, and report whether it is in step."

    def handle(self, *args, **options):
        rebuild_search_index()
        problems = search_index_problems()
        for problem in problems:
            self.stderr.write(problem)
        if not problems:
            self.stdout.write("The quote search index is in step with the quotes.")
