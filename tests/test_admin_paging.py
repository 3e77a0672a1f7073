"""A clipping's admin page shows its quotes and paragraphs a page of rows at a time."""

import re

import pytest

from clippings.models import Quote
from tests.factories import ArticleFactory, ParagraphFactory, QuoteFactory, SpeakerFactory
from tests.test_admin import change_url, submitted

QUOTES_PER_PAGE = 30


@pytest.fixture
def quoted_often(db):
    """A clipping quoting one speaker 35 times in one paragraph: two pages of quotes."""
    article = ArticleFactory()
    paragraph = ParagraphFactory(article=article)
    speaker = SpeakerFactory(name="Serzh Sargsyan")
    for _ in range(35):
        QuoteFactory(paragraph=paragraph, speaker=speaker, words="we will not give up")
    return article


def quote_rows(response):
    return re.findall(r'<a class="part-anchor" id="quotes-(q\d+)">', response.text)


def test_a_clipping_quoting_many_times_shows_its_quotes_a_page_at_a_time(
    admin_client, quoted_often
):
    anchors = list(quoted_often.quotes.values_list("anchor", flat=True))

    first = admin_client.get(change_url(quoted_often))
    second = admin_client.get(change_url(quoted_often), {"quotes-page": 2})

    assert quote_rows(first) == anchors[:QUOTES_PER_PAGE]
    assert quote_rows(second) == anchors[QUOTES_PER_PAGE:]
    assert "Quotes 1–30 of 35 shown" in first.text
    assert 'href="?quotes-page=2#quotes-heading"' in first.text


def test_saving_a_page_of_quotes_saves_its_rows_and_leaves_the_other_pages_alone(
    admin_client, quoted_often
):
    url = change_url(quoted_often) + "?quotes-page=2"
    data = submitted(admin_client.get(url))
    assert data["quotes-INITIAL_FORMS"] == "5"
    last = quoted_often.quotes.order_by("pk").last()
    row = next(k for k, v in data.items() if k.endswith("-id") and v == str(last.pk))
    data[row.replace("-id", "-words")] = "give up"
    data["_continue"] = "Save and continue editing"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert response["Location"].endswith("?quotes-page=2")
    assert Quote.objects.get(pk=last.pk).words == "give up"
    assert quoted_often.quotes.count() == 35
    assert quoted_often.quotes.filter(words="we will not give up").count() == 34
