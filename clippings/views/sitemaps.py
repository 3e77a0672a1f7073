"""The sitemap index: a file for each page of each section of the sitemap (``sitemaps.py``)."""

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.template.response import TemplateResponse
from django.urls import reverse


@x_robots_tag
def sitemap_index(request, sitemaps):
    """Like Django's own index, but dating each page by the latest change on that page (not
    the whole section), and leaving out pages with nothing to list."""
    domain = get_current_site(request).domain
    entries = []
    for section, sitemap in sitemaps.items():
        path = reverse("clippings:sitemap-section", kwargs={"section": section})
        location = f"{request.scheme}://{domain}{path}"
        entries.extend(
            SitemapIndexItem(location if number == 1 else f"{location}?p={number}", lastmod)
            for number, lastmod in sitemap().index_entries()
        )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
