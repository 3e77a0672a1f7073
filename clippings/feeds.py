"""The Atom feed: new clippings and new updates, so that a reader learns when a story changed.

Each entry is one section of a clipping, the original post or an update, and links to that
section. An entry is *published* on the story's date for that section and *updated* when the
archive received it: the later of that date and the clipping's ``clipped_at``. So a story
clipped today from years ago shows up as new, and a later update shows up on its own date.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from clippings.citations import ARCHIVE_NAME
from clippings.evolution import sections_of, versions_of
from clippings.models import Article, Update
from clippings.text import printable

ENTRIES = 50
SUMMARY_PARAGRAPHS = 5


def _midnight(date):
    return datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.UTC)


@dataclass
class FeedEntry:
    """One section of a clipping as the feed announces it."""

    article: Article
    version: object  # evolution.Version
    section: object  # evolution.Section

    @property
    def published(self):
        return _midnight(self.version.date)

    @property
    def updated(self):
        return max(self.published, self.article.clipped_at)

    @property
    def title(self):
        if self.version.update is None:
            return self.version.headline
        return f"{self.version.headline} ({self.version.label})"

    @property
    def path(self):
        """The section of the clipping page: what the story printed on that date."""
        return f"{self.article.get_absolute_url()}#{self.section.anchor}"

    @property
    def summary_paragraphs(self):
        """The section's first paragraphs, for the entry's summary."""
        return self.section.paragraphs[:SUMMARY_PARAGRAPHS]

    @property
    def paragraphs_left_out(self):
        return max(len(self.section.paragraphs) - SUMMARY_PARAGRAPHS, 0)

    def sort_key(self):
        return (self.updated, self.published, self.article.pk, self.version.number)


def latest_entries(limit=ENTRIES):
    """The ``limit`` latest entries, newest first, in four queries however large the archive.

    An entry's time is the later of its clipping's ``clipped_at`` and its own date, so the
    latest entries all belong to the ``limit`` latest-clipped articles, the ``limit`` articles
    with the latest original posts, or the articles of the ``limit`` latest updates. Only
    those articles are fetched.
    """
    published = Article.objects.published()
    latest_updates = Update.objects.published().order_by("-published_on", "-pk")
    articles = published.filter(
        Q(pk__in=published.order_by("-clipped_at", "-pk").values("pk")[:limit])
        | Q(pk__in=published.order_by("-published_on", "-pk").values("pk")[:limit])
        | Q(pk__in=latest_updates.values("article_id")[:limit])
    ).prefetch_related("tags", "updates", "paragraphs")
    entries = []
    for article in articles:
        versions = versions_of(article)
        sections = sections_of(article, versions)
        entries.extend(
            FeedEntry(article, version, section)
            for version, section in zip(versions, sections, strict=True)
        )
    entries.sort(key=FeedEntry.sort_key, reverse=True)
    return entries[:limit]


class PrintableAtom1Feed(Atom1Feed):
    """Atom, whatever the archive holds: a character XML cannot carry, in a row written around
    the models' rules, is shown as U+FFFD instead of failing the whole feed."""

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_printable, args), **{k: _printable(v) for k, v in kwargs.items()})


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

    def link(self):
        return reverse("clippings:article-list")

    def items(self):
        return latest_entries()

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
