"""``manage.py check_archive`` finds every broken rule, however the row was written."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from clippings.capture.captures import capture_record
from clippings.models import Article, Capture, Paragraph, Quote, Source, Speaker, Tag, Update
from tests.factories import SourceFactory, SpeakerFactory, TagFactory, fetched_page

ARTICLE = "armenia-azerbaijan-karabakh-conflict-escalates"


def check_archive():
    """(exit status, output) of ``check_archive``."""
    out = StringIO()
    try:
        call_command("check_archive", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def test_the_fixture_passes_every_check(karabakh):
    status, output = check_archive()
    assert status == 0
    assert output.strip() == "The archive has no problems."


def test_quote_not_verbatim_in_its_paragraph_is_reported_with_its_fix(karabakh):
    quote = Quote.objects.filter(article=karabakh).order_by("pk").first()
    Quote.objects.filter(pk=quote.pk).update(words="words nobody printed")
    status, output = check_archive()
    assert status == 1
    assert (
        f"Quote {ARTICLE}#{quote.anchor}: its words do not appear verbatim in paragraph "
        f"{quote.paragraph.anchor}. Fix: copy the words exactly"
    ) in output
    assert "1 problem found." in output


def another_clipping():
    return Article.objects.create(
        headline="Other", slug="other", published_on=datetime.date(2016, 4, 1)
    )


def test_paragraph_rewritten_under_its_quote_is_reported(karabakh):
    quote = Quote.objects.filter(article=karabakh).order_by("pk").first()
    Paragraph.objects.filter(pk=quote.paragraph_id).update(text="Something else entirely.")
    status, output = check_archive()
    assert status == 1
    assert f"Quote {ARTICLE}#{quote.anchor}: its words do not appear verbatim" in output


def test_quote_pointing_at_another_articles_paragraph_is_reported(karabakh):
    other = another_clipping()
    paragraph = Paragraph.objects.create(article=other, text="Unrelated text.")
    quote = Quote.objects.filter(article=karabakh).order_by("pk").first()
    Quote.objects.filter(pk=quote.pk).update(paragraph=paragraph)
    status, output = check_archive()
    assert status == 1
    assert f"Quote {ARTICLE}#{quote.anchor}: its paragraph" in output
    assert "belongs to another article" in output


def test_quote_said_after_it_was_printed_is_reported(karabakh):
    quote = Quote.objects.filter(article=karabakh).order_by("pk").first()
    Quote.objects.filter(pk=quote.pk).update(said_on=datetime.date(2016, 5, 1))
    status, output = check_archive()
    assert status == 1
    assert f"Quote {ARTICLE}#{quote.anchor}: said on 2016-05-01, after it was printed" in output


def test_update_dated_before_its_article_is_reported(karabakh):
    Update.objects.filter(article=karabakh).update(published_on=datetime.date(2016, 3, 1))
    status, output = check_archive()
    assert status == 1
    assert f"Update {ARTICLE}#update-1: dated 2016-03-01, before its article" in output


def test_article_moved_after_its_update_is_reported_on_the_update(karabakh):
    Article.objects.filter(pk=karabakh.pk).update(published_on=datetime.date(2016, 4, 10))
    status, output = check_archive()
    assert status == 1
    assert f"Update {ARTICLE}#update-1: dated 2016-04-03, before its article" in output


def test_paragraph_whose_update_belongs_to_another_article_is_reported(karabakh):
    other = another_clipping()
    paragraph = Paragraph.objects.filter(article=karabakh, update__isnull=False).first()
    Update.objects.filter(article=karabakh).update(article=other)
    status, output = check_archive()
    assert status == 1
    assert f"Paragraph {ARTICLE}#{paragraph.anchor}: its update belongs to another article" in (
        output
    )


def test_a_fetched_page_whose_warc_file_holds_it_passes(karabakh):
    capture_record(article=karabakh, page=fetched_page())

    assert check_archive() == (0, "The archive has no problems.\n")


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ({"warc": b"not a WARC file"}, "its WARC file cannot be read"),
        ({"sha256": "0" * 64}, "the page in its WARC file does not have the SHA-256 kept"),
        ({"status": 203}, "its WARC file holds status 200, not 203"),
    ],
)
def test_a_fetched_page_that_disagrees_with_its_warc_file_is_reported(karabakh, damage, problem):
    capture = capture_record(article=karabakh, page=fetched_page())
    Capture.objects.filter(pk=capture.pk).update(**damage)

    status, output = check_archive()

    assert status == 1
    assert f"Capture {ARTICLE}, fetched 2016-04-02 09:30:00 UTC: {problem}" in output
    assert "Fix: restore the capture from a backup" in output


@pytest.mark.parametrize("model", [Article, Speaker, Source, Tag], ids=lambda m: m.__name__)
def test_invalid_slug_is_reported(karabakh, model):
    model.objects.filter(pk=model.objects.order_by("pk").first().pk).update(slug="not a slug!")
    status, output = check_archive()
    assert status == 1
    assert f"{model.__name__} 'not a slug!': the slug is empty or has characters" in output


def test_orphaned_speaker_source_and_tag_are_reported(karabakh):
    SpeakerFactory(slug="nobody-quoted")
    SourceFactory(slug="never-credited")
    TagFactory(slug="never-used")
    status, output = check_archive()
    assert status == 1
    assert "Speaker nobody-quoted: no quote is said or relayed by this speaker. Fix: delete" in (
        output
    )
    assert "Source never-credited: no article credits this source" in output
    assert "Tag never-used: no article is filed under this tag" in output
    assert "3 problems found." in output


def test_speaker_who_only_relays_and_source_only_used_as_channel_are_not_orphans(karabakh):
    quote = Quote.objects.filter(article=karabakh, intermediary__isnull=True).first()
    relayer, channel = SpeakerFactory(), SourceFactory()
    Quote.objects.filter(pk=quote.pk).update(intermediary=relayer, channel_source=channel)
    assert check_archive()[0] == 0


def test_source_named_only_as_a_clippings_outlet_is_not_an_orphan(karabakh):
    Article.objects.filter(pk=karabakh.pk).update(outlet=SourceFactory(slug="the-outlet"))
    assert check_archive() == (0, "The archive has no problems.\n")


def test_search_index_out_of_step_with_the_quotes_is_reported(karabakh):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER clippings_quote_fts_update")
            Quote.objects.filter(article=karabakh).update(words=Quote.objects.first().words)
            expected = ["The quote search index is not kept", "differs from the quotes' words"]
        else:
            cursor.execute("DROP INDEX clippings_quote_words_joined_search")
            expected = ["clippings_quote_words_joined_search is missing"]
    status, output = check_archive()
    assert status == 1
    for words in expected:
        assert words in output
    assert "Fix: run `manage.py rebuild_search_index`" in output
    call_command("rebuild_search_index", stdout=StringIO())
    assert "search index" not in check_archive()[1]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables only")
def test_search_index_holding_other_joined_forms_than_the_quotes_is_reported(karabakh):
    """The FTS5 table agrees with itself, but not with the hyphenated words of the quote."""
    quote = Quote.objects.filter(article=karabakh).order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clippings_quote_fts SET joined = 'ceasefire' WHERE rowid = %s", [quote.pk]
        )
    status, output = check_archive()
    assert status == 1
    assert "The quote search index differs from the quotes' words" in output
    call_command("rebuild_search_index", stdout=StringIO())
    assert check_archive()[0] == 0


def test_speaker_renamed_around_save_is_reported_until_its_name_words_are_rebuilt(karabakh, client):
    Speaker.objects.filter(slug="maria-titzian").update(name="Marie Tizian")
    status, output = check_archive()
    assert status == 1
    assert (
        "Speaker maria-titzian: the quote search matches it by words other than those of its "
        "name and aliases. Fix: run `manage.py rebuild_speaker_names`"
    ) in output
    assert "1 problem found." in output

    out = StringIO()
    call_command("rebuild_speaker_names", stdout=out)

    assert "in step" in out.getvalue()
    assert check_archive()[0] == 0
    response = client.get(reverse("clippings:quote-search"), {"speaker": "Tizian"})
    assert {quote.speaker.slug for quote in response.context["object_list"]} == {"maria-titzian"}


def test_check_archive_reads_quotes_in_a_fixed_number_of_queries(
    karabakh, django_assert_max_num_queries
):
    with django_assert_max_num_queries(36):
        assert check_archive()[0] == 0
