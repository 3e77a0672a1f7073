"""Figures for the admin's busiest pages on an existing archive: queries, HTML size, time.

Run from the project's root on a copy of a (generated) archive, never on the original::

    DATABASE_URL=sqlite:////path/to/copy.sqlite3 .venv/bin/python bench/admin_pages.py [SLUG ...]

Each page is asked for as a superuser (``bench``, created in that database if missing), in
process, with the test client, DEBUG off, as the admin serves it; the best of ``--runs``
requests is printed, wall-clock and the process's CPU time (on a busy machine the wall clock
includes waiting for a core), with its SQL query count and HTML size. The pages: the change page of
each clipping named by ``SLUG`` (by default the clipping with the most quotes and one of
median size), the quote, article, paragraph and speaker lists with their searches, filters
and sorts, the deleted-records and history pages, and the autocompletes. ``--only TEXT`` keeps
the pages whose address contains TEXT; ``--profile`` prints where the time of each goes. It
prints figures and asserts nothing.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402


def clipping_slugs():
    """The clipping with the most quotes, and one of median size."""
    from clippings.models import Article

    by_size = Article.objects.annotate(n=Count("quotes")).order_by("-n", "pk")
    largest = by_size.values_list("slug", flat=True).first()
    median = by_size.values_list("slug", flat=True)[Article.objects.count() // 2]
    return [largest, median]


def common_word():
    """A word many quotes share: the most frequent of the first quotes' longer words."""
    from clippings.models import Quote

    counts = {}
    for words in Quote.objects.order_by("pk").values_list("words", flat=True)[:2000]:
        for word in words.lower().split():
            if word.isalpha() and len(word) > 4:
                counts[word] = counts.get(word, 0) + 1
    return max(counts, key=counts.get) if counts else "said"


def pages(slugs):
    from clippings.models import Article, Quote, Speaker

    def admin(name, *args, query=""):
        return reverse(f"admin:clippings_{name}", args=args) + (f"?{query}" if query else "")

    for slug in slugs:
        article = Article.objects.get(slug=slug)
        yield (
            f"change page of {slug} ({article.quotes.count()} quotes)",
            admin("article_change", article.pk),
        )
    article = Article.objects.get(slug=slugs[0])
    speaker = Speaker.objects.annotate(n=Count("quotes")).order_by("-n").first()
    quote = Quote.objects.order_by("pk").first()
    word = common_word()
    by_speaker = f"speaker__id__exact={speaker.pk}"
    autocomplete = reverse("admin:autocomplete") + "?app_label=clippings&model_name=quote"
    yield from [
        ("quote list", admin("quote_changelist")),
        ("quote search by a rare word", admin("quote_changelist", query="q=putin")),
        (f"quote search by a common word ({word})", admin("quote_changelist", query=f"q={word}")),
        ("quote search by speaker name", admin("quote_changelist", query=f"q={speaker.name}")),
        (
            "quotes of a speaker",
            admin("quote_changelist", query=by_speaker),
        ),
        ("quotes by kind", admin("quote_changelist", query="kind__exact=full")),
        ("quotes sorted by words", admin("quote_changelist", query="o=1")),
        ("quotes sorted by date said", admin("quote_changelist", query="o=-5")),
        ("quote change page", admin("quote_change", quote.pk)),
        ("article list", admin("article_changelist")),
        ("article search", admin("article_changelist", query="q=putin")),
        ("paragraph list", admin("paragraph_changelist")),
        ("paragraph search", admin("paragraph_changelist", query="q=putin")),
        ("speaker list", admin("speaker_changelist")),
        ("speaker search", admin("speaker_changelist", query="q=pu")),
        ("deleted quotes", admin("quote_deleted")),
        ("clipping history", admin("article_history", article.pk)),
        ("speaker autocomplete", f"{autocomplete}&field_name=speaker&term=pu"),
        ("source autocomplete", f"{autocomplete}&field_name=channel_source&term=a"),
    ]


def measure(client, url, runs):
    client.get(url)  # templates compiled, caches warm
    times, cpu = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    return response, len(queries), min(times), min(cpu)


def profile(client, url):
    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", help="clippings whose change page to measure")
    parser.add_argument("--runs", type=int, default=3, help="requests per page, the best kept")
    parser.add_argument("--only", default="", help="only the pages whose address contains this")
    parser.add_argument("--profile", action="store_true", help="print a profile of each page")
    options = parser.parse_args()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench", "bench@example.com", None
    )
    client = Client()
    client.force_login(user)
    print(f"database: {settings.DATABASES['default']['NAME']}")
    for name, url in pages(options.slugs or clipping_slugs()):
        if options.only not in url:
            continue
        response, queries, best, cpu = measure(client, url, options.runs)
        print(
            f"{best:6.2f} s ({cpu:5.2f} s CPU) {queries:4d} queries "
            f"{len(response.content) / 1024:7.0f} KB "
            f"{response.status_code}  {name}: {url}",
            flush=True,
        )
        if options.profile:
            profile(client, url)


if __name__ == "__main__":
    main()
