"""A fetched page kept with its clipping: its particulars, its WARC file, and its fate when
the clipping or the update it produced is deleted and restored."""

import pytest
from django.core.exceptions import ValidationError

from clippings.capture.captures import capture_record
from clippings.capture.fetch import fetch_page
from clippings.capture.warc import read_response
from clippings.models import Article, Capture, Update
from clippings.services import record_restore
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_fetched_page_is_kept_with_its_particulars_and_warc_file(site):
    article = factories.ArticleFactory()
    site.add("/story", "<p>Fighting broke out.</p>", headers={"ETag": '"v1"'})
    page = fetch_page(site.url("/story"))

    capture = capture_record(article=article, page=page)

    capture.refresh_from_db()
    assert list(article.captures.all()) == [capture]
    assert capture.final_url == site.url("/story")
    assert capture.status == 200
    assert capture.fetched_at == page.fetched_at
    assert capture.sha256 == page.sha256
    assert capture.etag == '"v1"'
    assert capture.size == len(b"<p>Fighting broke out.</p>")
    url, status, headers, body = read_response(bytes(capture.warc))
    assert (url, status, body) == (site.url("/story"), 200, b"<p>Fighting broke out.</p>")
    assert headers == page.headers


def test_a_capture_names_the_update_it_produced():
    update = factories.UpdateFactory()

    capture = capture_record(article=update.article, page=factories.fetched_page(), update=update)

    assert list(update.captures.all()) == [capture]


def test_a_capture_with_another_clippings_update_is_refused():
    update = factories.UpdateFactory()

    with pytest.raises(ValidationError, match="one of the clipping's own"):
        capture_record(
            article=factories.ArticleFactory(), page=factories.fetched_page(), update=update
        )
    assert not Capture.objects.exists()


def test_a_not_modified_answer_is_not_kept():
    page = factories.fetched_page(status=304, body="", not_modified=True)

    with pytest.raises(ValueError, match="304 Not Modified"):
        capture_record(article=factories.ArticleFactory(), page=page)


def test_a_capture_cannot_be_changed():
    capture = capture_record(article=factories.ArticleFactory(), page=factories.fetched_page())
    capture.final_url = "https://elsewhere.example/"

    with pytest.raises(ValidationError, match="cannot be changed"):
        capture.save()
    capture.refresh_from_db()
    assert capture.final_url == "https://news.example/story"


def test_captures_are_listed_oldest_first():
    article = factories.ArticleFactory()
    later = factories.fetched_page(fetched_at=factories.fetched_page().fetched_at.replace(hour=12))
    second = capture_record(article=article, page=later)
    first = capture_record(article=article, page=factories.fetched_page())

    assert list(article.captures.all()) == [first, second]
    assert str(first) == "https://news.example/story fetched 2016-04-02 09:30 UTC"


def test_a_deleted_clipping_comes_back_with_its_captures():
    article = factories.ArticleFactory()
    update = factories.UpdateFactory(article=article)
    capture_record(article=article, page=factories.fetched_page())
    capture_record(article=article, page=factories.fetched_page(), update=update)
    kept = sorted(Capture.objects.values_list("pk", "update_id", "sha256", "warc"))

    article.delete()
    assert not Capture.objects.exists()
    record_restore(record=Article.history.filter(history_type="-").get())

    restored = sorted(Capture.objects.values_list("pk", "update_id", "sha256", "warc"))
    assert [row[:3] for row in restored] == [row[:3] for row in kept]
    assert [bytes(row[3]) for row in restored] == [bytes(row[3]) for row in kept]


def test_a_deleted_update_comes_back_with_the_capture_it_produced():
    update = factories.UpdateFactory()
    capture = capture_record(article=update.article, page=factories.fetched_page(), update=update)

    update.delete()
    assert not Capture.objects.exists()
    record_restore(record=Update.history.filter(history_type="-").get())

    assert Capture.objects.get().pk == capture.pk
