from django.views.generic import DetailView
from django_filters.views import FilterView

from clippings.evolution import later_changes, sections_of, versions_of
from clippings.filters import ArticleFilter
from clippings.models import Article
from clippings.timeline import timeline_of

from .mixins import (
    AddressesCarryOnlySetFilters,
    InvalidFiltersAre400,
    WholeListCountedOnceAGeneration,
)

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
            later_changes=later_changes(self.object, versions),
            timeline=timeline_of(versions) if len(versions) > 1 else None,
            **kwargs,
        )


class ArticleListView(
    AddressesCarryOnlySetFilters, WholeListCountedOnceAGeneration, InvalidFiltersAre400, FilterView
):
    """The archive index: every published clipping, filtered, sorted and paginated."""

    filterset_class = ArticleFilter
    template_name = "clippings/article_list.html"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().with_summary().sorted_by("newest")
