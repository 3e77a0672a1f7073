"""Pages for one source, tag or speaker, listing the published clippings that involve it.

Only records a published clipping shows have a page: one that only drafts use is a 404.
"""

from django.views.generic import DetailView, ListView
from django.views.generic.detail import SingleObjectMixin

from clippings.models import Article, Quote, Source, Speaker, Tag

from .articles import ARTICLES_PER_PAGE


class ArticlesOfObjectView(SingleObjectMixin, ListView):
    """One public record (looked up by slug, else 404) and its published clippings, paginated.

    Subclasses set ``model`` and ``template_name`` and say which clippings belong to the
    record in ``articles_of()``.
    """

    paginate_by = ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.model.objects.public())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        articles = Article.objects.published().with_summary().sorted_by("newest")
        return self.articles_of(articles)

    def articles_of(self, articles):
        raise NotImplementedError


class SourceDetailView(ArticlesOfObjectView):
    """A source and the published clippings that credit it."""

    model = Source
    template_name = "clippings/source_detail.html"

    def articles_of(self, articles):
        return articles.crediting(self.object)


class TagDetailView(ArticlesOfObjectView):
    """A tag and the published clippings filed under it."""

    model = Tag
    template_name = "clippings/tag_detail.html"

    def articles_of(self, articles):
        return articles.tagged(self.object)


class SpeakerDetailView(DetailView):
    """A public speaker, their other names, and each of their quotes in published clippings."""

    template_name = "clippings/speaker_detail.html"

    def get_queryset(self):
        return Speaker.objects.public().prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        quotes = (
            Quote.objects.published()
            .by_speaker(self.object)
            .with_attribution()
            .select_related("paragraph__article")
            .in_date_order()
        )
        return super().get_context_data(quotes=quotes, **kwargs)
