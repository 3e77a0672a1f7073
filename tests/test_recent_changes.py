"""Recently changed stories, ``/changes/``: each new clipping and each update to a clipped
story, newest first, with what it changed and a link to the change; a page at a time, in a
fixed number of queries however large the archive."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clippings.models import Article, Paragraph, Update

from .factories import ArticleFactory, ParagraphFactory, QuoteFactory, UpdateFactory

pytestmark = pytest.mark.django_db

CHANGES = reverse("clippings:recent-changes")


def at(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def listed(response):
    """(headline, section key) of each change a page lists, in order."""
    return [(entry.headline, entry.mark.version.key) for entry in response.context["entries"]]


def story(headline, published_on, clipped_at, *updates):
    """A published clipping of one paragraph, with an update of one paragraph on each date
    of ``updates``."""
    article = ArticleFactory(headline=headline, published_on=published_on, clipped_at=clipped_at)
    ParagraphFactory(article=article, text="Talks opened in Geneva.")
    for number, date in enumerate(updates, start=1):
        update = UpdateFactory(article=article, label=f"Update {number}", published_on=date)
        ParagraphFactory(article=article, update=update, text=f"Talks went on, day {number}.")
    return article


def test_the_most_recently_updated_story_comes_first(client):
    story("Clipped long ago", datetime.date(2016, 4, 1), at(2016, 4, 1, 12))
    updated = story(
        "Updated last", datetime.date(2016, 3, 1), at(2016, 3, 1, 12), datetime.date(2016, 5, 2)
    )
    story("Clipped last week", datetime.date(2016, 4, 20), at(2016, 4, 25, 9))

    response = client.get(CHANGES)
    assert response.status_code == 200
    assert listed(response) == [
        ("Updated last", "update-1"),
        ("Clipped last week", "original"),
        ("Clipped long ago", "original"),
        ("Updated last", "original"),
    ]
    html = response.content.decode()
    first = html[html.index('<article class="recent-change">') :]
    first = first[: first.index("</article>")]
    assert f'<h3><a href="{updated.get_absolute_url()}">Updated last</a></h3>' in first
    assert '<strong>Update 1</strong> (<time datetime="2016-05-02">2 May 2016</time>)' in first
    assert ": 1 paragraph added." in first


@pytest.fixture
def rewritten_story():
    """A story updated on Sunday with a paragraph, and on Monday with a new headline, a
    paragraph's figure rewritten and another paragraph removed."""
    article = ArticleFactory(
        headline="Clashes reported", slug="clashes", published_on=datetime.date(2016, 4, 2)
    )
    toll, rumour = (
        ParagraphFactory(article=article, position=n, text=text)
        for n, text in enumerate(["Officials said 12 were killed.", "A rumour spread."], 1)
    )
    sunday = UpdateFactory(
        article=article, label="Update Sunday", published_on=datetime.date(2016, 4, 3)
    )
    ParagraphFactory(article=article, update=sunday, position=1, text="Talks began.")
    monday = UpdateFactory(
        article=article,
        label="Update Monday",
        published_on=datetime.date(2016, 4, 4),
        headline="Ceasefire holds",
    )
    ParagraphFactory(
        article=article, update=monday, replaces=toll, text="Officials said 18 were killed."
    )
    ParagraphFactory(article=article, update=monday, replaces=rumour, text="")
    return article


def test_each_update_says_what_it_changed_and_links_to_the_comparison(client, rewritten_story):
    html = client.get(CHANGES).content.decode()
    comparison = (
        f"/articles/{rewritten_story.slug}/evolution/?before=update-1&amp;after=update-2"
        "#changes-heading"
    )
    assert (
        "<strong>Update Monday</strong> "
        '(<time datetime="2016-04-04">4 April 2016</time>): '
        "Headline changed, 1 paragraph removed, 1 paragraph rewritten; figures changed in p1."
    ) in html
    assert f'<a href="{comparison}">See the change<span class="visually-hidden">' in html
    # "Ceasefire holds" and "18" in; "Clashes reported", "12" and "A rumour spread." out.
    assert "3 words added, 6 removed." in html

    page = client.get(comparison.replace("&amp;", "&").split("#")[0]).content.decode()
    assert "Changes from Update Sunday to Update Monday" in page


def test_a_new_clipping_says_what_it_printed_and_links_to_its_first_text(client):
    article = story("Fresh story", datetime.date(2016, 4, 2), at(2016, 4, 9, 8, 30))
    html = client.get(CHANGES).content.decode()
    assert (
        '<strong>New clipping</strong>, first published <time datetime="2016-04-02">'
        "2 April 2016</time>: 1 paragraph, 0 quotes."
    ) in html
    assert (
        f'<a href="/articles/{article.slug}/versions/original/">Read it as first published' in html
    )
    assert (
        '6 words. Clipped into the archive on <time datetime="2016-04-09">9 April 2016</time>.'
    ) in html


def test_drafts_and_their_updates_are_never_listed(client):
    draft = story(
        "Draft story", datetime.date(2030, 1, 1), at(2030, 1, 1, 9), datetime.date(2030, 1, 2)
    )
    draft.status = Article.Status.DRAFT
    draft.save()
    story("Published story", datetime.date(2016, 4, 2), at(2016, 4, 2, 9))

    response = client.get(CHANGES)
    assert listed(response) == [("Published story", "original")]
    assert "Draft story" not in response.content.decode()
    assert "1 change</h2>" in response.content.decode()


def test_an_empty_archive_says_it_has_no_change_to_list(client):
    response = client.get(CHANGES)
    assert response.status_code == 200
    assert "The archive has no published clippings yet." in response.content.decode()


def test_changes_come_twenty_a_page_in_the_feeds_order_without_repeating_any(client):
    """Fifteen stories clipped on 3 April, each with an update of 2 April: thirty changes."""
    for minute in range(15):
        story(
            f"Story {minute}",
            datetime.date(2016, 4, 1),
            at(2016, 4, 3, 9, minute),
            datetime.date(2016, 4, 2),
        )

    first, second = client.get(CHANGES), client.get(CHANGES, {"page": 2})
    assert len(listed(first)) == 20
    assert len(listed(second)) == 10
    shown = [entry.path for page in (first, second) for entry in page.context["entries"]]
    assert len(set(shown)) == 30
    feed = feedparser.parse(client.get(reverse("clippings:feed")).content)
    assert [entry.link.removeprefix("http://testserver") for entry in feed.entries] == shown
    html = second.content.decode()
    assert "30 changes</h2>" in html
    assert "Page 2 of 2" in html
    assert 'rel="prev"' in html
    assert 'href="?page=2" rel="next"' in first.content.decode()


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1.5", "99999999999"])
def test_a_page_past_the_end_or_not_a_number_is_not_found(client, page):
    for _ in range(21):
        story("Story", datetime.date(2016, 4, 2), at(2016, 4, 2, 9))
    assert client.get(CHANGES, {"page": 2}).status_code == 200
    assert client.get(CHANGES, {"page": "last"}).status_code == 200
    assert client.get(CHANGES, {"page": page}).status_code == 404


def test_the_navigation_and_the_feed_page_lead_to_the_changes_and_the_page_to_its_feed(client):
    story("Story", datetime.date(2016, 4, 2), at(2016, 4, 2, 9))
    index = client.get("/").content.decode()
    assert f'<li><a href="{CHANGES}">Changes</a></li>' in index
    html = client.get(CHANGES).content.decode()
    assert f'<a href="{CHANGES}" aria-current="page">Changes</a>' in html
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Clipping Archive: new clippings and updates" href="/feeds/">'
    ) in html
    assert '<a href="/feeds/about/">Atom feed</a> brings the same list' in html
    about = client.get(reverse("clippings:feed-about")).content.decode()
    assert f'<a href="{CHANGES}">Recently changed stories</a>' in about


def many_changes(clippings):
    """Clippings with what a change's summary reads: updates that add, rewrite and remove
    paragraphs, and quotes."""
    for number in range(clippings):
        article = story(
            f"Story {number}",
            datetime.date(2016, 4, 2),
            at(2016, 4, 2, 9, number % 60),
            datetime.date(2016, 4, 3),
        )
        first = article.paragraphs.first()
        QuoteFactory(paragraph=first, article=article, words="Talks opened")
        later = UpdateFactory(article=article, published_on=datetime.date(2016, 4, 5))
        ParagraphFactory(article=article, update=later, replaces=first, text="Talks closed.")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?page=2"])
def test_a_page_of_changes_runs_as_many_queries_for_one_clipping_as_for_many(
    client, django_assert_num_queries, query
):
    many_changes(1 if not query else 10)
    few = count_queries(client, CHANGES + query)
    many_changes(30)
    with django_assert_num_queries(few):
        client.get(CHANGES + query)
    # The archive's change; the entry count (the change read again, then two counts, kept
    # until the next change); three for the entries, two for texts.
    assert few <= 9


# A large archive -------------------------------------------------------------------------

CLIPPINGS = 20_000
UPDATED_EVERY = 10


@pytest.fixture
def large_archive():
    """20,000 published clippings written at once, as ``generate_archive`` writes them (no
    history, no signals), each with a paragraph, clipped a minute apart from 1 January 2020;
    every tenth updated a day after it was clipped; and one clipped first but updated last.
    Returns that one."""
    start = at(2020, 1, 1)
    # Keys given, not drawn from the table's sequence, which PostgreSQL does not roll back:
    # tests run later that page through clippings by ranges of keys see no gap of 20,000.
    first_key = (Article.objects.aggregate(highest=Max("pk"))["highest"] or 0) + 1
    articles = Article.objects.bulk_create(
        (
            Article(
                pk=first_key + n,
                headline=f"Bulk story {n}",
                slug=f"bulk-{n}",
                status=Article.Status.PUBLISHED,
                published_on=datetime.date(2019, 12, 31),
                clipped_at=start + datetime.timedelta(minutes=n),
            )
            for n in range(CLIPPINGS)
        ),
        batch_size=2000,
    )
    updated = articles[::UPDATED_EVERY]
    updates = Update.objects.bulk_create(
        Update(
            article=article,
            anchor="update-1",
            label="Update",
            published_on=(article.clipped_at + datetime.timedelta(days=1)).date(),
        )
        for article in updated
    )
    updates[0].published_on = datetime.date(2021, 6, 1)
    updates[0].save()
    Paragraph.objects.bulk_create(
        (
            Paragraph(article=article, anchor="p1", position=1, text="Talks opened in Geneva.")
            for article in articles
        ),
        batch_size=2000,
    )
    Paragraph.objects.bulk_create(
        Paragraph(article=update.article, update=update, anchor="p2", text="Talks went on.")
        for update in updates
    )
    return articles[0]


def test_the_changes_page_answers_and_pages_through_twenty_thousand_clippings(
    client, large_archive, django_assert_max_num_queries
):
    entries = CLIPPINGS + CLIPPINGS // UPDATED_EVERY
    pages = -(-entries // 20)
    with django_assert_max_num_queries(9):
        first = client.get(CHANGES)
    assert listed(first)[0] == ("Bulk story 0", "update-1")
    html = first.content.decode()
    assert f"{entries} changes</h2>" in html
    assert f"Page 1 of {pages}" in html
    assert "/articles/bulk-0/evolution/?before=original&amp;after=update-1" in html

    seen = set()
    for page in (2, pages // 2, "last"):
        with django_assert_max_num_queries(9):
            response = client.get(CHANGES, {"page": page})
        assert response.status_code == 200
        rows = listed(response)
        assert len(rows) == (20 if page != "last" else entries - (pages - 1) * 20)
        assert not seen & set(rows)
        seen |= set(rows)
    assert f"Page {pages} of {pages}" in response.content.decode()
