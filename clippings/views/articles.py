from django.views.generic import DetailView
from django_filters.views import FilterView

from clippings.evolution import sections_of, versions_of
from clippings.filters import ArticleFilter
from clippings.models import Article

ARTICLES_PER_PAGE = 20


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


class ArticleListView(FilterView):
    """The archive index: every published clipping, filtered, sorted and paginated.

    FilterView answers invalid filters with an empty list and status 200; here they get the
    form back with its errors and status 400. A page number past the end, or not a number,
    is a 404.
    """

    filterset_class = ArticleFilter
    template_name = "clippings/article_list.html"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().with_summary().sorted_by("newest")

    def filters_are_invalid(self):
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_paginate_by(self, queryset):
        return None if self.filters_are_invalid() else self.paginate_by

    def render_to_response(self, context, **response_kwargs):
        if self.filters_are_invalid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)
