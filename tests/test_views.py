"""The clipping page that the admin's "view on site" opens."""

import pytest
from django.urls import reverse

from clippings.models import Article

from .factories import ArticleFactory


def test_clipping_page_shows_original_post_then_update_paragraph_by_paragraph(client, karabakh):
    response = client.get(karabakh.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'id="{p.anchor}"') for p in karabakh.paragraphs.all()]
    assert positions == sorted(positions)
    assert html.index("Armenia and Azerbaijan reported") < html.index("Update Sunday 03/04/2016")
    assert "date inferred" in html


def test_clipping_page_runs_a_fixed_number_of_queries(client, karabakh, django_assert_num_queries):
    with django_assert_num_queries(6):
        client.get(karabakh.get_absolute_url())


@pytest.mark.django_db
def test_draft_clipping_is_not_public(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_unknown_clipping_is_404(client):
    url = reverse("clippings:article-detail", kwargs={"slug": "no-such-story"})
    assert client.get(url).status_code == 404
