from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from clippings.paths import page_path
from clippings.search import search_quotes
from clippings.text import occurs_verbatim

from .articles import Article, Paragraph
from .base import in_key_order
from .parts import ArticlePart, ArticlePartManager, ArticlePartQuerySet
from .sources import Source
from .speakers import Speaker


def quote_date():
    """A quote's date: when the words were said or, where the clipping does not say, when it
    printed them (the update that added the quote's paragraph, else the clipping). The rule
    that ``Quote.dated_on`` stores (``clippings.quote_dates``): read that, not this."""
    return Coalesce("said_on", "paragraph__update__published_on", "article__published_on")


class QuoteQuerySet(ArticlePartQuerySet):
    def with_attribution(self):
        """Everything a quote's attribution line shows, in one query."""
        return self.select_related(
            "speaker",
            "intermediary",
            "channel_source",
            "paragraph__update",
            "paragraph__article",
            "article",
        )

    def by_speaker(self, speaker):
        return self.filter(speaker=speaker)

    def through(self, source):
        """Quotes that reached their clipping through ``source``: its channel quotes."""
        return self.filter(channel_source=source)

    def in_clippings_tagged(self, *tags):
        """Quotes of the clippings carrying any of ``tags`` (records or primary keys)."""
        return self.filter(article__in=Article.objects.tagged(*tags).values("pk"))

    def said_by(self, speaker_ids):
        return self.filter(speaker_id__in=speaker_ids)

    def search(self, text):
        """Quotes whose words match every word of ``text``, best match first.

        Annotates ``search_rank`` (higher is a better match). The full-text engine is that of
        the database this queryset reads (``clippings.search``).
        """
        return search_quotes(self, text)

    def with_date(self):
        """``date``: when the words were said or, where the clipping does not say, printed."""
        return self.annotate(date=models.F("dated_on"))

    def tally_by_speaker(self):
        """``(speaker id, number of quotes, date of the latest)`` for each speaker quoted
        here, in one grouped pass over the quotes."""
        return (
            self.order_by()
            .values_list("speaker_id")
            .annotate(count=models.Count("pk"), latest=models.Max("dated_on"))
        )

    def in_date_order(self):
        """Oldest first: by the date the words were said or, when the clipping does not say,
        the date they were printed; then by the clipping's date and the printed order."""
        return self.order_by(
            "dated_on",
            "article__published_on",
            "article_id",
            models.F("paragraph__update__published_on").asc(nulls_first=True),
            models.F("paragraph__update_id").asc(nulls_first=True),
            "paragraph__position",
            "paragraph_id",
            "pk",
        )

    def keys_in_date_order(self):
        """The primary keys of these quotes in date order (``in_date_order()``), found a slice
        at a time as a paginator asks for them: ``DateOrderedKeys``."""
        return DateOrderedKeys(self)

    def first_in_date_order(self, number):
        """The first ``number`` of these quotes in date order, each with its date and
        everything its attribution shows: their keys found as a page's are
        (``keys_in_date_order()``), then their rows by key, not the quotes sorted whole."""
        keys = list(self.keys_in_date_order()[:number])
        return in_key_order(
            self.model.objects.with_attribution().with_date().filter(pk__in=keys), keys
        )


class DateOrderedKeys:
    """The primary keys of some quotes in date order, as a sequence a paginator slices.

    Asked to sort by every key of the date order at once, SQLite's planner reads the quotes of
    a million clipping by clipping and sorts them all to keep one page (0.7 to 1.2 s for the
    first page of all quotes). A slice is found in steps instead: its first and last dates,
    read in the order of the index on the date alone; then the quotes of those dates only, in
    the full order, where the slice starts after the quotes of its first date that precede it.
    """

    def __init__(self, quotes):
        self.quotes = quotes.order_by()

    def count(self):
        return self.quotes.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        dates = self.quotes.order_by("dated_on", "pk").values_list("dated_on", "pk")
        slice_ = list(dates[start:stop])
        if not slice_:
            return []
        (first, first_key), last = slice_[0], slice_[-1][0]
        in_order = self.quotes.in_date_order().values_list("pk", flat=True)
        if first is None or last is None:  # a quote not dated yet
            return list(in_order[start:stop])
        ahead = self.quotes.filter(dated_on=first, pk__lt=first_key).count()
        window = in_order.filter(dated_on__gte=first, dated_on__lte=last)
        return list(window[ahead : ahead + len(slice_)])


class Quote(ArticlePart):
    """Words a clipping attributes to a speaker: who said them, through whom, where, when."""

    class Kind(models.TextChoices):
        FULL = "full", "Full quotation"
        PARTIAL = "partial", "Partial quotation (a phrase inside the writer's sentence)"
        REPORTED = "reported", "Reported speech (attributed, no quotation marks)"

    class Channel(models.TextChoices):
        STATEMENT = "statement", "Statement"
        SOCIAL_MEDIA = "social_media", "Social-media post"
        NEWS_AGENCY = "news_agency", "News agency report"
        INTERVIEW = "interview", "Interview"
        MEDIA_REPORT = "media_report", "Media report"
        MEETING = "meeting", "Meeting, talks or speech"
        UNSPECIFIED = "unspecified", "Not stated"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.RESTRICT,
        related_name="quotes",
        help_text="The paragraph the words appear in.",
    )
    words = models.TextField(
        help_text="Verbatim, as printed. For reported speech, the writer's words for the claim."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FULL)
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="quotes")
    speaker_as_printed = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the text names the speaker here, e.g. “The Azeri defense ministry”.",
    )
    intermediary = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relayed_quotes",
        help_text="Who relayed the words, e.g. a spokesman speaking for a president.",
    )
    channel = models.CharField(
        max_length=20,
        choices=Channel.choices,
        default=Channel.UNSPECIFIED,
        help_text="How the words reached the writer.",
    )
    channel_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="channel_quotes",
        help_text="The outlet or account the words came through, e.g. Interfax, Twitter.",
    )
    channel_as_printed = models.CharField(
        max_length=300,
        blank=True,
        help_text="As printed, e.g. “was quoted as saying by the Interfax news agency”.",
    )
    said_on = models.DateField(
        null=True, blank=True, help_text="When the words were said, as a calendar date."
    )
    said_on_as_printed = models.CharField(
        max_length=100, blank=True, help_text="As printed, e.g. “on Saturday”."
    )
    said_on_is_inferred = models.BooleanField(
        default=False,
        help_text="Tick when the text does not print the day for these words "
        "and it was taken from the context.",
    )
    dated_on = models.DateField(
        "date",
        null=True,
        editable=False,
        help_text="When the words were said or, where the clipping does not say, printed: "
        "kept in step with them (clippings.quote_dates).",
    )

    anchor_prefix = "q"
    #: The words with what a quote search matched marked, on the search's page; None
    #: elsewhere.
    marked_words = None
    objects = ArticlePartManager.from_queryset(QuoteQuerySet)()
    history = HistoricalRecords(excluded_fields=["dated_on"])

    class Meta(ArticlePart.Meta):
        ordering = ["article_id", "paragraph_id", "pk"]
        indexes = [
            # The admin's list of a million quotes, a page at a time: in this order, and
            # latest said first.
            models.Index(fields=["article", "paragraph", "id"], name="quote_in_order"),
            models.Index(fields=["said_on", "id"], name="quote_said_on_order"),
            # A speaker's quotes with their clippings, read from the index alone: counting
            # those in published clippings, and telling whether a speaker has any.
            models.Index(fields=["speaker", "article"], name="quote_speaker_article"),
            # Quotes in date order, all of them or a speaker's, a page at a time; a speaker's
            # latest quote.
            models.Index(fields=["dated_on", "id"], name="quote_date_order"),
            models.Index(fields=["speaker", "dated_on"], name="quote_speaker_date"),
        ]
        constraints = [
            *ArticlePart.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(said_on_is_inferred=False) | models.Q(said_on__isnull=False),
                name="quote_inferred_date_is_set",
                violation_error_message="An inferred date needs a date.",
            ),
            models.CheckConstraint(
                condition=~models.Q(intermediary=models.F("speaker")),
                name="quote_intermediary_is_not_speaker",
                violation_error_message="The intermediary must be someone other than the speaker.",
            ),
        ]

    def __str__(self):
        words = self.words if len(self.words) <= 80 else self.words[:79] + "…"
        return f"{self.speaker}: “{words}”"

    def get_absolute_url(self):
        """The quote's permalink: its own page, which links to where it is printed. It names
        the quote by its primary key, which never changes, while the clipping's slug may."""
        return page_path("clippings:quote-detail", "pk", self.pk)

    @property
    def update(self):
        """The update the words appeared in, or None for the original post."""
        return self.paragraph.update

    @property
    def is_reported(self):
        """Reported speech: the writer's words for the claim, not in quotation marks."""
        return self.kind == self.Kind.REPORTED

    @property
    def is_in_another_articles_paragraph(self):
        """Whether the paragraph the quote points at belongs to another article."""
        return self.paragraph.article_id != self.article_id

    def words_appear_in(self, paragraph):
        """Whether the quote's words are printed verbatim in ``paragraph`` (its own, or that
        paragraph as an editor is about to change it)."""
        return occurs_verbatim(self.words, paragraph.text)

    @property
    def printed_on(self):
        """The date the words were printed: that of the paragraph's version."""
        return self.paragraph.version_date

    @property
    def is_said_after_printed(self):
        """Whether the date the words were said is later than the date they were printed."""
        if not self.said_on:
            return False
        printed_on = self.printed_on
        return bool(printed_on) and self.said_on > printed_on

    @property
    def paragraph_or_none(self):
        """The quote's paragraph, or None. It may be one not saved yet: the admin saves a
        paragraph and its quotes together, the paragraph first."""
        try:
            return self.paragraph
        except Paragraph.DoesNotExist:
            return None

    def clean(self):
        errors = {}
        paragraph = self.paragraph_or_none
        if paragraph and self.article_id and self.is_in_another_articles_paragraph:
            errors["paragraph"] = "This paragraph belongs to another article."
        elif paragraph and self.words and not self.words_appear_in(paragraph):
            where = paragraph.update.label if paragraph.update_id else "the original post"
            name = paragraph.anchor or "(new)"
            errors["words"] = (
                f"These words do not appear verbatim in paragraph {name} of {where}. "
                "Copy them exactly as printed (typographic and straight quotation marks are "
                "treated alike)."
            )
        if paragraph and paragraph.article_id and self.is_said_after_printed:
            errors["said_on"] = (
                f"The words were printed on {self.printed_on:%d %B %Y}; "
                "they cannot have been said later."
            )
        if errors:
            raise ValidationError(errors)
