"""The pages measured, chosen from the archive, and what one request to each costs in-process:
SQL queries and response size."""

import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

#: A streamed export is read this far in-process (its queries are issued by then).
EXPORT_CHUNKS = 2000


@dataclass
class Page:
    name: str
    path: str
    #: The path as the table shows it: the archive's own slugs left out.
    shown: str = ""
    #: "page" is loaded with wrk; "download" (a full export) is fetched once, timed.
    kind: str = "page"
    #: The equivalent request to Datasette, if any.
    datasette: str = ""
    figures: dict = field(default_factory=dict)

    def __post_init__(self):
        self.shown = self.shown or self.path


def _rare_word(Quote):
    """A word of a few published quotes: the search a reader makes for one story."""
    for words in Quote.objects.published().order_by("pk").values_list("words", flat=True)[:300]:
        for word in sorted(set(words.rstrip(".").lower().split()), key=len, reverse=True)[:3]:
            if 2 <= Quote.objects.published().search(word).count() <= 50:
                return word
    return "ceasefire"


def _last_sitemap_file(section):
    """The path of the last file of a section the sitemap index lists."""
    from clippings.sitemaps import sitemaps

    number, _ = list(sitemaps[section]().index_entries())[-1]
    return f"/sitemap-{section}.xml" + (f"?p={number}" if number > 1 else "")


def choose_pages():
    """The pages of the issue's table plus a version page, the evolution page, a tag and a
    source page and the exports, for this archive."""
    from clippings.evolution import versions_of
    from clippings.models import Article, Credit, Quote, Source, Speaker, Tag

    article = (
        Article.objects.published().with_counts().filter(update_count__gte=2).order_by("pk").first()
        or Article.objects.published().order_by("pk").first()
    )
    versions = versions_of(Article.objects.with_page_content().get(pk=article.pk))
    quoted = Quote.objects.published().values("speaker").annotate(n=Count("pk"))
    busiest = quoted.order_by("-n", "speaker")[0]
    speaker = Speaker.objects.get(pk=busiest["speaker"])
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    source_id = (
        Credit.objects.values("source").annotate(n=Count("pk")).order_by("-n", "source")[0]
    )["source"]
    source = Source.objects.get(pk=source_id)
    word = _rare_word(Quote)
    by_speaker = urlencode({"speaker": speaker.name})
    return [
        Page("floor (constant response)", "/bench/floor/"),
        Page("archive index", "/"),
        Page(f"clipping text search “{word}”", f"/?{urlencode({'q': word})}", "/?q=<rare word>"),
        Page("clipping", article.get_absolute_url(), "/articles/<slug>/"),
        Page(
            "clipping version",
            f"{article.get_absolute_url()}versions/{versions[max(len(versions) - 2, 0)].key}/",
            "/articles/<slug>/versions/<version>/",
        ),
        Page(
            "clipping evolution",
            f"{article.get_absolute_url()}evolution/",
            "/articles/<slug>/evolution/",
        ),
        Page("quotes, all, in date order", "/quotes/"),
        Page("quotes of one channel (statements)", "/quotes/?channel=statement"),
        Page(
            f"quote search, rare word “{word}”",
            f"/quotes/?{urlencode({'q': word})}",
            datasette=f"/archive/clippings_quote?{urlencode({'_search': word, '_size': 50})}",
        ),
        Page(
            "quote search, speaker's full name",
            f"/quotes/?{by_speaker}",
            "/quotes/?speaker=<full name>",
            datasette=f"/archive/clippings_quote?{urlencode({'speaker': speaker.pk, '_size': 50})}",
        ),
        Page("speakers", "/speakers/"),
        Page(
            f"busiest speaker ({busiest['n']:,} quotes)",
            speaker.get_absolute_url(),
            "/speakers/<slug>/",
        ),
        Page(f"most used tag ({tag.n:,} clippings)", tag.get_absolute_url(), "/tags/<slug>/"),
        Page("most credited source", source.get_absolute_url(), "/sources/<slug>/"),
        Page("sitemap index", "/sitemap.xml"),
        Page("sitemap file, clippings", "/sitemap-articles.xml"),
        Page("sitemap file, speakers (last)", _last_sitemap_file("speakers")),
        Page("feed", "/feeds/"),
        Page("feed, page 2", "/feeds/?page=2"),
        Page(
            "export, busiest speaker, CSV",
            f"/quotes/?{by_speaker}&format=csv",
            "/quotes/?speaker=<full name>&format=csv",
        ),
        Page("export, all quotes, CSV", "/quotes/?format=csv", kind="download"),
        Page("export, all quotes, JSON", "/quotes/?format=json", kind="download"),
    ]


def one_request(path):
    """``{"status", "queries", "bytes", "complete", "seconds"}`` of one request in this
    process. A streamed response is read ``EXPORT_CHUNKS`` chunks in, not always to its end
    (``"complete"`` says; ``"bytes"`` counts what was read)."""
    client = Client(SERVER_NAME="127.0.0.1")
    started = time.monotonic()
    with override_settings(ROOT_URLCONF="bench.urls"), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        complete = True
        if response.streaming:
            chunks = iter(response.streaming_content)
            read = [chunk for _, chunk in zip(range(EXPORT_CHUNKS), chunks, strict=False)]
            complete = next(chunks, None) is None
            size = sum(len(chunk) for chunk in read)
            response.close()
        else:
            size = len(response.content)
    return {
        "status": response.status_code,
        "queries": len(queries),
        "bytes": size,
        "complete": complete,
        "seconds": round(time.monotonic() - started, 3),
    }
