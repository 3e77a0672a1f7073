"""Queries the views and the admin repeat, kept next to the models they serve."""

from django.db import models
from django.db.models.functions import Coalesce


def count_of(model, field):
    """A correlated ``COUNT`` of ``model`` rows whose ``field`` points at the outer row.

    Unlike ``Count()`` over joins it neither multiplies rows nor needs ``DISTINCT`` when
    several counts are annotated at once.
    """
    rows = (
        model.objects.filter(**{field: models.OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=models.Count("pk"))
        .values("total")
    )
    return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)


class ArticleQuerySet(models.QuerySet):
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


class ParagraphQuerySet(models.QuerySet):
    def original_post(self):
        return self.filter(update__isnull=True)


class QuoteQuerySet(models.QuerySet):
    def with_attribution(self):
        """Everything a quote's attribution line shows, in one query."""
        return self.select_related(
            "speaker", "intermediary", "channel_source", "paragraph__update", "article"
        )


class SpeakerQuerySet(models.QuerySet):
    def with_quote_count(self):
        from clippings.models import Quote

        return self.annotate(quote_count=count_of(Quote, "speaker"))


class SourceQuerySet(models.QuerySet):
    def with_counts(self):
        from clippings.models import Credit, Quote

        return self.annotate(
            article_count=count_of(Credit, "source"),
            quote_count=count_of(Quote, "channel_source"),
        )


class TagQuerySet(models.QuerySet):
    def with_article_count(self):
        return self.annotate(article_count=models.Count("articles", distinct=True))
