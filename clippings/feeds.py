"""The Atom feed: new clippings and new updates, so that a reader learns when a story changed.

Each entry is one section of a clipping, the original post or an update, and links to that
section. An entry is *published* on the story's date for that section and *updated* when the
archive received it: the later of that date and the clipping's ``clipped_at``. So a story
clipped today from years ago shows up as new, and a later update shows up on its own date.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from clippings.changes import for_this_generation
from clippings.citations import ARCHIVE_NAME
from clippings.evolution import compare, headlines_of, section_anchor, versions_of
from clippings.models import Article, Paragraph, Update
from clippings.text import printable
from clippings.timeline import Mark

ENTRIES = 50
SUMMARY_PARAGRAPHS = 5


def _midnight(date):
    return datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.UTC)


@dataclass
class FeedEntry:
    """One section of a clipping (its original post or an update) as the feed announces it."""

    article: Article
    update: Update | None
    number: int  # 0 for the original post, n for the n-th update
    headline: str  # the story's headline once this section was printed
    paragraphs: list = field(default_factory=list)  # the section's own, once fetched
    mark: Mark | None = None  # its version and what it changed, once compared (with_changes)

    @property
    def published(self):
        return _midnight(self.update.published_on if self.update else self.article.published_on)

    @property
    def updated(self):
        return max(self.published, self.article.clipped_at)

    @property
    def received_later(self):
        """Whether the archive received the section after its date: clipped later."""
        return self.article.clipped_at > self.published

    @property
    def title(self):
        return self.headline if self.update is None else f"{self.headline} ({self.update.label})"

    @property
    def path(self):
        """The section of the clipping page: what the story printed on that date."""
        return f"{self.article.get_absolute_url()}#{section_anchor(self.update)}"

    @property
    def summary_paragraphs(self):
        """The section's first paragraphs, for the entry's summary."""
        return self.paragraphs[:SUMMARY_PARAGRAPHS]

    @property
    def paragraphs_left_out(self):
        return max(len(self.paragraphs) - SUMMARY_PARAGRAPHS, 0)

    @staticmethod
    def key(article_pk, number, published, clipped_at):
        """Entries newest first are in the descending order of this key, for the
        ``number``-th section of an article, published at ``published`` and clipped at
        ``clipped_at``: when the archive received it, then its own date, then the article and
        the section, so that no two entries tie."""
        return (max(published, clipped_at), published, article_pk, number)


def entries_of(article):
    """The original post and each update of ``article`` (fetched with its updates), in order."""
    return [
        FeedEntry(article, update, number, headline)
        for number, (update, headline) in enumerate(headlines_of(article))
    ]


def latest_entries(limit=ENTRIES, offset=0):
    """The entries from the ``offset``-th latest on, ``limit`` of them at most, newest first,
    with their own paragraphs and their clippings' tags, in five queries however large the
    archive (``recent_entries()``, then the paragraphs and tags of the entries shown)."""
    entries = recent_entries(limit, offset)
    _fetch_paragraphs(entries)
    prefetch_related_objects(list({entry.article for entry in entries}), "tags")
    return entries


def recent_entries(limit, offset=0):
    """The entries from the ``offset``-th latest on, ``limit`` of them at most, newest first,
    in three queries however large the archive.

    An entry's time is the later of its clipping's ``clipped_at`` and its own date, so the
    ``n`` latest entries all belong to the ``n`` latest-clipped articles, the ``n`` articles
    with the latest original posts, or the articles of the ``n`` latest updates. Only those
    articles' dates and their updates' are read, as plain values, to put the entries in
    order (``FeedEntry.key()``); then the articles of the entries kept, whole, with their
    updates. A page far back reads more dates than the first, but builds no more records.
    """
    latest = offset + limit
    published = Article.objects.published()
    latest_updates = Update.objects.published().order_by("-published_on", "-pk")
    candidates = published.filter(
        Q(pk__in=published.order_by("-clipped_at", "-pk").values("pk")[:latest])
        | Q(pk__in=published.order_by("-published_on", "-pk").values("pk")[:latest])
        | Q(pk__in=latest_updates.values("article_id")[:latest])
    )
    dates = {}  # article pk -> (clipped_at, [date of the original post, then of each update])
    rows = candidates.order_by("pk", "updates__published_on", "updates__pk").values_list(
        "pk", "clipped_at", "published_on", "updates__published_on"
    )
    for pk, clipped_at, published_on, update_on in rows:
        _, sections = dates.setdefault(pk, (clipped_at, [published_on]))
        if update_on is not None:
            sections.append(update_on)
    keys = [
        FeedEntry.key(pk, number, _midnight(date), clipped_at)
        for pk, (clipped_at, sections) in dates.items()
        for number, date in enumerate(sections)
    ]
    keys = sorted(keys, reverse=True)[offset:latest]
    articles = published.prefetch_related("updates").in_bulk({pk for *_, pk, _ in keys})
    entries = {pk: entries_of(article) for pk, article in articles.items()}
    return [
        entries[pk][number]
        for *_, pk, number in keys
        if number < len(entries.get(pk, ()))  # an article deleted or changed meanwhile: left out
    ]


def _fetch_paragraphs(entries):
    """Each entry's own paragraphs, in printed order, in one query for all of them."""
    originals = [entry.article.pk for entry in entries if entry.update is None]
    updates = [entry.update.pk for entry in entries if entry.update is not None]
    articles = {entry.article.pk for entry in entries}
    paragraphs = Paragraph.objects.filter(
        Q(article__in=originals, update__isnull=True) | Q(update__in=updates),
        article__in=articles,  # read through the index on article: a page's articles only
    ).order_by("position", "pk")
    by_section = {}
    for paragraph in paragraphs:
        section = paragraph.update_id or ("original", paragraph.article_id)
        by_section.setdefault(section, []).append(paragraph)
    for entry in entries:
        section = entry.update.pk if entry.update else ("original", entry.article.pk)
        entry.paragraphs = by_section.get(section, [])


def entry_count():
    """How many entries the feed has in all: a published clipping's original post and each
    update of one. Two counts, no rows read, made once a generation of the archive (8 ms on
    SQLite at 15,000 updates, on every page of the feed and of the recent changes)."""
    return for_this_generation(
        "feed-entry-count",
        lambda: Article.objects.published().count() + Update.objects.published().count(),
    )


class Entries:
    """Every entry of the feed, newest first, as Django's paginator reads a list: counting
    them costs two counts (``entry_count()``), and a slice reads only the entries in it
    (``recent_entries()``), so any page of them is a few queries however large the archive."""

    def count(self):
        return entry_count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Entries are read a run at a time: entries[start:stop].")
        start, stop = index.start or 0, index.stop
        if start < 0 or stop is None or stop < start:
            raise ValueError("A run of entries runs from one place to a later one.")
        return recent_entries(stop - start, offset=start) if stop > start else []


def with_changes(entries):
    """Give each entry its ``mark`` (``clippings.timeline.Mark``): the version its section
    made and, for an update, what it changed from the version before, as the evolution page
    compares them. The entries' clippings (fetched with their updates) are read whole, their
    paragraphs and quotes in two queries for all of them."""
    articles = list({entry.article.pk: entry.article for entry in entries}.values())
    quoted = Paragraph.objects.prefetch_related("quotes")
    prefetch_related_objects(articles, Prefetch("paragraphs", queryset=quoted))
    versions = {article.pk: versions_of(article) for article in articles}
    for entry in entries:
        story = versions[entry.article.pk]
        before = story[entry.number - 1] if entry.number else None
        version = story[entry.number]
        entry.mark = Mark(version, compare(before, version) if before else None)
    return entries


@dataclass
class FeedPage:
    """One page of the feed: the ``number``-th run of ``ENTRIES`` entries, newest first, and
    its RFC 5005 links (``first``, ``previous``, ``next``) as ``(rel, path)``."""

    number: int
    entries: list
    has_next: bool

    @property
    def path(self):
        return page_path(self.number)

    @property
    def links(self):
        if self.number == 1 and not self.has_next:
            return []  # one page holds every entry: nothing to page through
        links = [("first", page_path(1))]
        if self.number > 1:
            links.append(("previous", page_path(self.number - 1)))
        if self.has_next:
            links.append(("next", page_path(self.number + 1)))
        return links


def page_path(number):
    path = reverse("clippings:feed")
    return path if number == 1 else f"{path}?page={number}"


def feed_page(number):
    """Page ``number`` (counted from 1) of the feed; ``Http404`` for a page past the end, any
    page but the first of an empty feed included. Page ``n`` reads the ``n * ENTRIES``
    latest articles of each kind (``latest_entries``), not the whole archive."""
    offset = (number - 1) * ENTRIES
    if number < 1 or (number > 1 and offset >= entry_count()):
        raise Http404(f"The feed has no page {number}.")
    entries = latest_entries(ENTRIES + 1, offset=offset)
    return FeedPage(number, entries[:ENTRIES], has_next=len(entries) > ENTRIES)


class PrintableAtom1Feed(Atom1Feed):
    """Atom, whatever the archive holds: a character XML cannot carry, in a row written around
    the models' rules, is shown as U+FFFD instead of failing the whole feed.

    A page of the feed links to the first, previous and next pages (RFC 5005, Feed Paging),
    given as ``paging_links``: ``[(rel, absolute URL)]``.
    """

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_printable, args), **{k: _printable(v) for k, v in kwargs.items()})

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for rel, href in self.feed.get("paging_links", ()):
            handler.addQuickElement("link", "", {"rel": rel, "href": href})


def _printable(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list | tuple):
        return [_printable(item) for item in value]
    return value


class LatestChangesFeed(Feed):
    """Atom 1.0: the latest clippings and updates, newest first."""

    feed_type = PrintableAtom1Feed
    title = f"{ARCHIVE_NAME}: new clippings and updates"
    subtitle = "Each new clipping, and each update to a clipped story, as the archive records it."
    author_name = ARCHIVE_NAME
    description_template = "clippings/feeds/entry_description.html"

    def get_object(self, request):
        """The page asked for: ``?page=2`` and on go back in time, ``ENTRIES`` at a time. Not
        a whole number, or past the end, is a 404."""
        try:
            number = int(request.GET.get("page", "1"))
        except ValueError:
            raise Http404("A page of the feed is a whole number.") from None
        return feed_page(number)

    def get_feed(self, page, request):
        """The feed of ``page``, with its RFC 5005 links as absolute as the feed's own."""
        feed = super().get_feed(page, request)
        domain = get_current_site(request).domain
        feed.feed["paging_links"] = [
            (rel, add_domain(domain, path, request.is_secure())) for rel, path in page.links
        ]
        return feed

    def link(self):
        return reverse("clippings:article-list")

    def feed_url(self, page):
        return page.path

    def items(self, page):
        return page.entries

    def item_title(self, entry):
        return entry.title  # Atom titles are plain text: not escaped here

    def item_link(self, entry):
        return entry.path

    # No item_guid: each entry's id is its link, which names the clipping and the section.

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return [tag.name for tag in entry.article.tags.all()]
