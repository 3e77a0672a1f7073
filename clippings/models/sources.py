from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from clippings.querysets import SourceQuerySet, TagQuerySet

from .base import ArchiveModel, slug_unique_ignoring_case


class SourceManager(models.Manager.from_queryset(SourceQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


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

    objects = SourceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [slug_unique_ignoring_case("source", "source")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clippings:source-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class TagManager(models.Manager.from_queryset(TagQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Tag(ArchiveModel):
    """A normalised keyword a clipping is filed under."""

    name = models.CharField(max_length=100, unique=True, help_text="Lower case, as normalised.")
    slug = models.SlugField(max_length=100, unique=True)

    objects = TagManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [slug_unique_ignoring_case("tag", "tag")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clippings:tag-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
