"""Queries the views and the admin repeat, kept next to the models they serve."""

from django.db import models
from django.db.models.functions import Coalesce, Lower


def count_of(model, field, queryset=None):
    """A correlated ``COUNT`` of ``model`` rows whose ``field`` points at the outer row.

    Unlike ``Count()`` over joins it neither multiplies rows nor needs ``DISTINCT`` when
    several counts are annotated at once. ``queryset`` narrows the rows counted.
    """
    rows = (
        (model.objects.all() if queryset is None else queryset)
        .filter(**{field: models.OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=models.Count("pk"))
        .values("total")
    )
    return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)


def _in_published_quotes(field):
    """``EXISTS``: a quote in a published clipping whose ``field`` is the outer row."""
    from clippings.models import Quote

    return models.Exists(Quote.objects.published().filter(**{field: models.OuterRef("pk")}))


def _credited_in_published():
    """``EXISTS``: a published clipping that credits the outer row (a source)."""
    from clippings.models import Article

    return models.Exists(Article.objects.published().filter(credits__source=models.OuterRef("pk")))


class ArticleQuerySet(models.QuerySet):
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
        from clippings.models import Paragraph, Quote, Update

        return self.annotate(
            update_count=count_of(Update, "article"),
            quote_count=count_of(Quote, "article"),
            paragraph_count=count_of(Paragraph, "article"),
        )

    def with_page_content(self):
        """Everything the clipping page shows, in a fixed number of queries."""
        from clippings.models import Credit, Paragraph, Quote

        return self.prefetch_related(
            "tags",
            "updates",
            models.Prefetch("credits", queryset=Credit.objects.select_related("source")),
            models.Prefetch(
                "paragraphs",
                queryset=Paragraph.objects.select_related("update", "replaces").prefetch_related(
                    models.Prefetch("quotes", queryset=Quote.objects.with_attribution())
                ),
            ),
        )

    def with_summary(self):
        """Everything a clipping's entry in a list shows, in a fixed number of queries.

        Adds the counts of ``with_counts()``, ``last_updated_on`` (the date of the latest
        update, or None) and ``current_headline`` (the headline after the latest update that
        changed it, else the original one).
        """
        from clippings.models import Credit, Update

        latest_first = Update.objects.filter(article=models.OuterRef("pk")).order_by(
            "-published_on", "-pk"
        )
        return (
            self.with_counts()
            .annotate(
                last_updated_on=models.Subquery(latest_first.values("published_on")[:1]),
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
        """Articles whose headline (original or updated) or any paragraph contains ``text``.

        Case-insensitive (on SQLite for ASCII letters only). ``EXISTS`` subqueries rather
        than joins, so an article with many matching paragraphs is listed once.
        """
        from clippings.models import Paragraph, Update

        return self.filter(
            models.Q(headline__icontains=text)
            | models.Exists(
                Update.objects.filter(article=models.OuterRef("pk"), headline__icontains=text)
            )
            | models.Exists(
                Paragraph.objects.filter(article=models.OuterRef("pk"), text__icontains=text)
            )
        )

    def tagged(self, tag):
        return self.filter(
            models.Exists(
                self.model.tags.through.objects.filter(article=models.OuterRef("pk"), tag=tag)
            )
        )

    def crediting(self, source):
        from clippings.models import Credit

        return self.filter(
            models.Exists(Credit.objects.filter(article=models.OuterRef("pk"), source=source))
        )

    def quoting(self, speaker):
        """Articles that quote ``speaker`` (as the speaker, not as an intermediary)."""
        from clippings.models import Quote

        return self.filter(
            models.Exists(Quote.objects.filter(article=models.OuterRef("pk"), speaker=speaker))
        )

    def with_updates(self, has_updates=True):
        """Articles with at least one update, or with ``has_updates=False`` none."""
        from clippings.models import Update

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


class ParagraphQuerySet(models.QuerySet):
    def original_post(self):
        return self.filter(update__isnull=True)


class QuoteQuerySet(models.QuerySet):
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

    def published(self):
        """Quotes in published clippings."""
        from clippings.models import Article

        return self.filter(article__in=Article.objects.published())

    def by_speaker(self, speaker):
        return self.filter(speaker=speaker)

    def said_by(self, speaker_ids):
        return self.filter(speaker_id__in=speaker_ids)

    def with_date(self):
        """``date``: when the words were said or, where the clipping does not say, printed."""
        return self.annotate(
            date=Coalesce("said_on", "paragraph__update__published_on", "article__published_on")
        )

    def in_date_order(self):
        """Oldest first: by the date the words were said or, when the clipping does not say,
        the date they were printed; then by the clipping's date and the printed order."""
        return self.order_by(
            Coalesce("said_on", "paragraph__update__published_on", "article__published_on"),
            "article__published_on",
            "article_id",
            models.F("paragraph__update__published_on").asc(nulls_first=True),
            models.F("paragraph__update_id").asc(nulls_first=True),
            "paragraph__position",
            "paragraph_id",
            "pk",
        )


class SpeakerQuerySet(models.QuerySet):
    def with_quote_count(self):
        from clippings.models import Quote

        return self.annotate(quote_count=count_of(Quote, "speaker"))

    def with_published_quote_count(self):
        from clippings.models import Quote

        return self.annotate(quote_count=count_of(Quote, "speaker", Quote.objects.published()))

    def public(self):
        """Speakers a published clipping shows: quoted in one, or relaying a quote in one.

        Only these may appear anywhere public (pages, lists, filters, name suggestions,
        exports, feeds, the sitemap); a speaker that only drafts use stays unseen.
        """
        return self.filter(_in_published_quotes("speaker") | _in_published_quotes("intermediary"))

    def quoted_in_published(self):
        """Public speakers quoted as the speaker (not only relaying) in a published clipping."""
        return self.filter(_in_published_quotes("speaker"))


class SourceQuerySet(models.QuerySet):
    def with_counts(self):
        from clippings.models import Credit, Quote

        return self.annotate(
            article_count=count_of(Credit, "source"),
            quote_count=count_of(Quote, "channel_source"),
        )

    def public(self):
        """Sources a published clipping shows: credited by one, or the channel of a quote in
        one. Only these may appear anywhere public; a source only drafts use stays unseen."""
        return self.filter(_credited_in_published() | _in_published_quotes("channel_source"))

    def credited_in_published(self):
        """Public sources credited (not only a quote's channel) by a published clipping."""
        return self.filter(_credited_in_published())


class TagQuerySet(models.QuerySet):
    def with_article_count(self):
        return self.annotate(article_count=models.Count("articles", distinct=True))

    def public(self):
        """Tags a published clipping carries. Only these may appear anywhere public; a tag
        only drafts carry stays unseen."""
        from clippings.models import Article

        return self.filter(
            models.Exists(Article.objects.published().filter(tags=models.OuterRef("pk")))
        )
