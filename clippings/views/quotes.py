"""The quote search, each quote's own page, and the speakers list."""

from django.http import HttpResponseBadRequest
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from django_filters.views import FilterView

from clippings.evolution import later_changes
from clippings.exports import export_response
from clippings.filters import QuoteFilter, SpeakerFilter
from clippings.models import Quote, Speaker
from clippings.search import highlighted_words
from clippings.speaker_names import closest_names
from clippings.standings import in_speaker_order, speaker_standings, with_standings

from .citations import published_quote, quote_citation
from .mixins import (
    AddressesCarryOnlySetFilters,
    InvalidFiltersAre400,
    PageFoundByKeys,
    WholeListCountedOnceAGeneration,
)

EXPORT_FORMATS = ("csv", "json")
QUOTES_PER_PAGE = 50


class QuoteListView(
    AddressesCarryOnlySetFilters,
    WholeListCountedOnceAGeneration,
    PageFoundByKeys,
    InvalidFiltersAre400,
    FilterView,
):
    """Quotes by speaker, words, clipping, channel, kind, affiliation and date.

    ``?format=csv`` or ``?format=json`` downloads every result with the same filters.
    """

    filterset_class = QuoteFilter
    template_name = "clippings/quote_list.html"
    paginate_by = QUOTES_PER_PAGE

    def get_queryset(self):
        return Quote.objects.published().in_date_order()

    @property
    def words_searched(self):
        return self.filterset.form.cleaned_data.get("q") if self.filterset.is_valid() else ""

    def sorted_keys(self, queryset):
        if self.words_searched:  # best match first
            return super().sorted_keys(queryset)
        return queryset.keys_in_date_order()

    def page_rows(self, keys):
        quotes = Quote.objects.filter(pk__in=keys).with_attribution().with_date()
        words = self.words_searched
        marked = highlighted_words(keys, words) if words else {}
        for quote in quotes:
            quote.marked_words = marked.get(quote.pk)
            yield quote

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("format", "")
        if export_format and export_format not in EXPORT_FORMATS:
            return HttpResponseBadRequest(
                "Unknown export format: use format=csv or format=json.",
                content_type="text/plain; charset=utf-8",
            )
        if export_format:
            filterset = self.get_filterset(self.get_filterset_class())
            if not filterset.is_valid():
                errors = "; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
                )
                return HttpResponseBadRequest(
                    f"The filters could not be applied. {errors}",
                    content_type="text/plain; charset=utf-8",
                )
            return export_response(filterset.qs, request, export_format, filterset.file_name())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unmatched = self.filterset.speaker_unmatched if not self.filters_are_invalid() else ""
        context["speaker_unmatched"] = unmatched
        context["aliases_matched"] = (
            self.filterset.speaker_aliases_matched if not self.filters_are_invalid() else []
        )
        context["suggestions"] = closest_names(unmatched) if unmatched else []
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        context["export_query"] = query.urlencode()
        return context


class QuoteDetailView(TemplateView):
    """A quote's permalink: the words, who said them, through whom and when, the paragraph
    that prints them, and how to cite them."""

    template_name = "clippings/quote_detail.html"

    def get_context_data(self, **kwargs):
        published = published_quote(self.kwargs["pk"])
        version = published.version
        return super().get_context_data(
            article=published.article,
            quote=published.quote,
            paragraph=published.paragraph,
            version=version,
            version_anchor=version.anchor_of(published.paragraph),
            later_change=later_changes(published.article, published.versions).get(
                published.paragraph.pk
            ),
            citation=quote_citation(self.request, published),
            **kwargs,
        )


class SpeakerListView(
    AddressesCarryOnlySetFilters,
    WholeListCountedOnceAGeneration,
    PageFoundByKeys,
    InvalidFiltersAre400,
    FilterView,
):
    """Every speaker quoted in a published clipping, with how often, a page at a time."""

    filterset_class = SpeakerFilter
    template_name = "clippings/speaker_list.html"
    paginate_by = 100

    def get_queryset(self):
        return Speaker.objects.quoted_in_published().in_name_order()

    @cached_property
    def standings(self):
        return speaker_standings()

    def sorted_keys(self, queryset):
        keys = super().sorted_keys(queryset)
        order = self.filterset.chosen_order
        return in_speaker_order(keys, order, self.standings) if order else keys

    def page_rows(self, keys):
        speakers = Speaker.objects.filter(pk__in=keys)
        if self.filterset.chosen_order:
            return with_standings(speakers, self.standings)
        return speakers.with_published_quote_count().with_latest_published_quote()
