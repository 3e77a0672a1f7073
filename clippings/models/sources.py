from django.db import models
from simple_history.models import HistoricalRecords

from clippings.paths import page_path

from .base import ArchiveModel, SlugManager, slug_unique_ignoring_case
from .subqueries import count_of, in_published_quotes, related


class SourceQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            article_count=count_of(*related(self.model, "credits")),
            quote_count=count_of(*related(self.model, "channel_quotes")),
        )

    def public(self):
        """Sources a published clipping shows: credited by one, its outlet, or the channel of
        a quote in one. Only these may appear anywhere public; a source only drafts use stays
        unseen."""
        return self.filter(
            self._credited_in_published()
            | self._outlet_of_published()
            | in_published_quotes(self.model, "channel_quotes")
        )

    def credited_in_published(self):
        """Public sources credited (not only a quote's channel) by a published clipping."""
        return self.filter(self._credited_in_published())

    def _credited_in_published(self):
        """``EXISTS``: a published clipping that credits the outer row."""
        article = self.model._meta.get_field("credited_articles").related_model
        return models.Exists(
            article.objects.published().filter(credits__source=models.OuterRef("pk"))
        )

    def _outlet_of_published(self):
        """``EXISTS``: a published clipping that the outer row published."""
        article = self.model._meta.get_field("published_articles").related_model
        return models.Exists(article.objects.published().filter(outlet=models.OuterRef("pk")))


class Source(ArchiveModel):
    """An outlet or channel: a news agency, a broadcaster, a website, an account."""

    class Kind(models.TextChoices):
        NEWS_AGENCY = "news_agency", "News agency"
        BROADCASTER = "broadcaster", "Broadcaster"
        NEWSPAPER = "newspaper", "Newspaper or magazine"
        WEBSITE = "website", "News website"
        GOVERNMENT = "government", "Government or official website"
        SOCIAL_MEDIA = "social_media", "Social-media account"
        MEDIA_GROUP = "media_group", "Media in general (no single outlet named)"

    name = models.CharField(
        max_length=200, help_text="The outlet's usual name, e.g. “Al Jazeera”, “Interfax”."
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the source's URL.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField("URL", blank=True, help_text="Home page or account page, if known.")
    description = models.TextField(blank=True)

    objects = SlugManager.from_queryset(SourceQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [slug_unique_ignoring_case("source", "source")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_path("clippings:source-detail", "slug", self.slug)

    def natural_key(self):
        return (self.slug,)


class TagQuerySet(models.QuerySet):
    def with_article_count(self):
        return self.annotate(article_count=models.Count("articles", distinct=True))

    def public(self):
        """Tags a published clipping carries. Only these may appear anywhere public; a tag
        only drafts carry stays unseen."""
        article = self.model._meta.get_field("articles").related_model
        return self.filter(
            models.Exists(article.objects.published().filter(tags=models.OuterRef("pk")))
        )


class Tag(ArchiveModel):
    """A normalised keyword a clipping is filed under."""

    name = models.CharField(max_length=100, unique=True, help_text="Lower case, as normalised.")
    slug = models.SlugField(max_length=100, unique=True)

    objects = SlugManager.from_queryset(TagQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [slug_unique_ignoring_case("tag", "tag")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_path("clippings:tag-detail", "slug", self.slug)

    def natural_key(self):
        return (self.slug,)
