"""What machines read to learn of new and changed clippings: the Atom feed and the sitemap."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from clippings.models import Article, Quote

from .factories import (
    ArticleFactory,
    CreditFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    TagFactory,
    UpdateFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def at(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def read_feed(client, **params):
    response = client.get(reverse("clippings:feed"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed, etree.fromstring(response.content)


def permalink(article, key):
    return f"http://testserver{article.get_absolute_url()}#{key}"


# The Atom feed ------------------------------------------------------------------------


def test_the_navigations_feed_link_leads_to_a_page_that_explains_and_offers_the_feed(
    client, karabakh
):
    index = client.get("/").content.decode()
    assert '<li><a href="/feeds/about/">Atom feed</a></li>' in index

    response = client.get("/feeds/about/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<a href="/feeds/about/" aria-current="page">Atom feed</a>' in html
    assert '<code class="address" id="feed-address">http://testserver/feeds/</code>' in html
    assert '<a href="/feeds/" type="application/atom+xml">Open the feed itself</a>' in html
    assert "50 entries a page" in html
    update_entry = (
        f'<a href="{karabakh.get_absolute_url()}#update-1">'
        f"{karabakh.headline} (Update Sunday 03/04/2016)</a>"
    )
    assert update_entry in html
    assert '<time datetime="2016-04-03">3 April 2016</time>' in html


@pytest.mark.django_db
def test_the_feed_page_of_an_empty_archive_says_the_feed_is_empty(client):
    html = client.get("/feeds/about/").content.decode()
    assert "The archive has no published clippings yet: the feed is empty." in html


def test_feed_is_atom_with_an_entry_for_the_original_post_and_each_update(client, karabakh):
    feed, xml = read_feed(client)

    assert feed.feed.title == "Clipping Archive: new clippings and updates"
    assert {(link.rel, link.href) for link in feed.feed.links} == {
        ("alternate", "http://testserver/"),
        ("self", "http://testserver/feeds/"),
    }
    update, original = feed.entries
    assert update.link == update.id == permalink(karabakh, "update-1")
    assert original.link == original.id == permalink(karabakh, "original")
    assert update.title == f"{karabakh.headline} (Update Sunday 03/04/2016)"
    assert original.title == karabakh.headline
    assert update.published_parsed[:3] == (2016, 4, 3)
    assert original.published_parsed[:3] == (2016, 4, 2)
    # Both reached the archive when the story was clipped.
    assert update.updated == original.updated == "2026-11-24T12:00:00+00:00"
    assert [tag.term for tag in update.tags] == ["armenia", "azerbaijan", "nagorno-karabakh"]
    assert update.summary_detail.type == "text/html"
    assert update.summary.startswith("<p>Azerbaijan announced on Sunday")
    assert "19 more paragraphs" in update.summary
    assert original.summary.startswith("<p>Armenia and Azerbaijan reported")

    # RFC 4287: the elements a feed and each entry must have, once each.
    assert xml.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(xml.findall(f"{ATOM}{name}")) == 1
    assert xml.find(f"{ATOM}author/{ATOM}name").text == "Clipping Archive"
    for entry in xml.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "published", "summary"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1
        for name in ("updated", "published"):
            assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}{name}")).tzinfo


@pytest.mark.django_db
def test_feed_puts_what_the_archive_received_last_first(client):
    """A story clipped today from years ago is new; so is an update dated after clipping."""
    recent = ArticleFactory(published_on=datetime.date(2024, 5, 1), clipped_at=at(2024, 5, 1, 10))
    UpdateFactory(article=recent, published_on=datetime.date(2024, 6, 1))
    backfilled = ArticleFactory(
        published_on=datetime.date(2010, 1, 1), clipped_at=at(2025, 1, 2, 9, 30)
    )

    feed, _ = read_feed(client)
    assert [entry.id for entry in feed.entries] == [
        permalink(backfilled, "original"),
        permalink(recent, "update-1"),
        permalink(recent, "original"),
    ]
    assert [entry.updated for entry in feed.entries] == [
        "2025-01-02T09:30:00+00:00",
        "2024-06-01T00:00:00+00:00",
        "2024-05-01T10:00:00+00:00",
    ]
    assert feed.entries[0].published_parsed[:3] == (2010, 1, 1)


@pytest.mark.django_db
def test_feed_never_lists_a_draft_clipping_or_its_updates(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, clipped_at=at(2030, 1, 1))
    UpdateFactory(article=draft, published_on=datetime.date(2030, 1, 2))
    published = ArticleFactory()

    feed, _ = read_feed(client)
    assert [entry.id for entry in feed.entries] == [permalink(published, "original")]


@pytest.mark.django_db
def test_feed_entry_text_is_escaped_not_taken_for_markup(client):
    article = ArticleFactory(headline="Fish & <Chips> “to go”")
    ParagraphFactory(article=article, text="He said <script>alert(1)</script> & left.")

    feed, _ = read_feed(client)
    [entry] = feed.entries
    assert entry.title == "Fish & <Chips> “to go”"
    assert entry.title_detail.type == "text/plain"
    assert entry.summary == "<p>He said &lt;script&gt;alert(1)&lt;/script&gt; &amp; left.</p>"


@pytest.mark.django_db
def test_feed_holds_the_50_latest_entries_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    # Each of these three is among the latest entries for one reason only.
    misdated = ArticleFactory(published_on=datetime.date(2031, 1, 1), clipped_at=at(2001, 1, 1))
    updated_late = ArticleFactory(published_on=datetime.date(2001, 1, 1), clipped_at=at(2001, 1, 1))
    UpdateFactory(article=updated_late, published_on=datetime.date(2030, 1, 1))
    backfilled = ArticleFactory(published_on=datetime.date(2000, 1, 1), clipped_at=at(2029, 1, 1))
    # 55 stories clipped in January 2020 and updated in February: 110 entries more.
    for n in range(55):
        article = ArticleFactory(
            published_on=datetime.date(2020, 1, 1), clipped_at=at(2020, 1, 1, 0, n)
        )
        UpdateFactory(article=article, published_on=datetime.date(2020, 2, 1))

    with django_assert_max_num_queries(6):
        feed, _ = read_feed(client)
    assert len(feed.entries) == 50
    assert [entry.id for entry in feed.entries[:3]] == [
        permalink(misdated, "original"),
        permalink(updated_late, "update-1"),
        permalink(backfilled, "original"),
    ]
    assert all(entry.id.endswith("#update-1") for entry in feed.entries[3:])
    assert len({entry.id for entry in feed.entries}) == 50
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)


def links_of(feed):
    return {link.rel: link.href for link in feed.feed.links}


@pytest.mark.django_db
def test_feed_pages_go_back_in_time_fifty_entries_at_a_time_linked_as_rfc_5005_says(
    client, django_assert_max_num_queries
):
    articles = [
        ArticleFactory(published_on=datetime.date(2020, 1, 1), clipped_at=at(2020, 1, 1, 0, n))
        for n in range(60)
    ]
    UpdateFactory(article=articles[0], published_on=datetime.date(2019, 12, 31))

    first, _ = read_feed(client)
    with django_assert_max_num_queries(9):
        second, _ = read_feed(client, page=2)

    assert [len(feed.entries) for feed in (first, second)] == [50, 11]
    assert links_of(first) == {
        "alternate": "http://testserver/",
        "self": "http://testserver/feeds/",
        "first": "http://testserver/feeds/",
        "next": "http://testserver/feeds/?page=2",
    }
    assert links_of(second) == {
        "alternate": "http://testserver/",
        "self": "http://testserver/feeds/?page=2",
        "first": "http://testserver/feeds/",
        "previous": "http://testserver/feeds/",
    }
    entries = [entry.id for feed in (first, second) for entry in feed.entries]
    assert entries == [
        *(permalink(article, "original") for article in reversed(articles)),
        permalink(articles[0], "update-1"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["3", "0", "-1", "two", "1.5", "99999999999999999999999"])
def test_feed_page_past_the_end_or_not_a_whole_number_is_404(client, page):
    ArticleFactory.create_batch(51)
    assert client.get(reverse("clippings:feed"), {"page": 2}).status_code == 200
    assert client.get(reverse("clippings:feed"), {"page": page}).status_code == 404


@pytest.mark.django_db
def test_feed_of_an_empty_archive_is_one_page_without_paging_links(client):
    feed, _ = read_feed(client)
    assert feed.entries == []
    assert set(links_of(feed)) == {"alternate", "self"}
    assert client.get(reverse("clippings:feed"), {"page": 2}).status_code == 404


# The sitemap ----------------------------------------------------------------------------


def read_sitemap_index(client):
    """[(location of a file, lastmod or None)] of the sitemap index, checked against the
    sitemaps.org protocol."""
    response = client.get(reverse("clippings:sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    index = etree.fromstring(response.content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    files = []
    for entry in index:
        assert entry.tag == f"{SITEMAP}sitemap"
        assert {child.tag for child in entry} <= {f"{SITEMAP}loc", f"{SITEMAP}lastmod"}
        location = entry.findtext(f"{SITEMAP}loc")
        assert location.startswith("http://testserver/")
        lastmod = entry.findtext(f"{SITEMAP}lastmod")
        files.append((location, lastmod and datetime.date.fromisoformat(lastmod)))
    assert len(files) == len(dict(files))
    return files


def read_sitemap_file(client, location):
    """{location: lastmod or None} of one sitemap file, checked against the protocol."""
    response = client.get(location.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urlset = etree.fromstring(response.content)
    assert urlset.tag == f"{SITEMAP}urlset"
    assert len(urlset), "the protocol wants at least one address a file"
    urls = {}
    for url in urlset:
        assert url.tag == f"{SITEMAP}url"
        assert {child.tag for child in url} <= {
            f"{SITEMAP}{name}" for name in ("loc", "lastmod", "changefreq", "priority")
        }
        location = url.findtext(f"{SITEMAP}loc")
        assert location.startswith("http://testserver/")
        assert location not in urls
        lastmod = url.findtext(f"{SITEMAP}lastmod")
        urls[location] = lastmod and datetime.date.fromisoformat(lastmod)
    return urls


def read_sitemap(client):
    """{location: lastmod or None} of every file the sitemap index lists; none twice."""
    urls = {}
    for location, _ in read_sitemap_index(client):
        urls_of_file = read_sitemap_file(client, location)
        assert not set(urls_of_file) & set(urls)
        urls.update(urls_of_file)
    return urls


def test_sitemap_lists_published_clippings_their_sources_speakers_tags_and_quotes_no_draft(
    client, karabakh
):
    draft = ArticleFactory(status=Article.Status.DRAFT, slug="draft-story")
    UpdateFactory(article=draft)
    CreditFactory(article=draft, source__slug="only-in-a-draft")
    draft.tags.add(TagFactory(slug="draft-tag"))
    QuoteFactory(paragraph=ParagraphFactory(article=draft), speaker=karabakh.quotes.first().speaker)
    SourceFactory(slug="never-credited")
    channels = karabakh.quotes.filter(channel_source__isnull=False)
    relayed = karabakh.quotes.filter(intermediary__isnull=False)

    urls = read_sitemap(client)

    paths = [
        "/",
        "/changes/",
        karabakh.get_absolute_url(),
        reverse("clippings:article-evolution", kwargs={"slug": karabakh.slug}),
        *(credit.source.get_absolute_url() for credit in karabakh.credits.all()),
        *(quote.channel_source.get_absolute_url() for quote in channels),
        *(quote.speaker.get_absolute_url() for quote in karabakh.quotes.all()),
        *(quote.intermediary.get_absolute_url() for quote in relayed),
        *(tag.get_absolute_url() for tag in karabakh.tags.all()),
        *(quote.get_absolute_url() for quote in karabakh.quotes.all()),
    ]
    assert set(urls) == {f"http://testserver{path}" for path in paths}
    quotes = karabakh.quotes.count()
    assert len(urls) == 2 + 2 + 8 + 10 + 3 + quotes  # pages, clipping, sources, speakers, tags
    # Clipped on 24 November 2026, after its last update (3 April 2016).
    assert urls[f"http://testserver{karabakh.get_absolute_url()}"] == datetime.date(2026, 11, 24)


@pytest.mark.django_db
def test_sitemap_dates_a_clipping_by_its_latest_update_when_later_than_the_clipping(client):
    article = ArticleFactory(clipped_at=at(2016, 4, 2, 12))
    UpdateFactory(article=article, published_on=datetime.date(2016, 4, 3))
    UpdateFactory(article=article, published_on=datetime.date(2016, 4, 9))
    without_updates = ArticleFactory(clipped_at=at(2016, 4, 2, 12))

    urls = read_sitemap(client)
    evolution = reverse("clippings:article-evolution", kwargs={"slug": article.slug})
    assert urls[f"http://testserver{article.get_absolute_url()}"] == datetime.date(2016, 4, 9)
    assert urls[f"http://testserver{evolution}"] == datetime.date(2016, 4, 9)
    assert urls[f"http://testserver{without_updates.get_absolute_url()}"] == datetime.date(
        2016, 4, 2
    )
    # A story never updated has no evolution to show.
    evolution_of_unchanged = reverse(
        "clippings:article-evolution", kwargs={"slug": without_updates.slug}
    )
    assert f"http://testserver{evolution_of_unchanged}" not in urls


@pytest.mark.django_db
def test_each_sitemap_file_runs_one_query_however_many_rows_it_holds(
    client, django_assert_max_num_queries
):
    tag, source = TagFactory(), SourceFactory()
    for article in ArticleFactory.create_batch(30):
        UpdateFactory(article=article)
        article.tags.add(tag, TagFactory())
        CreditFactory(article=article, source=source)
        QuoteFactory(paragraph=ParagraphFactory(article=article))

    files = read_sitemap_index(client)
    assert len(files) == 7  # the archive's pages and one file for each kind of record
    for location, _ in files:
        with django_assert_max_num_queries(2):
            read_sitemap_file(client, location)
    assert len(read_sitemap(client)) == 2 + 30 + 30 + 1 + 30 + 31 + 30


@pytest.fixture
def three_urls_a_file(monkeypatch):
    from clippings.sitemaps import PagedSitemap

    monkeypatch.setattr(PagedSitemap, "limit", 3)


@pytest.mark.django_db
def test_sitemap_index_lists_every_file_of_at_most_the_limit_and_every_address_answers(
    client, three_urls_a_file
):
    articles = [ArticleFactory(clipped_at=at(2016, 4, day, 12)) for day in range(1, 8)]
    UpdateFactory(article=articles[1], published_on=datetime.date(2016, 5, 1))
    ArticleFactory(status=Article.Status.DRAFT)

    # Three keys a file: each file is dated by the latest change of a clipping in it, be it
    # the day it was clipped or an update.
    changed_on = {article.pk: article.clipped_at.date() for article in articles}
    changed_on[articles[1].pk] = datetime.date(2016, 5, 1)
    expected = {}
    for key, day in changed_on.items():
        page = (key - 1) // 3 + 1
        location = "http://testserver/sitemap-articles.xml" + ("" if page == 1 else f"?p={page}")
        expected[location] = max(day, expected.get(location, day))
    files = dict(read_sitemap_index(client))
    assert {
        location: lastmod for location, lastmod in files.items() if "sitemap-articles" in location
    } == expected
    assert 3 <= len(expected) <= 4
    for location in files:
        urls = read_sitemap_file(client, location)
        assert 1 <= len(urls) <= 3
        for url in urls:
            assert client.get(url.removeprefix("http://testserver")).status_code == 200
    assert {
        url for url in read_sitemap(client) if "/articles/" in url and "/evolution/" not in url
    } == {f"http://testserver{article.get_absolute_url()}" for article in articles}


@pytest.mark.django_db
def test_sitemap_index_leaves_out_a_run_of_rows_with_nothing_public(client, three_urls_a_file):
    """Three addresses a file, by runs of three keys: six drafts between two published
    clippings leave a run of keys with nothing to list, and no empty file is listed."""
    first = ArticleFactory()
    ArticleFactory.create_batch(6, status=Article.Status.DRAFT)
    last = ArticleFactory()

    files = [location for location, _ in read_sitemap_index(client)]
    pages = [(article.pk - 1) // 3 + 1 for article in (first, last)]
    assert pages[1] - pages[0] >= 2  # a page between them with drafts only
    assert [location for location in files if "articles" in location] == [
        f"http://testserver/sitemap-articles.xml{'' if page == 1 else f'?p={page}'}"
        for page in pages
    ]
    urls = read_sitemap(client)
    for article in (first, last):
        assert f"http://testserver{article.get_absolute_url()}" in urls


@pytest.mark.django_db
def test_sitemap_index_leaves_out_a_run_of_quotes_with_nothing_public(client, three_urls_a_file):
    """Three addresses a file: the quotes of a draft between those of two published clippings
    fill a run of keys with nothing to list, and no empty file of quotes is listed."""
    first = QuoteFactory()
    QuoteFactory.create_batch(6, paragraph__article__status=Article.Status.DRAFT)
    last = QuoteFactory()

    files = [location for location, _ in read_sitemap_index(client)]
    pages = [(quote.pk - 1) // 3 + 1 for quote in (first, last)]
    assert pages[1] - pages[0] >= 2  # a page between them with drafts' quotes only
    assert [location for location in files if "quotes" in location] == [
        f"http://testserver/sitemap-quotes.xml{'' if page == 1 else f'?p={page}'}" for page in pages
    ]


def add_clippings_to_every_section(count):
    """``count`` published clippings, each with an update, a credited source, a tag and a
    quote (of its own speaker), then a draft with a quote of its own."""
    for article in ArticleFactory.create_batch(count):
        UpdateFactory(article=article)
        CreditFactory(article=article)
        article.tags.add(TagFactory())
        QuoteFactory(paragraph=ParagraphFactory(article=article))
    QuoteFactory(paragraph__article__status=Article.Status.DRAFT)


@pytest.mark.django_db
def test_sitemap_index_runs_as_many_queries_for_many_files_as_for_one(client, three_urls_a_file):
    """Three addresses a file: 31 clippings, with drafts between them, fill ten files or more
    in each section, and the index asks for them in as many queries as for one file each."""
    add_clippings_to_every_section(1)
    with CaptureQueriesContext(connection) as one_file_queries:
        one_file = read_sitemap_index(client)
    for _ in range(10):
        add_clippings_to_every_section(3)
    with CaptureQueriesContext(connection) as many_files_queries:
        many_files = read_sitemap_index(client)

    assert len(one_file) == 7  # the archive's pages and one file for each kind of record
    sections = {location.partition("?")[0] for location, _ in many_files}
    assert len(sections) == 7
    for section in sections - {"http://testserver/sitemap-archive.xml"}:
        assert sum(location.startswith(section) for location, _ in many_files) >= 10
    assert len(many_files_queries) == len(one_file_queries)
    urls = read_sitemap(client)
    assert len(urls) == 2 + 31 + 31 + 31 + 31 + 31 + 31
    assert {url for url in urls if "/quotes/" in url} == {
        f"http://testserver{quote.get_absolute_url()}" for quote in Quote.objects.published()
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["p={past_the_end}", "p=0", "p=two", "p=1.5", "p=99999999999999999999999"],
)
def test_sitemap_file_past_the_end_or_not_a_whole_number_is_404(client, three_urls_a_file, query):
    last = ArticleFactory.create_batch(4)[-1]
    last_page = (last.pk - 1) // 3 + 1
    assert client.get(f"/sitemap-articles.xml?p={last_page}").status_code == 200
    query = query.format(past_the_end=last_page + 1)
    assert client.get(f"/sitemap-articles.xml?{query}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sitemap-archive.xml?p=2", "/sitemap-drafts.xml"])
def test_sitemap_file_of_no_page_or_section_is_404(client, path):
    ArticleFactory()
    assert client.get("/sitemap-archive.xml").status_code == 200
    assert client.get(path).status_code == 404
