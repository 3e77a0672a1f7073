"""The pages of one source, tag or speaker, with the published clippings that involve it."""

import datetime

import pytest
from django.urls import reverse

from clippings.models import Article, Source, Speaker

from . import factories
from .test_article_list import (
    NASTY_QUERIES,
    add_clippings,
    assert_well_formed_page,
    clipping,
    count_queries,
    listed,
)


def source_url(slug):
    return reverse("clippings:source-detail", kwargs={"slug": slug})


def tag_url(slug):
    return reverse("clippings:tag-detail", kwargs={"slug": slug})


def speaker_url(slug):
    return reverse("clippings:speaker-detail", kwargs={"slug": slug})


# Sources


def test_source_page_shows_the_source_and_the_clippings_crediting_it(client, karabakh):
    response = client.get(source_url("rt"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>RT</h1>" in html
    assert "Broadcaster" in html
    assert '<a href="https://www.rt.com/">' in html
    assert "1 clipping crediting RT" in html
    assert listed(response) == [karabakh.slug]
    assert 'href="/?source=rt"' in html
    assert_well_formed_page(response)


def test_source_page_shows_the_description(client, karabakh):
    html = client.get(source_url("huffpost")).content.decode()
    assert "Formerly The Huffington Post." in html


@pytest.mark.django_db
def test_source_page_lists_only_published_clippings_crediting_the_source(client):
    source = factories.SourceFactory()
    credited = clipping(sources=[source])
    clipping(sources=[source], status=Article.Status.DRAFT, headline="Secret draft")
    clipping(sources=[factories.SourceFactory()])
    response = client.get(source_url(source.slug))
    assert listed(response) == [credited.slug]
    assert "Secret draft" not in response.content.decode()


@pytest.mark.django_db
def test_source_only_quoted_through_shows_no_clippings(client):
    """A source a published clipping names only as a quote's channel has a page, but no
    clipping credits it."""
    source = factories.SourceFactory(url="")
    clipping(sources=[source], status=Article.Status.DRAFT, headline="Secret draft")
    factories.QuoteFactory(
        paragraph=factories.ParagraphFactory(article=clipping()), channel_source=source
    )
    response = client.get(source_url(source.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "No published clippings credit this source yet." in html
    assert "Secret draft" not in html
    assert "Filter and sort" not in html


@pytest.mark.django_db
def test_outlet_of_a_published_clipping_has_a_page_and_of_a_draft_only_none(client):
    published, draft = factories.SourceFactory(), factories.SourceFactory()
    clipping(outlet=published)
    clipping(outlet=draft, status=Article.Status.DRAFT)
    assert client.get(source_url(published.slug)).status_code == 200
    assert client.get(source_url(draft.slug)).status_code == 404


@pytest.mark.django_db
def test_source_page_is_paginated(client):
    source = factories.SourceFactory(slug="agency")
    for _ in range(23):
        clipping(sources=[source])
    first = client.get(source_url("agency"))
    second = client.get(source_url("agency"), {"page": 2})
    assert len(listed(first)) == 20
    assert len(listed(second)) == 3
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "23 clippings crediting" in second.content.decode()
    assert client.get(source_url("agency"), {"page": 3}).status_code == 404


# Tags


def test_tag_page_shows_the_clippings_filed_under_it(client, karabakh):
    response = client.get(tag_url("nagorno-karabakh"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tag “nagorno-karabakh”</h1>" in html
    assert listed(response) == [karabakh.slug]
    assert "1 clipping filed under" in html
    assert_well_formed_page(response)


@pytest.mark.django_db
def test_tag_page_lists_only_published_clippings_with_the_tag(client):
    tag = factories.TagFactory()
    tagged = clipping(tags=[tag])
    clipping(tags=[tag], status=Article.Status.DRAFT, headline="Secret draft")
    clipping(tags=[factories.TagFactory()])
    response = client.get(tag_url(tag.slug))
    assert listed(response) == [tagged.slug]
    assert "Secret draft" not in response.content.decode()


# Speakers


def test_speaker_page_shows_who_the_speaker_is(client, karabakh):
    response = client.get(speaker_url("vladimir-putin"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Vladimir Putin</h1>" in html
    assert "<dd>Person</dd>" in html
    assert "<dd>President of Russia</dd>" in html
    assert "<dd>Russia</dd>" in html
    assert '<a href="https://www.wikidata.org/wiki/Q7747">Q7747</a>' in html
    assert_well_formed_page(response)


def test_speaker_page_lists_the_aliases(client, karabakh):
    html = client.get(speaker_url("serzh-sarksyan")).content.decode()
    assert "<li>“Serzh Sargsyan”</li>" in html
    assert "<li>“Serzh Sarkisian”</li>" in html


@pytest.mark.django_db
def test_speaker_page_without_wikidata_id_or_quotes_says_so(client):
    """A speaker who only relays others' words has a page, with no quote of their own."""
    speaker = factories.SpeakerFactory(wikidata_id="", role="", affiliation="")
    factories.QuoteFactory(
        paragraph=factories.ParagraphFactory(article=clipping()), intermediary=speaker
    )
    html = client.get(speaker_url(speaker.slug)).content.decode()
    assert "Wikidata" not in html
    assert "Role" not in html
    assert f"No published clipping quotes {speaker.name} yet." in html


def test_speaker_page_quotes_the_words_with_attribution_and_paragraph_link(client, karabakh):
    html = client.get(speaker_url("vladimir-putin")).content.decode()
    paragraph_url = f"{karabakh.get_absolute_url()}#p13"
    assert (
        f'<blockquote class="quote" cite="{paragraph_url}"><p>'
        "to exercise restraint so as to avert new human casualties</p></blockquote>" in html
    )
    assert "via Kremlin spokesman" in html  # the attribution line
    assert '<a href="/sources/interfax/">Interfax</a>' in html
    assert f'<a href="{paragraph_url}">' in html
    assert "Reported speech:" in html
    assert "2 quotes in the archive" in html


def test_speaker_page_lists_quotes_by_the_date_they_were_said(client, karabakh):
    """Said on 2 April, then said on 3 April, then undated ones printed in the 3 April update,
    whatever order the clipping prints them in."""
    response = client.get(speaker_url("azerbaijani-defence-ministry"))
    anchors = [quote.anchor for quote in response.context["object_list"]]
    assert anchors == ["q6", "q7", "q8", "q3", "q4", "q5", "q19", "q20"]


@pytest.mark.django_db
def test_speaker_page_orders_quotes_of_several_clippings_by_date(client):
    speaker = factories.SpeakerFactory()
    later = clipping(published_on=datetime.date(2016, 5, 1))
    earlier = clipping(published_on=datetime.date(2016, 4, 1))
    said_early = clipping(published_on=datetime.date(2016, 6, 1))
    for article, said_on in (
        (later, None),
        (earlier, None),
        (said_early, datetime.date(2016, 3, 1)),
    ):
        factories.QuoteFactory(
            paragraph=factories.ParagraphFactory(article=article), speaker=speaker, said_on=said_on
        )
    response = client.get(speaker_url(speaker.slug))
    quotes = response.context["object_list"]
    assert [quote.article for quote in quotes] == [said_early, earlier, later]


@pytest.mark.django_db
def test_speaker_page_hides_quotes_in_drafts(client):
    speaker = factories.SpeakerFactory()
    published = factories.QuoteFactory(
        paragraph=factories.ParagraphFactory(article=clipping()), speaker=speaker
    )
    draft = clipping(status=Article.Status.DRAFT, headline="Secret draft")
    factories.QuoteFactory(
        paragraph=factories.ParagraphFactory(article=draft), speaker=speaker, words="we will not"
    )
    response = client.get(speaker_url(speaker.slug))
    assert list(response.context["object_list"]) == [published]
    assert "Secret draft" not in response.content.decode()


@pytest.mark.django_db
def test_speaker_page_shows_fifty_quotes_a_page_and_how_many_in_all(client):
    speaker = factories.SpeakerFactory()
    paragraph = factories.ParagraphFactory(article=clipping())
    factories.QuoteFactory.create_batch(120, paragraph=paragraph, speaker=speaker)

    first = client.get(speaker_url(speaker.slug))
    last = client.get(speaker_url(speaker.slug), {"page": 3})
    assert len(first.context["object_list"]) == 50
    assert len(last.context["object_list"]) == 20
    assert first.content.decode().count('<figure class="quote-item">') == 50
    for response in (first, last):
        html = response.content.decode()
        assert "120 quotes in the archive" in html
        assert_well_formed_page(response)
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Showing 101–120." in last.content.decode()
    assert 'rel="prev"' in last.content.decode()
    pages = [first, client.get(speaker_url(speaker.slug), {"page": 2}), last]
    shown = [quote.pk for page in pages for quote in page.context["object_list"]]
    assert sorted(shown) == sorted(speaker.quotes.values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["4", "0", "last-but-one", "2.5"])
def test_speaker_page_past_the_end_or_not_a_number_is_404(client, page):
    speaker = factories.SpeakerFactory()
    paragraph = factories.ParagraphFactory(article=clipping())
    factories.QuoteFactory.create_batch(120, paragraph=paragraph, speaker=speaker)
    assert client.get(speaker_url(speaker.slug), {"page": page}).status_code == 404
    assert client.get(speaker_url(speaker.slug), {"page": "last"}).status_code == 200


@pytest.mark.django_db
def test_speaker_page_lists_aliases_of_a_new_speaker(client):
    alias = factories.SpeakerAliasFactory(name="The Ministry")
    clipping(speakers=[alias.speaker])
    html = client.get(speaker_url(alias.speaker.slug)).content.decode()
    assert "“The Ministry”" in html


# Unknown slugs


@pytest.mark.django_db
@pytest.mark.parametrize("url", [source_url("nope"), tag_url("nope"), speaker_url("nope")])
def test_unknown_slug_is_404(client, url):
    assert client.get(url).status_code == 404


def test_path_that_is_not_a_slug_is_404(client, karabakh):
    for prefix in ("/sources/", "/tags/", "/speakers/"):
        assert client.get(f"{prefix}r%00t/").status_code == 404
        assert client.get(f"{prefix}%C3%A4/").status_code == 404


# Query counts

# A speaker's page of quotes, and the first quotes of a source, are found in three queries:
# their dates, the quotes of the first date ahead of them, and the keys (DateOrderedKeys).
DETAIL_PAGES = [
    pytest.param(source_url("common"), 11, id="source"),
    pytest.param(tag_url("common"), 6, id="tag"),
    pytest.param(speaker_url("common"), 8, id="speaker"),
]


def add_channel_quotes(count, source):
    for _ in range(count):
        paragraph = factories.ParagraphFactory(article=clipping())
        factories.QuoteFactory(paragraph=paragraph, channel_source=source)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "most"), DETAIL_PAGES)
def test_detail_page_runs_as_many_queries_for_thirty_clippings_as_for_five(
    client, django_assert_max_num_queries, url, most
):
    tag = factories.TagFactory(slug="common")
    source = factories.SourceFactory(slug="common")
    speaker = factories.SpeakerFactory(slug="common")
    factories.SpeakerAliasFactory(speaker=speaker)
    add_clippings(5, tag, source, speaker)
    add_channel_quotes(5, source)
    few = count_queries(client, url)
    add_clippings(25, tag, source, speaker)
    add_channel_quotes(25, source)
    with django_assert_max_num_queries(most):
        many = count_queries(client, url)
    assert many == few


def test_detail_pages_count_the_same_queries_on_a_later_page(client, karabakh):
    source = Source.objects.get(slug="rt")
    speaker = Speaker.objects.get(slug="vladimir-putin")
    add_clippings(25, factories.TagFactory(slug="common"), source, speaker)
    assert count_queries(client, source_url("rt") + "?page=2") == count_queries(
        client, source_url("rt")
    )


# Bad input: never a server error


@pytest.mark.parametrize("query", NASTY_QUERIES)
@pytest.mark.parametrize(
    "url",
    [source_url("rt"), tag_url("nagorno-karabakh"), speaker_url("vladimir-putin")],
    ids=["source", "tag", "speaker"],
)
def test_detail_page_answers_any_query_string_without_a_server_error(client, karabakh, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert "\x00" not in response.content.decode()


@pytest.mark.django_db
def test_speaker_page_offers_their_quotes_as_csv_and_json_named_after_them(client):
    """Namesakes apart: the download holds this speaker's quotes, not those of another whose
    name begins the same."""
    speaker = factories.SpeakerFactory(name="Serzh Sarksyan", slug="serzh-sarksyan")
    namesake = factories.SpeakerFactory(name="Serzh Sarksyan Jr", slug="serzh-sarksyan-jr")
    for who in (speaker, speaker, namesake):
        factories.QuoteFactory(
            paragraph=factories.ParagraphFactory(article=clipping()), speaker=who
        )

    html = client.get(speaker_url(speaker.slug)).content.decode()
    csv_link = "/quotes/?speaker=serzh-sarksyan&amp;format=csv"
    assert f'Download all 2 as <a href="{csv_link}" download>CSV</a>' in html
    assert '<a href="/quotes/?speaker=serzh-sarksyan&amp;format=json" download>JSON</a>' in html

    download = client.get(csv_link.replace("&amp;", "&"))
    assert download["Content-Disposition"] == 'attachment; filename="quotes-serzh-sarksyan.csv"'
    rows = b"".join(download.streaming_content).decode().splitlines()
    assert len(rows) == 1 + 2
    assert all(",Serzh Sarksyan,serzh-sarksyan," in row for row in rows[1:])


def test_source_page_lists_the_quotes_that_came_through_it(client, karabakh):
    """Interfax is credited by no clipping, yet two quotes reached the story through it."""
    through = karabakh.quotes.filter(channel_source__slug="interfax")
    html = client.get(source_url("interfax")).content.decode()
    assert "0 clippings crediting Interfax" in html
    assert f"{through.count()} quotes through Interfax" in html
    for quote in through:
        assert quote.words in html
        assert f'href="{quote.paragraph.get_absolute_url()}"' in html
    assert '<a href="/quotes/?source=interfax">Search all 2</a>' in html
    assert '<a href="/quotes/?source=interfax&amp;format=csv" download>CSV</a>' in html


@pytest.mark.django_db
def test_source_page_shows_the_first_ten_channel_quotes_in_date_order(client):
    source = factories.SourceFactory(name="Baku Wire", slug="baku-wire")
    article = clipping(published_on=datetime.date(2016, 4, 3))
    for day in range(12, 0, -1):
        factories.QuoteFactory(
            paragraph=factories.ParagraphFactory(article=article),
            channel_source=source,
            said_on=datetime.date(2016, 3, day),
        )
    response = client.get(source_url(source.slug))
    html = response.content.decode()
    assert "12 quotes through Baku Wire" in html
    assert "The first 10, in date order." in html
    shown = [quote.said_on.day for quote in response.context["quotes"]]
    assert shown == list(range(1, 11))


def test_source_page_of_a_source_no_quote_came_through_says_so(client, karabakh):
    html = client.get(source_url("rt")).content.decode()
    assert "No quote in a published clipping came through RT." in html
