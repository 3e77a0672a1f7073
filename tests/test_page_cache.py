"""Repeat views of public pages come from the page cache or as 304 Not Modified, and no reader
ever sees a page older than the archive's last committed change, however it was made."""

import datetime
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clippings.changes import archive_changed
from clippings.models import ArchiveChange, Article, Quote, Source, Speaker

from .factories import ArticleFactory, ParagraphFactory, QuoteFactory, TagFactory
from .test_edit_conflicts import staff
from .test_history import restore_from_deleted_page, revert_form_data, speaker_form_data
from .test_security import production_env, run_python

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "armenia-azerbaijan-karabakh-conflict-escalates"


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The caches as the site runs them: in the process's memory."""
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{alias}",
        }
        for alias in ("default", "pages")
    }
    clear_caches()


def clear_caches():
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def editor(db):
    call_command("setup_roles", verbosity=0)
    return staff("editor", "Editor")


def kerry():
    return Speaker.objects.get(slug="john-kerry")


def kerry_quote():
    return Quote.objects.filter(speaker__slug="john-kerry").order_by("pk").first()


def pages():
    """A reader's pages of the fixture's clipping, its speaker, tag and searches."""
    quote = kerry_quote()
    word = quote.words.split()[-1].strip(".,;:!?”’\"'")
    return {
        "index": reverse("clippings:article-list"),
        "clipping": reverse("clippings:article-detail", args=[SLUG]),
        "quote search": f"{reverse('clippings:quote-search')}?q={word}",
        "speaker search": f"{reverse('clippings:quote-search')}?speaker=Kerry",
        "speaker": reverse("clippings:speaker-detail", args=["john-kerry"]),
        "speakers": reverse("clippings:speaker-list"),
        "quote": quote.get_absolute_url(),
        "feed": reverse("clippings:feed"),
        "sitemap": reverse("clippings:sitemap"),
        "sitemap file": reverse("clippings:sitemap-section", args=["articles"]),
    }


def text(response):
    return response.content.decode()


PAGES = [
    "index",
    "clipping",
    "quote search",
    "speaker search",
    "speaker",
    "speakers",
    "quote",
    "feed",
]


@pytest.mark.parametrize("name", [*PAGES, "sitemap", "sitemap file"])
def test_a_second_view_of_a_page_is_served_from_the_cache(
    client, karabakh, name, django_assert_num_queries
):
    url = pages()[name]
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # which change the archive is at, nothing else
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_each_query_string_is_a_page_of_its_own(client, karabakh):
    search = reverse("clippings:quote-search")
    assert "Kerry" in text(client.get(f"{search}?speaker=Kerry"))
    assert "Kerry" not in text(client.get(f"{search}?speaker=Lavrov"))


def test_a_page_answers_304_to_a_reader_who_has_it(client, karabakh):
    # Changed a while ago (the changes of setting up the test came faster than one a second,
    # which puts their time ahead of the clock, see the next test).
    ArchiveChange.objects.update(token="1765000000-5ee")
    url = pages()["clipping"]
    page = client.get(url)
    assert page["Cache-Control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == page["ETag"]
    assert page["Last-Modified"] == "Sat, 06 Dec 2025 05:46:40 GMT"
    since = client.get(url, headers={"If-Modified-Since": page["Last-Modified"]})
    assert since.status_code == 304


def test_after_an_edit_the_old_etag_gets_the_new_page(client, karabakh):
    url = pages()["clipping"]
    page = client.get(url)
    karabakh.headline = "Fighting flares again in Karabakh"
    karabakh.save()
    for validator in (
        {"If-None-Match": page["ETag"]},
        {"If-Modified-Since": page["Last-Modified"]},
    ):
        again = client.get(url, headers=validator)
        assert again.status_code == 200
        assert "Fighting flares again in Karabakh" in text(again)
        assert again["ETag"] != page["ETag"]


@pytest.mark.parametrize("name", ["clipping", "index", "feed", "sitemap file"])
def test_an_edit_from_code_shows_on_the_next_view(client, karabakh, name):
    url = pages()[name]
    client.get(url)
    client.get(url)
    karabakh.headline = "Fighting flares again in Karabakh"
    if name == "sitemap file":
        karabakh.slug = "karabakh-fighting-flares"
    karabakh.save()
    page_now = text(client.get(url))
    expected = "karabakh-fighting-flares" if name == "sitemap file" else "Fighting flares again"
    assert expected in page_now


@pytest.mark.parametrize("name", ["speaker", "quote search", "speaker search", "clipping", "quote"])
def test_an_edit_in_the_admin_shows_on_the_next_view(client, editor, karabakh, name):
    url = pages()[name]
    assert "Former U.S. Secretary of State" not in text(client.get(url))
    speaker = kerry()
    change = reverse("admin:clippings_speaker_change", args=[speaker.pk])
    data = speaker_form_data(speaker, role="Former U.S. Secretary of State")
    assert editor.post(change, data).status_code == 302
    assert "Former U.S. Secretary of State" in text(client.get(url))


def test_an_outlet_named_shows_on_the_quote_page_and_in_its_citation(client, karabakh):
    url = pages()["quote"]
    assert "Asbarez" not in text(client.get(url))
    karabakh.outlet = Source.objects.create(name="Asbarez", slug="asbarez", kind="website")
    karabakh.save()
    page = text(client.get(url))
    assert "Asbarez" in page
    assert "Asbarez" in text(client.get(url + "cite.bib"))


def test_a_deleted_quote_leaves_the_speaker_page_and_the_search(client, karabakh):
    speaker_url, search_url = pages()["speaker"], pages()["speaker search"]
    quote = kerry_quote()
    assert quote.words in text(client.get(search_url))
    assert client.get(speaker_url).status_code == 200
    quote.delete()
    assert quote.words not in text(client.get(search_url))
    assert client.get(speaker_url).status_code == 404  # quoted nowhere now: no page


def test_a_tag_added_shows_on_the_clipping_and_the_tag_page(client, karabakh):
    url = pages()["clipping"]
    client.get(url)
    tag = TagFactory(name="ceasefire talks", slug="ceasefire-talks")
    tag_url = reverse("clippings:tag-detail", args=[tag.slug])
    assert client.get(tag_url).status_code == 404
    karabakh.tags.add(tag)
    assert "ceasefire talks" in text(client.get(url))
    assert client.get(tag_url).status_code == 200
    karabakh.tags.remove(tag)
    assert "ceasefire talks" not in text(client.get(url))


def test_a_revert_from_the_history_shows_on_the_next_view(client, admin_client, karabakh):
    url = pages()["clipping"]
    original = karabakh.headline
    karabakh.headline = "A wrong headline"
    karabakh.save()
    assert "A wrong headline" in text(client.get(url))
    first = karabakh.history.earliest()
    revert = reverse("admin:clippings_article_simple_history", args=[karabakh.pk, first.history_id])
    assert admin_client.post(revert, revert_form_data(admin_client, revert)).status_code == 302
    page = text(client.get(url))
    assert "A wrong headline" not in page
    assert original in page


def test_a_deleted_clipping_restored_from_the_admin_is_back_on_the_index(
    client, admin_client, karabakh
):
    index = pages()["index"]
    assert karabakh.headline in text(client.get(index))
    pk = karabakh.pk
    karabakh.delete()
    assert karabakh.headline not in text(client.get(index))
    assert restore_from_deleted_page(admin_client, Article, pk).status_code == 302
    assert karabakh.headline in text(client.get(index))


def save_and_fail(article):
    with transaction.atomic():
        article.headline = "A headline never saved"
        article.save()
        raise RuntimeError


def test_a_rolled_back_edit_changes_no_page(client, karabakh, django_assert_num_queries):
    url = pages()["clipping"]
    page = client.get(url)
    with pytest.raises(RuntimeError):
        save_and_fail(karabakh)
    with django_assert_num_queries(1):
        again = client.get(url, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304


def test_an_edit_after_a_rolled_back_savepoint_still_shows(client, karabakh):
    url = pages()["clipping"]
    client.get(url)
    with transaction.atomic():
        with pytest.raises(RuntimeError):
            save_and_fail(karabakh)
        karabakh.refresh_from_db()
        karabakh.headline = "Fighting flares again in Karabakh"
        karabakh.save()
    assert "Fighting flares again in Karabakh" in text(client.get(url))


def test_an_edit_committed_while_a_page_renders_is_not_hidden_by_it(client, karabakh, monkeypatch):
    """The page is kept under the change it was started at: an edit another server commits
    meanwhile makes it out of date at once."""
    from clippings.views import articles

    url = pages()["clipping"]
    render = articles.ArticleDetailView.get_context_data

    def edited_meanwhile(view, **kwargs):
        Article.objects.filter(slug=SLUG).update(headline="Fighting flares again in Karabakh")
        archive_changed()  # as the other server's save does once it commits
        return render(view, **kwargs)

    monkeypatch.setattr(articles.ArticleDetailView, "get_context_data", edited_meanwhile)
    assert "Fighting flares again" not in text(client.get(url))  # read before the edit
    monkeypatch.setattr(articles.ArticleDetailView, "get_context_data", render)
    assert "Fighting flares again" in text(client.get(url))


def test_a_signed_in_editor_neither_gets_nor_fills_the_cache(client, editor, karabakh):
    url = pages()["clipping"]
    client.get(url)  # cached for readers
    # Changed around the models, so the archive's change is not recorded: readers keep the
    # cached page; the editor's is rendered for them.
    Speaker.objects.filter(pk=kerry().pk).update(role="Changed around the models")
    assert "Changed around the models" not in text(client.get(url))
    assert "Changed around the models" in text(editor.get(url))
    clear_caches()
    editor.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)  # rendered again: the editor's view was not kept
    assert len(queries) > 1


def test_exports_are_never_cached(client, karabakh):
    url = f"{reverse('clippings:quote-search')}?speaker=Kerry&format=csv"
    first = client.get(url)
    assert first.streaming
    assert "ETag" not in first
    b"".join(first.streaming_content)
    Speaker.objects.filter(pk=kerry().pk).update(name="John F. Kerry")
    assert b"John F. Kerry" in b"".join(client.get(url).streaming_content)


def test_bad_query_strings_are_still_400_and_not_cached(client, karabakh):
    url = f"{reverse('clippings:quote-search')}?said_after=not-a-date"
    assert client.get(url).status_code == 400
    response = client.get(url)
    assert response.status_code == 400
    assert "ETag" not in response


@pytest.mark.parametrize(
    "command", [("migrate",), ("rebuild_search_index",)], ids=lambda command: command[0]
)
def test_commands_that_change_what_pages_show_start_a_new_generation(client, karabakh, command):
    url = pages()["clipping"]
    etag = client.get(url)["ETag"]
    call_command(*command, verbosity=0)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


# On Redis, as several servers share it. ----------------------------------------------------


@pytest.fixture
def redis_server(tmp_path):
    pytest.importorskip("redis")
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            tmp_path,
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait()


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        (None, "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_redis_url_puts_the_page_cache_on_redis(tmp_path, redis_url, backend):
    env = production_env(tmp_path, REDIS_URL=redis_url, DJANGO_SETTINGS_MODULE=None)
    code = (
        "from archive_site import settings; "
        "print(*sorted({cache['BACKEND'] for cache in settings.CACHES.values()}))"
    )
    result = run_python(env, "-c", code)
    assert result.stdout.strip() == backend, result.stderr


def test_on_redis_a_page_is_shared_and_an_edit_shows_at_once(
    client, karabakh, redis_server, settings, django_assert_num_queries
):
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server,
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "pages")
    }
    url = pages()["clipping"]
    client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
    karabakh.headline = "Fighting flares again in Karabakh"
    karabakh.save()
    assert "Fighting flares again in Karabakh" in text(client.get(url))


# Figures read over the whole archive, the same on many pages, once a generation. ------------


def affiliations_offered(client, **params):
    response = client.get(reverse("clippings:quote-search"), params)
    return [value for value, _ in response.context["filter"].form.fields["affiliation"].choices]


def test_the_affiliations_offered_are_read_once_until_the_archive_changes(client, karabakh):
    affiliations_offered(client, q="ceasefire")
    with CaptureQueriesContext(connection) as another_search:
        offered = affiliations_offered(client, q="tanks")
    assert not any(
        query["sql"].startswith('SELECT "clippings_speaker"."affiliation"')
        for query in another_search.captured_queries
    )

    speaker = kerry()
    speaker.affiliation = "Department of State"
    speaker.save()
    assert "Department of State" in affiliations_offered(client, q="tanks")
    assert "Department of State" not in offered


def speakers_in_order(client, order):
    response = client.get(reverse("clippings:speaker-list"), {"order": order})
    return [speaker.slug for speaker in response.context["object_list"]]


def test_speakers_ranked_by_quotes_are_ranked_once_until_the_archive_changes(client, karabakh):
    """The ranking tallies every quote: once for each state of the archive, and a new quote
    moves its speaker up at once."""
    ranked = speakers_in_order(client, "most-quoted")
    assert ranked[0] != "john-kerry"
    with CaptureQueriesContext(connection) as next_page:
        speakers_in_order(client, "latest-quote")
    tally = 'SELECT "clippings_quote"."speaker_id" AS "speaker_id", COUNT('
    assert not any(query["sql"].startswith(tally) for query in next_page.captured_queries)

    paragraph = ParagraphFactory(article=karabakh)
    for _ in range(40):
        QuoteFactory(paragraph=paragraph, speaker=kerry(), said_on=datetime.date(2017, 1, 1))
    assert speakers_in_order(client, "most-quoted")[0] == "john-kerry"
    assert speakers_in_order(client, "latest-quote")[0] == "john-kerry"


def quotes_counted(client, **params):
    response = client.get(reverse("clippings:quote-search"), params)
    return response.context["paginator"].count


def is_quote_count(query):
    """A count of the quotes a list shows (not of those of one date, ahead of a page)."""
    sql = query["sql"]
    return (
        sql.startswith("SELECT COUNT(*)") and '"clippings_quote"' in sql and "dated_on" not in sql
    )


def test_the_whole_quote_list_is_counted_once_until_the_archive_changes(client, karabakh):
    counted = quotes_counted(client)
    with CaptureQueriesContext(connection) as first_page_again:  # another address of it
        assert quotes_counted(client, page=1) == counted
    assert len(first_page_again) > 1  # rendered, not from the page cache
    assert not any(is_quote_count(query) for query in first_page_again.captured_queries)

    QuoteFactory(paragraph=ParagraphFactory(article=karabakh), speaker=kerry())
    assert quotes_counted(client) == counted + 1


def test_a_narrowed_list_is_counted_for_itself(client, karabakh):
    whole = quotes_counted(client)
    with CaptureQueriesContext(connection) as narrowed:
        by_kerry = quotes_counted(client, speaker="john-kerry")
    assert any(is_quote_count(query) for query in narrowed.captured_queries)
    assert 0 < by_kerry < whole
    assert by_kerry == Quote.objects.published().filter(speaker=kerry()).count()


def speakers_counted(client, **params):
    response = client.get(reverse("clippings:speaker-list"), params)
    return response.context["paginator"].count


def test_the_speakers_list_in_another_order_is_the_whole_list_counted_once(client, karabakh):
    counted = speakers_counted(client)
    with CaptureQueriesContext(connection) as ranked:
        assert speakers_counted(client, order="most-quoted") == counted
    assert not any(
        query["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "clippings_speaker"')
        for query in ranked.captured_queries
    )
    assert speakers_counted(client, kind="body") < counted


def is_update_count(query):
    return query["sql"].startswith("SELECT COUNT(*)") and 'FROM "clippings_update"' in query["sql"]


def test_the_feed_counts_its_entries_once_until_the_archive_changes(client, karabakh):
    """The feed's pages and the recent changes page through every entry: their count is kept
    while the archive does not change, and a new clipping counts at once."""
    feed_page_2 = reverse("clippings:feed") + "?page=2"
    assert client.get(feed_page_2).status_code == 404  # the original post and one update
    with CaptureQueriesContext(connection) as changes:
        assert client.get(reverse("clippings:recent-changes")).status_code == 200
    assert not any(is_update_count(query) for query in changes.captured_queries)

    for _ in range(48):
        ArticleFactory()
    assert client.get(feed_page_2).status_code == 404  # fifty entries: one page
    ArticleFactory()
    assert client.get(feed_page_2).status_code == 200
