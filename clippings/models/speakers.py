from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from clippings.paths import page_path

from .base import ArchiveModel, SlugManager, slug_unique_ignoring_case
from .subqueries import count_of, in_published_quotes, related

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata identifier is a Q followed by digits, e.g. Q7747."
)


class SpeakerQuerySet(models.QuerySet):
    def with_quote_count(self):
        return self.annotate(quote_count=count_of(*related(self.model, "quotes")))

    def with_published_quote_count(self):
        quote, field = related(self.model, "quotes")
        return self.annotate(quote_count=count_of(quote, field, quote.objects.published()))

    def with_latest_published_quote(self):
        """``latest_quote_on``: the date of the speaker's latest quote in a published
        clipping (its stored ``dated_on``), or None."""
        quote, field = related(self.model, "quotes")
        # The first date of the index on speaker and date, read backwards, rather than the
        # greatest of all a speaker's dates: 3 ms against 27 ms on PostgreSQL for a page of
        # a hundred speakers at a million quotes, 1 ms against 5 ms on SQLite.
        latest = (
            quote.objects.published()
            .filter(**{field: models.OuterRef("pk")}, dated_on__isnull=False)
            .order_by("-dated_on")
            .values("dated_on")[:1]
        )
        return self.annotate(latest_quote_on=models.Subquery(latest))

    def named(self, text):
        """Speakers with a name or alias that ``text`` designates, as the quote search reads
        a name (``clippings.speaker_names``): through the index of their names' words."""
        from clippings.speaker_names import speaker_ids_named
        from clippings.text import name_words

        words = name_words(text)
        return self.filter(pk__in=speaker_ids_named(words)) if words else self.none()

    def in_name_order(self):
        """By name, then by primary key so that pages never share or skip a speaker; the
        index on both lets a page be read without sorting every speaker."""
        return self.order_by("name", "pk")

    def public(self):
        """Speakers a published clipping shows: quoted in one, or relaying a quote in one.

        Only these may appear anywhere public (pages, lists, filters, name suggestions,
        exports, feeds, the sitemap); a speaker that only drafts use stays unseen.
        """
        return self.filter(
            in_published_quotes(self.model, "quotes")
            | in_published_quotes(self.model, "relayed_quotes")
        )

    def quoted_in_published(self):
        """Public speakers quoted as the speaker (not only relaying) in a published clipping."""
        return self.filter(in_published_quotes(self.model, "quotes"))

    def affiliations_quoted_in_published(self):
        """The affiliations (never blank) of the public speakers quoted in a published
        clipping, in order, each once.

        Asked of one speaker per affiliation, about every speaker of it, through the index on
        affiliation: a handful of lookups, where asking it of each speaker costs one per
        speaker (80 ms at 20,000 speakers on every search form drawn after an edit).
        """
        one_of_each = (
            self.exclude(affiliation="")
            .values("affiliation")
            .annotate(first=models.Min("pk"))
            .values("first")
        )
        return (
            self.filter(pk__in=one_of_each)
            .filter(in_published_quotes(self.model, "quotes", shared="affiliation"))
            .order_by("affiliation")
            .values_list("affiliation", flat=True)
        )


class Speaker(ArchiveModel):
    """A person or body whose words a clipping quotes or reports."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        BODY = "body", "Body (government, ministry, army, organisation)"

    name = models.CharField(
        max_length=200,
        help_text="The name the archive files this speaker under. "
        "Other spellings, as printed in clippings, go in the aliases.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(
        max_length=300,
        blank=True,
        help_text="Role or description at the time of the clippings, "
        "e.g. “President of Russia”, “lecturer at the American University of Armenia”.",
    )
    affiliation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Country, government or organisation, e.g. “Azerbaijan”, “Russia”.",
    )
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text="Only when certain, e.g. Q7747 for Vladimir Putin.",
    )

    objects = SlugManager.from_queryset(SpeakerQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name", "id"], name="speaker_name_order"),
            models.Index(fields=["affiliation", "id"], name="speaker_affiliation"),
        ]
        constraints = [
            slug_unique_ignoring_case("speaker", "speaker"),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~models.Q(wikidata_id=""),
                name="speaker_unique_wikidata_id",
                violation_error_message="Another speaker already has this Wikidata ID.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_path("clippings:speaker-detail", "slug", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def wikidata_url(self):
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class SpeakerAliasManager(models.Manager):
    def get_by_natural_key(self, speaker_slug, name):
        return self.get(speaker__slug=speaker_slug, name=name)


class SpeakerAlias(ArchiveModel):
    """Another name a speaker goes by, kept exactly as a clipping prints it."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=200,
        help_text="As printed, spelling and capitals included, e.g. “Azeri defense ministry”.",
    )

    objects = SpeakerAliasManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["speaker_id", "name"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "name"],
                name="speaker_alias_unique_per_speaker",
                violation_error_message="This speaker already has this alias.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.speaker.natural_key(), self.name)

    natural_key.dependencies = ["clippings.speaker"]


class SpeakerNameWord(models.Model):
    """A word of one of a speaker's names, as the quote search compares it: folded
    (``clippings.text.name_words``), one row per word of the canonical name (no ``alias``)
    and per word of each alias.

    Derived from the names, never edited: saving a speaker or an alias (``loaddata``'s raw
    saves included) rewrites its rows, deleting one deletes them (``clippings.speaker_names``).
    The index on ``(word, speaker, alias)`` answers "which speakers (and which of their names)
    have a word beginning with ..." without reading the table.
    """

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="name_words")
    alias = models.ForeignKey(
        SpeakerAlias, on_delete=models.CASCADE, null=True, blank=True, related_name="name_words"
    )
    word = models.CharField(max_length=200)

    class Meta:
        ordering = ["speaker_id", "alias_id", "word"]
        indexes = [
            # PostgreSQL: pattern operators, so that ``word LIKE 'put%'`` reads the index
            # whatever the database's collation; SQLite ignores operator classes.
            models.Index(
                fields=["word", "speaker", "alias"],
                name="speaker_name_word_prefix",
                opclasses=["varchar_pattern_ops", "int8_ops", "int8_ops"],
            ),
        ]

    def __str__(self):
        return self.word
