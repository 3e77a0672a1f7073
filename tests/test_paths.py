"""Each object's page address, built without ``reverse()`` per object, is the one ``reverse()``
gives: under the site's URLconf, another URLconf, and a script prefix."""

import pytest
from django.test import override_settings
from django.urls import include, path, reverse, set_script_prefix

from clippings.paths import page_path
from tests.factories import ArticleFactory, QuoteFactory, SourceFactory, TagFactory

pytestmark = pytest.mark.django_db


def _pages():
    quote = QuoteFactory()
    return [
        (quote.article, "clippings:article-detail", {"slug": quote.article.slug}),
        (quote, "clippings:quote-detail", {"pk": quote.pk}),
        (quote.speaker, "clippings:speaker-detail", {"slug": quote.speaker.slug}),
        (SourceFactory(), "clippings:source-detail", None),
        (TagFactory(), "clippings:tag-detail", None),
    ]


def test_each_page_address_is_the_one_reverse_gives():
    for record, url_name, kwargs in _pages():
        kwargs = kwargs or {"slug": record.slug}
        assert record.get_absolute_url() == reverse(url_name, kwargs=kwargs)


def test_a_site_served_under_a_prefix_links_its_pages_under_it():
    article = ArticleFactory.build(slug="a-story")
    set_script_prefix("/archive/")
    try:
        assert article.get_absolute_url() == "/archive/articles/a-story/"
    finally:
        set_script_prefix("/")
    assert article.get_absolute_url() == "/articles/a-story/"


def _elsewhere(request, slug):
    return None


urlpatterns = [
    path(
        "",
        include(([path("elsewhere/<slug:slug>/", _elsewhere, name="article-detail")], "clippings")),
    )
]


@override_settings(ROOT_URLCONF="tests.test_paths")
def test_another_urlconf_gets_its_own_addresses():
    assert ArticleFactory.build(slug="a-story").get_absolute_url() == "/elsewhere/a-story/"
    assert page_path("clippings:article-detail", "slug", "b") == "/elsewhere/b/"
