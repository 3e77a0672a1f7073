"""What the parts of a clipping (its updates, paragraphs and quotes) have in common: each is
named by its article and an anchor, the stable #fragment of the clipping's page it is at."""

import re

from django.db import models

from .base import ArchiveModel


def next_free_anchor(model, article_id, prefix):
    """``prefix<n>``, one past the highest number the article's ``model`` rows use."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    anchors = model.objects.filter(article_id=article_id).values_list("anchor", flat=True)
    numbers = [int(match.group(1)) for anchor in anchors if (match := pattern.match(anchor))]
    return f"{prefix}{max(numbers, default=0) + 1}"


class ArticlePartQuerySet(models.QuerySet):
    def published(self):
        """The parts of published clippings.

        Asked row by row (``EXISTS``), not by a join: joined, SQLite's planner reads the
        parts clipping by clipping, which defeats an index on the parts that would give them
        in the order asked for (``DateOrderedKeys``).
        """
        articles = self.model._meta.get_field("article").related_model
        published = articles.objects.published().filter(pk=models.OuterRef("article_id"))
        return self.filter(models.Exists(published))


class ArticlePartManager(models.Manager.from_queryset(ArticlePartQuerySet)):
    def get_by_natural_key(self, article_slug, anchor):
        return self.get(article__slug=article_slug, anchor=anchor)


class ArticlePart(ArchiveModel):
    """A part of a clipping, named by its article and its anchor.

    Each part declares its ``article`` foreign key and the ``anchor_prefix`` of its kind. Its
    anchor is set on the first save, one past the highest number its article's parts of the
    kind use (so a number is never reused), and stays put; it is unique within the article.
    """

    anchor_prefix = None  # "update-", "p", "q"

    anchor = models.SlugField(
        max_length=50, blank=True, editable=False, help_text="Stable #fragment in the page."
    )

    objects = ArticlePartManager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["article", "anchor"], name="%(class)s_unique_anchor_per_article"
            ),
        ]

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = next_free_anchor(type(self), self.article_id, self.anchor_prefix)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (*self.article.natural_key(), self.anchor)

    natural_key.dependencies = ["clippings.article"]
