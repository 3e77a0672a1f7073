"""The sitemap: the public pages of published clippings, and no draft.

``/sitemap.xml`` is a sitemap index (the sitemaps.org protocol): it names one file per page of
each section, ``/sitemap-<section>.xml?p=<n>``, each of at most ``URLS_PER_FILE`` addresses,
far below the protocol's 50,000 addresses and 50 MB a file, however large the archive grows.
Page *n* of a section holds the rows whose primary keys fall in the *n*-th run of
``URLS_PER_FILE`` keys, so reading any page costs the same whatever the archive holds: no
count of every row, no offset to skip. A run of keys with nothing public (deleted rows, drafts)
leaves no page in the index.

The index asks each section for its files in one query, however many it names: the pages
holding a row (``KeyRangePaginator.page_numbers()``), or, for the clippings, whose files it
dates, the query that dates them (``KeyRangePaginator.page_aggregates()``).

Each quote of a published clipping is listed at its permalink (``/quotes/<id>/``).

Sources, speakers and tags are listed only when a published clipping shows them (their
``public()`` querysets): one that only drafts use has no page.

A clipping's ``lastmod`` is the later of the date it was clipped into the archive and the
date of its latest update: the page changes when either happens. The index dates each file of
clippings by the latest ``lastmod`` in it.
"""

import datetime
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.urls import reverse

from clippings.models import Article, Quote, Source, Speaker, Tag
from clippings.paths import key_in_path, path_around_key

#: Addresses in one sitemap file (the protocol allows 50,000).
URLS_PER_FILE = 5000
#: The highest primary key a table can hold (a 64-bit signed integer).
HIGHEST_KEY = 2**63 - 1


class KeyRangePaginator:
    """Pages of a queryset by runs of ``per_page`` primary keys: page *n* holds the rows whose
    keys are in ``((n - 1) * per_page, n * per_page]``, at most ``per_page`` of them.

    What ``Sitemap`` asks of a paginator, ``page(number)``, for a page number as a query
    string gives it: not a whole number is ``PageNotAnInteger``, an empty page
    ``EmptyPage`` (both a 404). What the index asks, the pages holding a row, is one query
    however many pages there are: ``page_numbers()``, or ``page_aggregates()``.
    """

    def __init__(self, queryset, per_page):
        self.queryset = queryset
        self.per_page = per_page

    def rows(self, number):
        low = (number - 1) * self.per_page
        return self.queryset.filter(pk__gt=low, pk__lte=low + self.per_page)

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(f"No page {number!r}") from None
        in_range = 1 <= number <= HIGHEST_KEY // self.per_page
        rows = list(self.rows(number)) if in_range else []
        if not rows:
            raise EmptyPage(f"Page {number} is empty")
        return Page(rows, number, self)

    def page_of_row(self):
        """The number of the page holding a row, as an expression over its primary key."""
        return (models.F("pk") - 1) / self.per_page + 1

    def page_numbers(self):
        """The numbers of the pages holding a row, in order, in one query however many pages
        there are.

        The database steps from page to page (a recursive query, from page 0): each step asks
        for the first row of the queryset past the end of the page it is on, reading the
        primary key's index from there, and goes on to that row's page. Runs of keys with no
        such row are stepped over, not probed one by one, and no row is read twice: 2 ms on
        SQLite and 4 ms on PostgreSQL for the 200 pages of a million quotes. Grouping every
        row by page would read them all (0.14 s at best on SQLite, 0.7 s on PostgreSQL). The
        ORM writes no recursive query: a step is the queryset's own SQL, asking for one row,
        wrapped in one.
        """
        after = RawSQL("sitemap_pages.number * %s", (self.per_page,))
        next_page = (
            self.queryset.filter(pk__gt=after).order_by("pk").values(number=self.page_of_row())[:1]
        )
        connection = connections[self.queryset.db]
        sql, params = next_page.query.get_compiler(connection=connection).as_sql()
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH RECURSIVE sitemap_pages(number) AS ("
                " SELECT CAST(0 AS BIGINT)"
                f" UNION ALL SELECT ({sql}) FROM sitemap_pages WHERE number IS NOT NULL"
                ") SELECT number FROM sitemap_pages WHERE number > 0",
                params,
            )
            return [number for (number,) in cursor.fetchall()]

    def page_aggregates(self, **aggregates):
        """``{"number": n, **aggregates}`` of each page holding a row, in order: the rows
        grouped by page in one query. It reads every row, so it suits a table of thousands of
        rows (clippings), not one of a million (quotes)."""
        return (
            self.queryset.order_by()
            .values(number=self.page_of_row())
            .annotate(**aggregates)
            .order_by("number")
        )


class PagedSitemap(Sitemap):
    """A section of the sitemap, ``URLS_PER_FILE`` addresses a file at most, paged by key.

    ``url_name`` names the page of an item, whose one argument is its ``url_key`` (its slug,
    or its primary key): its path is reversed once a file (``path_around_key()``), each
    address filled in around the item's key (``reverse()`` was most of the time a file took).
    """

    limit = URLS_PER_FILE
    url_name = None
    url_key = "slug"

    def location(self, item):
        before, after = self._path_around_key
        return f"{before}{key_in_path(getattr(item, self.url_key))}{after}"

    @cached_property
    def _path_around_key(self):
        return path_around_key(self.url_name, self.url_key)

    @property
    def paginator(self):
        return KeyRangePaginator(self.items(), self.limit)

    def index_entries(self):
        """``(page number, latest lastmod on it or None)`` for each page holding a row."""
        return ((number, None) for number in self.paginator.page_numbers())


class ArchiveSitemap(Sitemap):
    """The archive's own pages."""

    def items(self):
        return ["clippings:article-list", "clippings:recent-changes"]

    def location(self, name):
        return reverse(name)

    def index_entries(self):
        yield 1, None


def _day(moment):
    return moment.astimezone(datetime.UTC).date()


class ArticleSitemap(PagedSitemap):
    """Each published clipping."""

    url_name = "clippings:article-detail"

    def items(self):
        return (
            Article.objects.published().with_last_update().only("slug", "clipped_at").order_by("pk")
        )

    def lastmod(self, article):
        return max(filter(None, [_day(article.clipped_at), article.last_updated_on]))

    def index_entries(self):
        """Each page dated by the later of the last time a clipping of it was clipped and the
        date of the latest update of any: the clippings grouped by page, with their updates,
        in one query (thousands of rows, not a subquery for each clipping)."""
        pages = self.paginator.page_aggregates(
            clipped=models.Max("clipped_at"), updated=models.Max("updates__published_on")
        )
        for page in pages:
            yield page["number"], max(filter(None, [_day(page["clipped"]), page["updated"]]))


class ArticleEvolutionSitemap(ArticleSitemap):
    """How each published clipping evolved: only those with updates have anything to show."""

    url_name = "clippings:article-evolution"

    def items(self):
        return super().items().with_updates()


class SourceSitemap(PagedSitemap):
    """Each source a published clipping credits or quotes through."""

    url_name = "clippings:source-detail"

    def items(self):
        return Source.objects.public().only("slug").order_by("pk")


class SpeakerSitemap(PagedSitemap):
    """Each speaker a published clipping quotes, or names as relaying a quote."""

    url_name = "clippings:speaker-detail"

    def items(self):
        return Speaker.objects.public().only("slug").order_by("pk")


class QuoteSitemap(PagedSitemap):
    """Each quote of a published clipping, at its permalink."""

    url_name = "clippings:quote-detail"
    url_key = "pk"

    def items(self):
        return Quote.objects.published().only("pk").order_by("pk")


class TagSitemap(PagedSitemap):
    """Each tag a published clipping is filed under."""

    url_name = "clippings:tag-detail"

    def items(self):
        return Tag.objects.public().only("slug").order_by("pk")


sitemaps = {
    "archive": ArchiveSitemap,
    "articles": ArticleSitemap,
    "evolution": ArticleEvolutionSitemap,
    "sources": SourceSitemap,
    "speakers": SpeakerSitemap,
    "tags": TagSitemap,
    "quotes": QuoteSitemap,
}
