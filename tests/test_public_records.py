"""A speaker, source or tag that only drafts use shows nowhere public.

Pages answer 404; lists, filter choices, name matching and "Did you mean" suggestions,
exports, the feed and the sitemap leave it out. Once a published clipping uses it, it shows
everywhere, so each check below can fail.
"""

import csv
import io
import json
from types import SimpleNamespace

import feedparser
import lxml.html
import pytest
from django.urls import reverse
from lxml import etree

from clippings.models import Article, Quote

from . import factories

SEARCH = reverse("clippings:quote-search")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def draft(db):
    """A draft clipping and the records only it uses, beside a published clipping of its own.

    The draft quotes its own speaker (who has an alias), relayed by its own intermediary,
    through its own source, which it also credits, and carries its own tag.
    """
    published = factories.ArticleFactory(headline="A published story")
    factories.QuoteFactory(
        paragraph=factories.ParagraphFactory(article=published),
        speaker=factories.SpeakerFactory(name="Ordinary Speaker"),
    )
    article = factories.ArticleFactory(
        status=Article.Status.DRAFT, headline="A story still in draft"
    )
    speaker = factories.SpeakerFactory(
        name="Zebulon Quartermaine",
        slug="zebulon-quartermaine",
        role="Minister of Quiet Affairs",
        affiliation="Hushland",
    )
    alias = factories.SpeakerAliasFactory(speaker=speaker, name="Zeb Quarterman")
    intermediary = factories.SpeakerFactory(
        name="Persimmon Wigglesworth", slug="persimmon-wigglesworth"
    )
    source = factories.SourceFactory(name="Hush Wire Service", slug="hush-wire")
    tag = factories.TagFactory(name="hushed affairs", slug="hushed-affairs")
    factories.CreditFactory(article=article, source=source)
    article.tags.add(tag)
    factories.QuoteFactory(
        paragraph=factories.ParagraphFactory(article=article),
        speaker=speaker,
        intermediary=intermediary,
        channel=Quote.Channel.NEWS_AGENCY,
        channel_source=source,
    )
    return SimpleNamespace(
        article=article,
        speaker=speaker,
        alias=alias,
        intermediary=intermediary,
        source=source,
        tag=tag,
    )


def publish(article):
    article.status = Article.Status.PUBLISHED
    article.save()


def select_options(client, url, name, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    return page.xpath(f'//select[@name="{name}"]/option/@value')


def speakers_listed(client, records):
    response = client.get(reverse("clippings:speaker-list"))
    assert response.status_code == 200
    return {speaker.slug for speaker in response.context["object_list"]}


def sitemap_paths(client):
    """The paths the files of the sitemap index list."""
    paths = set()
    for index_entry in locations(client, reverse("clippings:sitemap")):
        paths |= locations(client, index_entry)
    return paths


def locations(client, path):
    response = client.get(path)
    assert response.status_code == 200
    found = etree.fromstring(response.content).iter(f"{SITEMAP}loc")
    return {location.text.removeprefix("http://testserver") for location in found}


def feed_categories(client):
    response = client.get(reverse("clippings:feed"))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    return {tag.term for entry in feed.entries for tag in entry.get("tags", [])}


def csv_export(client):
    response = client.get(SEARCH, {"format": "csv"})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def json_export(client):
    response = client.get(SEARCH, {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.getvalue())


def suggestions(client, misspelling):
    response = client.get(SEARCH, {"speaker": misspelling})
    assert response.status_code == 200
    return response.context["suggestions"]


def name_matches(client, name):
    """Whether the quote search takes ``name`` for someone (rather than suggesting names)."""
    response = client.get(SEARCH, {"speaker": name})
    assert response.status_code == 200
    return response.context["speaker_unmatched"] == ""


def filter_takes(client, path, **query):
    """Whether a list's filter takes the value (rather than answering 400)."""
    status = client.get(path, query).status_code
    assert status in {200, 400}
    return status == 200


def suggested(client, kind, record):
    """The slugs suggested while typing the first letters of the record's name."""
    url = reverse("clippings:suggest", kwargs={"kind": kind})
    response = client.get(url, {"q": record.name[:4]})
    assert response.status_code == 200
    return [result["slug"] for result in response.json()["results"]]


# Each place is a question about one record: does it show there?
PLACES = {
    "speakers list": lambda c, r: r.speaker.slug in speakers_listed(c, r),
    "speakers list's affiliation choices": lambda c, r: (
        r.speaker.affiliation in select_options(c, reverse("clippings:speaker-list"), "affiliation")
    ),
    "index's speaker filter": lambda c, r: filter_takes(c, "/", speaker=r.speaker.name),
    "index's source filter": lambda c, r: filter_takes(c, "/", source=r.source.slug),
    "index's tag filter": lambda c, r: filter_takes(c, "/", tag=r.tag.name),
    "quote search's source filter": lambda c, r: filter_takes(c, SEARCH, source=r.source.name),
    "speaker suggestions": lambda c, r: r.speaker.slug in suggested(c, "speakers", r.speaker),
    "speaker suggestions by alias": lambda c, r: (
        r.speaker.slug in suggested(c, "speakers", r.alias)
    ),
    "source suggestions": lambda c, r: r.source.slug in suggested(c, "sources", r.source),
    "credited source suggestions": lambda c, r: (
        r.source.slug in suggested(c, "credited-sources", r.source)
    ),
    "tag suggestions": lambda c, r: r.tag.slug in suggested(c, "tags", r.tag),
    "quote search's affiliation choices": lambda c, r: (
        r.speaker.affiliation in select_options(c, SEARCH, "affiliation")
    ),
    "speaker matched by name": lambda c, r: name_matches(c, r.speaker.name),
    "speaker matched by alias": lambda c, r: name_matches(c, r.alias.name),
    "intermediary matched by name": lambda c, r: name_matches(c, r.intermediary.name),
    "suggestions for a misspelt name": lambda c, r: bool(
        {r.speaker.name, r.alias.name} & set(suggestions(c, "Zebulon Quartermane"))
    ),
    "suggestions for a misspelt alias": lambda c, r: bool(
        {r.speaker.name, r.alias.name} & set(suggestions(c, "Zeb Quatermann"))
    ),
    "suggestions for a misspelt intermediary": lambda c, r: (
        r.intermediary.name in suggestions(c, "Persimon Wiglesworth")
    ),
    "sitemap: speaker": lambda c, r: r.speaker.get_absolute_url() in sitemap_paths(c),
    "sitemap: intermediary": lambda c, r: r.intermediary.get_absolute_url() in sitemap_paths(c),
    "sitemap: source": lambda c, r: r.source.get_absolute_url() in sitemap_paths(c),
    "sitemap: tag": lambda c, r: r.tag.get_absolute_url() in sitemap_paths(c),
    "feed's categories": lambda c, r: r.tag.name in feed_categories(c),
    "CSV export": lambda c, r: any(
        (row["speaker"], row["intermediary"], row["channel_source"])
        == (r.speaker.name, r.intermediary.name, r.source.name)
        for row in csv_export(c)
    ),
    "JSON export": lambda c, r: any(
        (row["speaker"], row["intermediary"], row["channel_source"])
        == (r.speaker.name, r.intermediary.name, r.source.name)
        for row in json_export(c)
    ),
}


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_records_only_a_draft_uses_show_nowhere_public(client, draft, place):
    assert not place(client, draft)


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_the_same_records_show_once_their_clipping_is_published(client, draft, place):
    publish(draft.article)
    assert place(client, draft)


def record_pages(records):
    return [
        records.speaker.get_absolute_url(),
        records.intermediary.get_absolute_url(),
        records.source.get_absolute_url(),
        records.tag.get_absolute_url(),
    ]


def test_pages_of_records_only_a_draft_uses_are_404(client, draft):
    for url in record_pages(draft):
        assert client.get(url).status_code == 404, url


def test_pages_of_the_same_records_answer_once_their_clipping_is_published(client, draft):
    publish(draft.article)
    for url in record_pages(draft):
        assert client.get(url).status_code == 200, url
    speaker_page = client.get(draft.speaker.get_absolute_url()).content.decode()
    assert "<h1>Zebulon Quartermaine</h1>" in speaker_page
    assert "Minister of Quiet Affairs" in speaker_page
    assert "“Zeb Quarterman”" in speaker_page
    assert (
        "<h1>Hush Wire Service</h1>" in client.get(draft.source.get_absolute_url()).content.decode()
    )
    assert "hushed affairs" in client.get(draft.tag.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_records_a_draft_and_a_published_clipping_share_stay_public(client):
    speaker, source, tag = (
        factories.SpeakerFactory(),
        factories.SourceFactory(),
        factories.TagFactory(),
    )
    for status in (Article.Status.DRAFT, Article.Status.PUBLISHED):
        article = factories.ArticleFactory(status=status)
        article.tags.add(tag)
        factories.CreditFactory(article=article, source=source)
        factories.QuoteFactory(
            paragraph=factories.ParagraphFactory(article=article), speaker=speaker
        )
    paths = sitemap_paths(client)
    for record in (speaker, source, tag):
        assert client.get(record.get_absolute_url()).status_code == 200
        assert record.get_absolute_url() in paths
    assert name_matches(client, speaker.name)
