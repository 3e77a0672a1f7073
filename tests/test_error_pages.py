"""A missing page and a server error answer in the archive's own layout, with a search box
and a way back, not Django's bare "Not Found"."""

import pytest
from django.db import connection
from django.template.loader import render_to_string

from .factories import ArticleFactory


def assert_in_the_sites_layout_with_a_way_back(html):
    assert '<nav aria-label="Site">' in html
    assert '<form method="get" action="/" class="filters" role="search"' in html
    assert '<input type="search" name="q" id="way-back-q" maxlength="200">' in html
    assert '<a href="/quotes/">The quote search</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",
        "/articles/no-such-clipping/",
        "/speakers/nobody-at-all/",
        "/tags/x/?page=9",
    ],
)
def test_a_missing_page_is_a_404_in_the_sites_layout_saying_what_was_asked_for(client, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert "<title>Page not found · Clipping Archive</title>" in html
    assert f'<code class="address">{path.split("?")[0]}</code>' in html
    assert_in_the_sites_layout_with_a_way_back(html)


@pytest.mark.django_db
def test_a_missing_pages_address_is_shown_escaped(client):
    html = client.get("/<script>alert(1)</script>/").content.decode()
    assert "<script>alert(1)" not in html
    assert '<code class="address">/%3Cscript%3Ealert%281%29%3C/script%3E/</code>' in html


@pytest.mark.django_db
def test_a_draft_clippings_address_is_a_404_like_any_missing_page(client):
    draft = ArticleFactory(status="draft")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert draft.headline not in response.content.decode()


def test_the_server_error_page_renders_without_a_request_or_the_database():
    """Django renders 500.html with no request and no context, when anything may be down."""
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        connection.ensure_connection()
    html = render_to_string("500.html")
    assert "<h1>Something went wrong</h1>" in html
    assert_in_the_sites_layout_with_a_way_back(html)
