from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from clippings.querysets import ArticleQuerySet, ParagraphQuerySet
from clippings.text import occurs_verbatim

from .anchors import next_free_anchor
from .base import ArchiveModel, slug_unique_ignoring_case
from .sources import Source, Tag


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


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

    objects = ArticleManager()
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        ordering = ["-published_on", "headline"]
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
        return reverse("clippings:article-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.pk and self.published_on:
            earliest = self.updates.order_by("published_on").first()
            if earliest and earliest.published_on < self.published_on:
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


class ArticlePartManager(models.Manager):
    """Updates, paragraphs and quotes are named by their article and an anchor."""

    def get_by_natural_key(self, article_slug, anchor):
        return self.get(article__slug=article_slug, anchor=anchor)


class ParagraphManager(ArticlePartManager.from_queryset(ParagraphQuerySet)):
    pass


class Update(ArchiveModel):
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
    anchor = models.SlugField(
        max_length=50, blank=True, editable=False, help_text="Stable #fragment in the page."
    )

    objects = ArticlePartManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "published_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "anchor"], name="update_unique_anchor_per_article"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.published_on:%d %B %Y})" if self.published_on else self.label

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = next_free_anchor(Update, self.article_id, "update-")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (*self.article.natural_key(), self.anchor)

    natural_key.dependencies = ["clippings.article"]

    def clean(self):
        try:
            article = self.article  # set but not yet saved on the admin's add page
        except Article.DoesNotExist:
            article = None
        if self.published_on and article and article.published_on > self.published_on:
            raise ValidationError(
                {
                    "published_on": "An update cannot predate its article, "
                    f"first published on {article.published_on:%d %B %Y}."
                }
            )


class Paragraph(ArchiveModel):
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
    anchor = models.SlugField(
        max_length=50, blank=True, editable=False, help_text="Stable #fragment in the page."
    )

    objects = ParagraphManager()
    history = HistoricalRecords()

    class Meta:
        ordering = [
            "article_id",
            models.F("update__published_on").asc(nulls_first=True),
            models.F("update_id").asc(nulls_first=True),
            "position",
            "pk",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "anchor"], name="paragraph_unique_anchor_per_article"
            ),
        ]

    def __str__(self):
        where = self.update.label if self.update_id else "Original post"
        return f"¶{self.anchor or '?'} ({where}): {self.text[:60]}"

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = next_free_anchor(Paragraph, self.article_id, "p")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (*self.article.natural_key(), self.anchor)

    natural_key.dependencies = ["clippings.article", "clippings.update"]

    def _replacement_errors(self):
        replaced = self.replaces
        if not self.update_id:
            return {"replaces": "Only a paragraph of an update can rewrite an earlier one."}
        if replaced.article_id != self.article_id:
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

    def clean(self):
        errors = {}
        if self.update_id and self.article_id and self.update.article_id != self.article_id:
            errors["update"] = "This update belongs to another article."
        if self.replaces_id:
            errors.update(self._replacement_errors())
        elif not self.text.strip():
            errors["text"] = "A paragraph needs text (only a removal of an earlier one is empty)."
        if self.pk and self.text:
            missing = [
                quote for quote in self.quotes.all() if not occurs_verbatim(quote.words, self.text)
            ]
            if missing:
                errors["text"] = "These quotes would no longer appear in the text: " + "; ".join(
                    f"“{quote.words}”" for quote in missing
                )
        if errors:
            raise ValidationError(errors)
