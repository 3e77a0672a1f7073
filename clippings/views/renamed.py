"""Links to a clipping keep working when its slug changes."""

import functools

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from clippings.models import Article


def follows_renamed_articles(view):
    """Wrap a view of ``articles/<slug>/...``: where no published clipping has ``slug``, but
    one had it before a rename (or has it in other upper and lower case letters), answer with
    a permanent redirect to the same page of that clipping under its slug now."""

    @functools.wraps(view)
    def wrapper(request, *args, slug, **kwargs):
        try:
            return view(request, *args, slug=slug, **kwargs)
        except Http404:
            current = (
                Article.objects.published()
                .known_by_slug(slug)
                .values_list("slug", flat=True)
                .first()
            )
            if current is None or current == slug:
                raise
            url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": current})
            if request.META.get("QUERY_STRING"):
                url = f"{url}?{request.META['QUERY_STRING']}"
            return HttpResponsePermanentRedirect(url)

    return wrapper
