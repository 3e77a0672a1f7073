from django.views.generic import DetailView

from clippings.evolution import sections_of, versions_of
from clippings.models import Article


class ArticleDetailView(DetailView):
    """One clipping as published: the original post, then each update."""

    template_name = "clippings/article_detail.html"

    def get_queryset(self):
        return Article.objects.published().with_page_content()

    def get_context_data(self, **kwargs):
        versions = versions_of(self.object)
        return super().get_context_data(
            versions=versions,
            latest=versions[-1],
            sections=sections_of(self.object, versions),
            **kwargs,
        )


class ArticleListView(DetailView):
    def get(self, request):
        from django.http import Http404

        raise Http404("Not built yet.")
