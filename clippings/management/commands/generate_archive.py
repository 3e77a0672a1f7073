import time
from dataclasses import fields

from django.core.management.base import BaseCommand, CommandError

from clippings.generated import Sizes, generate_archive
from clippings.models import Article, Speaker

HELP = {
    "clippings": "Clippings (articles).",
    "updates": "Updates, spread unevenly over the clippings.",
    "paragraphs": "Paragraphs, including rewritten and removed ones.",
    "quotes": "Quotes, each printed verbatim in its paragraph.",
    "speakers": "Speakers; every one is quoted, a few far more than the rest.",
    "aliases": "Speakers' aliases.",
    "sources": "Sources; every one is credited by a clipping.",
    "tags": "Tags; every one is used by a clipping.",
    "drafts": "The share of clippings left as drafts.",
}


class Command(BaseCommand):
    help = (
        "Fill an empty database with a generated archive of the sizes given, for measuring "
        "(`make bench`). The same sizes and seed give the same archive. Rows are written in "
        "bulk, so no history is recorded for them; the quote search index is rebuilt at the end."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        for size in fields(Sizes):
            parser.add_argument(
                f"--{size.name}",
                type=size.type,
                default=getattr(defaults, size.name),
                help=f"{HELP[size.name]} Default: {getattr(defaults, size.name)}.",
            )
        parser.add_argument("--seed", type=int, default=0, help="Default: 0.")

    def handle(self, *args, **options):
        sizes = Sizes(**{size.name: options[size.name] for size in fields(Sizes)})
        if problems := sizes.problems():
            raise CommandError(" ".join(problems))
        if Article.objects.exists() or Speaker.objects.exists():
            raise CommandError("The database already holds an archive: generate into an empty one.")
        started = time.monotonic()
        generate_archive(sizes, seed=options["seed"], progress=options["verbosity"] > 0)
        self.stdout.write(
            f"Generated {sizes.clippings} clippings, {sizes.paragraphs} paragraphs, "
            f"{sizes.quotes} quotes and {sizes.speakers} speakers "
            f"in {time.monotonic() - started:.0f} s."
        )
