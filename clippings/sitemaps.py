"""The sitemap: the public pages of published clippings, and no draft.

Sources, speakers and tags are listed only when a published clipping shows them (their
``public()`` querysets): one that only drafts use has no page.

A clipping's ``lastmod`` is the later of the date it was clipped into the archive and the
date of its latest update: the page changes when either happens.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clippings.models import Article, Source, Speaker, Tag


class ArchiveSitemap(Sitemap):
    """The archive's own pages."""

    def items(self):
        return ["clippings:article-list"]

    def location(self, name):
        return reverse(name)


class ArticleSitemap(Sitemap):
    """Each published clipping."""

    def items(self):
        return Article.objects.published().with_last_update().order_by("pk")

    def lastmod(self, article):
        return max(filter(None, [article.clipped_at.date(), article.last_updated_on]))


class ArticleEvolutionSitemap(ArticleSitemap):
    """How each published clipping evolved: only those with updates have anything to show."""

    def items(self):
        return super().items().with_updates()

    def location(self, article):
        return reverse("clippings:article-evolution", kwargs={"slug": article.slug})


class SourceSitemap(Sitemap):
    """Each source a published clipping credits or quotes through."""

    def items(self):
        return Source.objects.public().order_by("pk")


class SpeakerSitemap(Sitemap):
    """Each speaker a published clipping quotes, or names as relaying a quote."""

    def items(self):
        return Speaker.objects.public().order_by("pk")


class TagSitemap(Sitemap):
    """Each tag a published clipping is filed under."""

    def items(self):
        return Tag.objects.public().order_by("pk")


sitemaps = {
    "archive": ArchiveSitemap,
    "articles": ArticleSitemap,
    "evolution": ArticleEvolutionSitemap,
    "sources": SourceSitemap,
    "speakers": SpeakerSitemap,
    "tags": TagSitemap,
}
