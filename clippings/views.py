from django.views.generic import DetailView

from .models import Article


class ArticleDetailView(DetailView):
    """One clipping as published: the original post, then each update."""

    template_name = "clippings/article_detail.html"

    def get_queryset(self):
        return Article.objects.published().with_page_content()
