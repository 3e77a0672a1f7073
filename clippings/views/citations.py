"""Citation downloads: one version of a published clipping, or one quote of it, as BibTeX or
CSL-JSON."""

import json
from dataclasses import dataclass
from functools import cached_property

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from clippings.citations import Citation, QuoteCitation
from clippings.evolution import first_printed_in, versions_of
from clippings.models import Article

BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
CSL_JSON_CONTENT_TYPE = "application/vnd.citationstyles.csl+json"


def bibtex(request, slug, version):
    return _bibtex_download(_citation(request, slug, version))


def csl_json(request, slug, version):
    return _csl_json_download(_citation(request, slug, version))


def quote_bibtex(request, pk):
    return _bibtex_download(quote_citation(request, published_quote(pk)))


def quote_csl_json(request, pk):
    return _csl_json_download(quote_citation(request, published_quote(pk)))


@dataclass(frozen=True)
class PublishedQuote:
    """A quote of a published clipping, with what its page and citation read: the clipping
    (fetched ``with_versions()``), its versions, and the quote's paragraph as fetched with
    it (its quotes prefetched)."""

    article: object
    versions: list
    paragraph: object
    quote: object

    @cached_property
    def version(self):
        """The version that first printed the quote (asked by the page and its citation)."""
        return first_printed_in(self.versions, self.paragraph)


def published_quote(pk):
    """Quote ``pk`` of a published clipping, in a fixed number of queries; or 404."""
    article = get_object_or_404(Article.objects.published().with_versions(), quotes=pk)
    for paragraph in article.paragraphs.all():
        for quote in paragraph.quotes.all():
            if quote.pk == pk:
                return PublishedQuote(article, versions_of(article), paragraph, quote)
    # Only a quote whose paragraph belongs to another clipping, which ``check_archive``
    # reports, is not among its own clipping's paragraphs.
    raise Http404("This quote is not printed in its clipping.")


def quote_citation(request, published):
    """The ``QuoteCitation`` of a ``PublishedQuote``, its permalink on the host asked."""
    return QuoteCitation.of(request, published.article, published.version, published.quote)


def _citation(request, slug, key):
    """The citation of version ``key`` of a published clipping, or 404."""
    article = get_object_or_404(Article.objects.published().with_versions(), slug=slug)
    for version in versions_of(article):
        if version.key == key:
            return Citation.of(request, article, version)
    raise Http404("This clipping has no such version.")


def _bibtex_download(citation):
    return _download(citation.bibtex(), BIBTEX_CONTENT_TYPE, f"{citation.filename}.bib")


def _csl_json_download(citation):
    document = json.dumps(citation.csl_json(), ensure_ascii=False, indent=2) + "\n"
    return _download(document, CSL_JSON_CONTENT_TYPE, f"{citation.filename}.json")


def _download(text, content_type, filename):
    response = HttpResponse(text.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
