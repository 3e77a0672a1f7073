"""Pages for one source, tag or speaker, listing a page at a time the published clippings
that credit the source or carry the tag, or the speaker's quotes in published clippings.

Only records a published clipping shows have a page: one that only drafts use is a 404.
"""

from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from clippings.models import Article, Quote, Source, Speaker, Tag

from .articles import ARTICLES_PER_PAGE
from .mixins import PageFoundByKeys
from .quotes import QUOTES_PER_PAGE


class PagedRecordView(SingleObjectMixin, ListView):
    """One public record (looked up by slug, else 404) and a page of what it lists.

    Subclasses set ``model``, ``template_name`` and ``paginate_by``, and list the record's
    rows in ``get_queryset()``. A page number past the end, or not a number, is 404.
    """

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_record_queryset())
        return super().get(request, *args, **kwargs)

    def get_record_queryset(self):
        return self.model.objects.public()


class ArticlesOfObjectView(PagedRecordView):
    """A public record and its published clippings, paginated.

    Subclasses say which clippings belong to the record in ``articles_of()``.
    """

    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        articles = Article.objects.published().with_summary().sorted_by("newest")
        return self.articles_of(articles)

    def articles_of(self, articles):
        raise NotImplementedError


class SourceDetailView(ArticlesOfObjectView):
    """A source, the published clippings that credit it, and the first quotes that reached a
    published clipping through it (its channel quotes), with the way to all of them."""

    model = Source
    template_name = "clippings/source_detail.html"
    #: The channel quotes the page shows; the quote search shows them all.
    QUOTES_SHOWN = 10

    def articles_of(self, articles):
        return articles.crediting(self.object)

    def get_context_data(self, **kwargs):
        quotes = Quote.objects.published().through(self.object)
        return super().get_context_data(
            quote_count=quotes.count(),
            quotes=quotes.first_in_date_order(self.QUOTES_SHOWN),
            **kwargs,
        )


class TagDetailView(ArticlesOfObjectView):
    """A tag and the published clippings filed under it."""

    model = Tag
    template_name = "clippings/tag_detail.html"

    def articles_of(self, articles):
        return articles.tagged(self.object)


class SpeakerDetailView(PageFoundByKeys, PagedRecordView):
    """A public speaker, their other names, and their quotes in published clippings in date
    order, a page at a time."""

    model = Speaker
    template_name = "clippings/speaker_detail.html"
    paginate_by = QUOTES_PER_PAGE

    def get_record_queryset(self):
        return super().get_record_queryset().prefetch_related("aliases")

    def get_queryset(self):
        return Quote.objects.published().by_speaker(self.object)

    def sorted_keys(self, queryset):
        return queryset.keys_in_date_order()

    def page_rows(self, keys):
        return (
            Quote.objects.filter(pk__in=keys)
            .with_attribution()
            .select_related("paragraph__article")
        )
