from django.http import Http404


def bibtex(request, slug, version):
    raise Http404("Not built yet.")


def csl_json(request, slug, version):
    raise Http404("Not built yet.")
