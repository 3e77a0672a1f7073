from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from clippings.paths import page_path
from clippings.search import search_clippings

from .base import ArchiveModel, SlugManager, slug_unique_ignoring_case
from .parts import ArticlePart, ArticlePartManager, ArticlePartQuerySet
from .sources import Source, Tag
from .subqueries import count_of


class ArticleQuerySet(models.QuerySet):
    """Updates, paragraphs and credits are models of this module; the Quote model is reached
    through the article's ``quotes`` relation, as its module imports this one."""

    #: The orders a list of clippings can be sorted in: key -> (label, ordering). Each
    #: ordering ends on the primary key so that pages never share or skip a clipping. The
    #: counts and ``current_headline`` are annotations of ``with_summary()``.
    SORTS = {
        "newest": ("Newest first", ("-published_on", Lower("current_headline"), "-pk")),
        "oldest": ("Oldest first", ("published_on", Lower("current_headline"), "pk")),
        "headline": ("Headline, A to Z", (Lower("current_headline"), "-published_on", "pk")),
        "most-updated": ("Most updates first", ("-update_count", "-published_on", "-pk")),
        "most-quoted": ("Most quotes first", ("-quote_count", "-published_on", "-pk")),
    }

    def published(self):
        return self.filter(status=self.model.Status.PUBLISHED)

    def with_counts(self):
        return self.annotate(
            update_count=count_of(Update, "article"),
            quote_count=count_of(self._quote_model(), "article"),
            paragraph_count=count_of(Paragraph, "article"),
        )

    def with_versions(self):
        """What the clipping's versions (``evolution.versions_of()``) and their citations
        read, in a fixed number of queries: its outlet, updates, and paragraphs with their
        quotes and everything a quote's attribution shows. Each quote's paragraph is the
        paragraph prefetched here, and each paragraph's article the clipping: neither is read
        again for each quote."""
        quotes = self._quote_model().objects.select_related(
            "speaker", "intermediary", "channel_source"
        )
        return self.select_related("outlet").prefetch_related(
            "updates",
            models.Prefetch(
                "paragraphs",
                queryset=Paragraph.objects.select_related("update", "replaces").prefetch_related(
                    models.Prefetch("quotes", queryset=quotes)
                ),
            ),
        )

    def with_page_content(self):
        """Everything the clipping page shows, in a fixed number of queries."""
        return self.with_versions().prefetch_related(
            "tags",
            models.Prefetch("credits", queryset=Credit.objects.select_related("source")),
        )

    def with_last_update(self):
        """Adds ``last_updated_on``: the date of the latest update, or None."""
        return self.annotate(
            last_updated_on=models.Subquery(self._latest_updates_first().values("published_on")[:1])
        )

    def with_summary(self):
        """Everything a clipping's entry in a list shows, in a fixed number of queries.

        Adds the counts of ``with_counts()``, ``last_updated_on`` of ``with_last_update()``
        and ``current_headline`` (the headline after the latest update that changed it, else
        the original one).
        """
        latest_first = self._latest_updates_first()
        return (
            self.with_counts()
            .with_last_update()
            .annotate(
                current_headline=Coalesce(
                    models.Subquery(latest_first.exclude(headline="").values("headline")[:1]),
                    "headline",
                ),
            )
            .prefetch_related(
                "tags",
                models.Prefetch("credits", queryset=Credit.objects.select_related("source")),
            )
        )

    def sorted_by(self, key):
        """Articles in one of the orders of ``SORTS``; needs ``with_summary()``."""
        _, ordering = self.SORTS[key]
        return self.order_by(*ordering)

    def matching(self, text):
        """Articles holding every word of ``text`` in their headline (original or updated) or
        paragraphs (a rewritten paragraph's earlier text included), each listed once, in the
        queryset's order.

        A full-text search on the database's own engine, stemmed and ignoring case, accents
        and punctuation (``clippings.search``); text without a word matches nothing.
        """
        return search_clippings(self, text)

    def tagged(self, *tags):
        """Articles carrying any of ``tags`` (records or primary keys), as do the next two.

        ``pk IN (subquery)``, listing each article once: the subquery reads the records'
        rows through their index once, where a correlated ``EXISTS`` would, on SQLite, read
        them again for each article (a speaker quoted 29,000 times, 10,000 times over).
        """
        tagging = self.model.tags.through.objects.filter(tag__in=tags)
        return self.filter(pk__in=tagging.values("article"))

    def crediting(self, *sources):
        return self.filter(pk__in=Credit.objects.filter(source__in=sources).values("article"))

    def quoting(self, *speakers):
        """Articles that quote any of ``speakers`` (as the speaker, not as an intermediary)."""
        quotes = self._quote_model().objects.filter(speaker__in=speakers)
        return self.filter(pk__in=quotes.values("article"))

    def with_updates(self, has_updates=True):
        """Articles with at least one update, or with ``has_updates=False`` none."""
        updates = models.Exists(Update.objects.filter(article=models.OuterRef("pk")))
        return self.filter(updates if has_updates else ~updates)

    def known_by_slug(self, slug):
        """Articles whose slug is or once was ``slug``, ignoring case, latest clipped first.

        The history keeps every slug an article had, so a link made before a rename still
        finds the article.
        """
        former = self.model.history.filter(id=models.OuterRef("pk"), slug__iexact=slug)
        return self.filter(models.Q(slug__iexact=slug) | models.Exists(former)).order_by(
            "-clipped_at", "-pk"
        )

    def _latest_updates_first(self):
        """The outer article's updates, latest first."""
        return Update.objects.filter(article=models.OuterRef("pk")).order_by("-published_on", "-pk")

    def _quote_model(self):
        return self.model._meta.get_field("quotes").related_model


class Article(ArchiveModel):
    """One clipped story: the original post; its updates and paragraphs hang off it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (editors only)"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=300, help_text="As printed.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the clipping's URL.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField(
        "original publication date", help_text="The date of the original post."
    )
    published_on_is_inferred = models.BooleanField(
        "date is inferred",
        default=False,
        help_text="Tick when the clipping does not print this date and it was worked out.",
    )
    published_on_note = models.CharField(
        "how the date was inferred",
        max_length=300,
        blank=True,
        help_text="Required for an inferred date: what it was worked out from.",
    )
    filed_under_as_printed = models.CharField(
        "filed under (as printed)",
        max_length=300,
        blank=True,
        help_text="The keyword line exactly as printed, typos included. "
        "The normalised keywords are the tags.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    sources = models.ManyToManyField(
        Source, through="Credit", related_name="credited_articles", blank=True
    )
    outlet = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_articles",
        help_text="The outlet that published the story, if the clipping says.",
    )
    original_url = models.URLField(
        "original URL", max_length=500, blank=True, help_text="Where the story was clipped from."
    )
    comment_count = models.PositiveIntegerField(
        default=0, help_text="Comments the story showed when clipped."
    )
    comments_closed = models.BooleanField(default=False)
    clipped_at = models.DateTimeField(
        default=timezone.now, help_text="When the story was clipped into the archive."
    )

    objects = SlugManager.from_queryset(ArticleQuerySet)()
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        ordering = ["-published_on", "headline"]
        indexes = [
            # The archive index, newest or oldest first: a page read from the index, only its
            # clippings' headlines compared.
            models.Index(fields=["status", "published_on"], name="article_published_order"),
            # The feed and the recent changes: the latest clipped first.
            models.Index(fields=["status", "clipped_at"], name="article_clipped_order"),
        ]
        constraints = [
            slug_unique_ignoring_case("article", "article"),
            models.CheckConstraint(
                condition=models.Q(published_on_is_inferred=False)
                | ~models.Q(published_on_note=""),
                name="article_inferred_date_has_note",
                violation_error_message="Say how an inferred publication date was worked out.",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return page_path("clippings:article-detail", "slug", self.slug)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.pk and self.published_on:
            earliest = self.updates.order_by("published_on").first()
            if earliest and earliest.is_dated_before(self):
                raise ValidationError(
                    {
                        "published_on": f"The update “{earliest.label}” is dated "
                        f"{earliest.published_on:%d %B %Y}; the original post cannot be later."
                    }
                )


class CreditManager(models.Manager):
    def get_by_natural_key(self, article_slug, source_slug):
        return self.get(article__slug=article_slug, source__slug=source_slug)


class Credit(ArchiveModel):
    """A source an article credits, in the order and spelling it prints."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="credits")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="credits")
    name_as_printed = models.CharField(
        max_length=200, blank=True, help_text="e.g. “RT.COM” for RT, “Aljazeera” for Al Jazeera."
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = CreditManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "source"],
                name="credit_unique_source_per_article",
                violation_error_message="This article already credits this source.",
            ),
        ]

    def __str__(self):
        return self.name_as_printed or self.source.name

    def natural_key(self):
        return (*self.article.natural_key(), *self.source.natural_key())

    natural_key.dependencies = ["clippings.article", "clippings.source"]


class Update(ArticlePart):
    """A later update to an article, as the story printed it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="updates")
    label = models.CharField(
        max_length=200, help_text="As printed, e.g. “Update Sunday 03/04/2016”."
    )
    published_on = models.DateField(
        "date", help_text="The calendar date the label stands for (not before the article)."
    )
    headline = models.CharField(
        "headline after this update",
        max_length=300,
        blank=True,
        help_text="Only if the update changed the headline: the new one, as printed.",
    )

    anchor_prefix = "update-"
    history = HistoricalRecords()

    class Meta(ArticlePart.Meta):
        ordering = ["article_id", "published_on", "pk"]

    def __str__(self):
        return f"{self.label} ({self.published_on:%d %B %Y})" if self.published_on else self.label

    def is_dated_before(self, article):
        """Whether the update is dated before ``article`` was first published (its own article,
        or that article as an editor is about to redate it)."""
        return self.published_on < article.published_on

    def clean(self):
        try:
            article = self.article  # set but not yet saved on the admin's add page
        except Article.DoesNotExist:
            article = None
        if self.published_on and article and self.is_dated_before(article):
            raise ValidationError(
                {
                    "published_on": "An update cannot predate its article, "
                    f"first published on {article.published_on:%d %B %Y}."
                }
            )


class ParagraphQuerySet(ArticlePartQuerySet):
    def original_post(self):
        return self.filter(update__isnull=True)


class Paragraph(ArticlePart):
    """One paragraph of an original post or of an update, in printed order."""

    class Kind(models.TextChoices):
        TEXT = "text", "Text"
        RELATED_LINK = "related_link", "Related-story link (“Read: …”)"
        EMBED = "embed", "Embed that did not survive clipping"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    update = models.ForeignKey(
        Update,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paragraphs",
        help_text="Empty for the original post.",
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Order within the original post or the update."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TEXT)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="revisions",
        help_text="For a paragraph of an update that rewrites an earlier paragraph: that "
        "paragraph. Leave the text empty if the update removed it.",
    )
    text = models.TextField(
        blank=True, help_text="As printed, typos included. Empty only for a removal."
    )
    url = models.URLField(
        "URL",
        max_length=500,
        blank=True,
        help_text="For a related-story link or an embed, where it pointed, if known.",
    )

    anchor_prefix = "p"
    objects = ArticlePartManager.from_queryset(ParagraphQuerySet)()
    history = HistoricalRecords()

    class Meta(ArticlePart.Meta):
        ordering = [
            "article_id",
            models.F("update__published_on").asc(nulls_first=True),
            models.F("update_id").asc(nulls_first=True),
            "position",
            "pk",
        ]

    def __str__(self):
        where = self.update.label if self.update_id else "Original post"
        return f"¶{self.anchor or '?'} ({where}): {self.text[:60]}"

    def _replacement_errors(self):
        replaced = self.replaces
        if self.rewrites_from_the_original_post:
            return {"replaces": "Only a paragraph of an update can rewrite an earlier one."}
        if self.rewrites_another_articles_paragraph:
            return {"replaces": "That paragraph belongs to another article."}
        if replaced.update_id and (
            replaced.update_id == self.update_id
            or (replaced.update.published_on, replaced.update_id)
            > (self.update.published_on, self.update_id)
        ):
            return {"replaces": "Only a paragraph printed before this update can be rewritten."}
        return {}

    @property
    def is_removal(self):
        """Whether this paragraph records that its update removed an earlier one."""
        return bool(self.replaces_id) and not self.text.strip()

    @property
    def version_date(self):
        """The date readers first saw this paragraph."""
        return self.update.published_on if self.update_id else self.article.published_on

    @property
    def has_update_of_another_article(self):
        """Whether the update the paragraph is filed under belongs to another article."""
        return bool(self.update_id) and self.update.article_id != self.article_id

    @property
    def rewrites_another_articles_paragraph(self):
        """Whether the paragraph it rewrites belongs to another article."""
        return bool(self.replaces_id) and self.replaces.article_id != self.article_id

    @property
    def rewrites_from_the_original_post(self):
        """Whether it rewrites an earlier paragraph without being part of an update."""
        return bool(self.replaces_id) and not self.update_id

    @property
    def is_empty(self):
        """Whether it has no text while rewriting nothing (only a removal is empty)."""
        return not self.replaces_id and not self.text.strip()

    def clean(self):
        errors = {}
        if self.article_id and self.has_update_of_another_article:
            errors["update"] = "This update belongs to another article."
        if self.replaces_id:
            errors.update(self._replacement_errors())
        elif self.is_empty:
            errors["text"] = "A paragraph needs text (only a removal of an earlier one is empty)."
        if self.pk and self.text:
            missing = [quote for quote in self.quotes.all() if not quote.words_appear_in(self)]
            if missing:
                errors["text"] = "These quotes would no longer appear in the text: " + "; ".join(
                    f"“{quote.words}”" for quote in missing
                )
        if errors:
            raise ValidationError(errors)
