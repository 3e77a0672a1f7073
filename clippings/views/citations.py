"""Citation downloads: one version of a published clipping as BibTeX or CSL-JSON."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from clippings.citations import Citation
from clippings.evolution import versions_of
from clippings.models import Article

BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
CSL_JSON_CONTENT_TYPE = "application/vnd.citationstyles.csl+json"


def bibtex(request, slug, version):
    citation = _citation(request, slug, version)
    return _download(citation.bibtex(), BIBTEX_CONTENT_TYPE, f"{citation.filename}.bib")


def csl_json(request, slug, version):
    citation = _citation(request, slug, version)
    document = json.dumps(citation.csl_json(), ensure_ascii=False, indent=2) + "\n"
    return _download(document, CSL_JSON_CONTENT_TYPE, f"{citation.filename}.json")


def _citation(request, slug, key):
    """The citation of version ``key`` of a published clipping, or 404."""
    article = get_object_or_404(Article.objects.published().with_versions(), slug=slug)
    for version in versions_of(article):
        if version.key == key:
            return Citation.of(request, article, version)
    raise Http404("This clipping has no such version.")


def _download(text, content_type, filename):
    response = HttpResponse(text.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
