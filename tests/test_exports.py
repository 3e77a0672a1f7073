"""The quote exports at size: every quote once, in the search's order, in whole-row chunks, and
the same text as the csv and json modules would write."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from clippings import exports
from clippings.models import Quote, Source
from clippings.quote_dates import refresh_quote_dates

from .factories import (
    ArticleFactory,
    ParagraphFactory,
    SourceFactory,
    SpeakerFactory,
    UpdateFactory,
)

SEARCH = reverse("clippings:quote-search")
# More quotes than one database batch and text enough for several chunks of the response.
MANY = exports.FETCH_ROWS + 500
AWKWARD_WORDS = [
    "we will not give up",
    "no, never",
    "the “liberated” heights",
    'he said "enough"\nand left',
    "a\r\nb",
    "=1+1",
    "-5 degrees",
    "@handle, they wrote",
    '"quoted" first',
    "",
]


def many_quotes(count=MANY):
    """``count`` published quotes over a few clippings, some in updates, some relayed through
    an outlet, some dated, with words a CSV must quote."""
    speakers = [SpeakerFactory(name=f"Speaker {n}", role="Minister, deputy") for n in range(5)]
    source = Source.objects.filter(slug="interfax").first()
    source = source or SourceFactory(name="Interfax", slug="interfax")
    paragraphs = []
    outlet = SourceFactory(name="Asbarez, Los Angeles", kind=Source.Kind.WEBSITE)
    for day in range(1, 6):
        article = ArticleFactory(
            published_on=datetime.date(2016, 4, day), outlet=outlet if day % 2 else None
        )
        update = UpdateFactory(article=article, published_on=datetime.date(2016, 4, day + 1))
        paragraphs += [
            ParagraphFactory(article=article),
            ParagraphFactory(article=article, update=update),
        ]
    Quote.objects.bulk_create(
        Quote(
            article=paragraph.article,
            paragraph=paragraph,
            anchor=f"q{n}",
            words=AWKWARD_WORDS[n % len(AWKWARD_WORDS)],
            speaker=speakers[n % 5],
            intermediary=speakers[(n + 1) % 5] if n % 3 == 0 else None,
            channel=Quote.Channel.NEWS_AGENCY if n % 4 == 0 else Quote.Channel.UNSPECIFIED,
            channel_source=source if n % 4 == 0 else None,
            said_on=datetime.date(2016, 3, 1 + n % 28) if n % 2 else None,
        )
        for n in range(count)
        for paragraph in [paragraphs[n % len(paragraphs)]]
    )
    refresh_quote_dates(Quote.objects.all())  # written without save(), as generate_archive does


def expected_row(quote):
    """A quote's export row as the documented columns describe it, read from the model."""

    def date(value):
        return value.isoformat() if value else ""

    update = quote.paragraph.update
    return {
        "quote_id": f"{quote.article.slug}#{quote.anchor}",
        "words": quote.words,
        "kind": quote.kind,
        "speaker": quote.speaker.name,
        "speaker_slug": quote.speaker.slug,
        "speaker_role": quote.speaker.role,
        "speaker_affiliation": quote.speaker.affiliation,
        "speaker_as_printed": quote.speaker_as_printed,
        "intermediary": quote.intermediary.name if quote.intermediary else "",
        "channel": quote.channel,
        "channel_source": quote.channel_source.name if quote.channel_source else "",
        "channel_as_printed": quote.channel_as_printed,
        "said_on": date(quote.said_on),
        "said_on_as_printed": quote.said_on_as_printed,
        "said_on_is_inferred": quote.said_on_is_inferred,
        "article_slug": quote.article.slug,
        "article_headline": quote.article.headline,
        "article_published_on": date(quote.article.published_on),
        "update_label": update.label if update else "",
        "update_published_on": date(update.published_on) if update else "",
        "paragraph": quote.paragraph.anchor,
        "url": f"http://testserver{quote.article.get_absolute_url()}#{quote.anchor}",
        "article_outlet": quote.article.outlet.name if quote.article.outlet else "",
        "permalink": f"http://testserver/quotes/{quote.pk}/",
    }


def in_search_order():
    return list(
        Quote.objects.published()
        .with_attribution()
        .select_related("article__outlet")
        .in_date_order()
    )


def download(client, export_format, **params):
    response = client.get(SEARCH, {**params, "format": export_format})
    assert response.status_code == 200
    chunks = list(response.streaming_content)
    return chunks, b"".join(chunks).decode()


@pytest.mark.django_db
def test_a_large_json_export_parses_to_every_quote_once_in_the_search_order(client):
    many_quotes()
    _, text = download(client, "json")
    assert json.loads(text) == [expected_row(quote) for quote in in_search_order()]


@pytest.mark.django_db
def test_a_large_csv_export_reads_back_to_every_quote_once_in_the_search_order(client):
    many_quotes()
    _, text = download(client, "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = []
    for quote in in_search_order():
        row = expected_row(quote)
        row["said_on_is_inferred"] = "true" if row["said_on_is_inferred"] else "false"
        if row["words"].startswith(exports.FORMULA_STARTS):
            row["words"] = "'" + row["words"]  # shown as text, not run as a formula
        expected.append(row)
    assert len(rows) == Quote.objects.count() == MANY
    assert rows == expected


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_a_large_export_is_sent_in_chunks_of_many_whole_rows(client, export_format):
    many_quotes()
    chunks, _ = download(client, export_format)
    row_end = b"\r\n" if export_format == "csv" else (b"[\n", b"}")
    assert all(chunk.endswith(row_end) for chunk in chunks[:-1])
    assert 2 < len(chunks) < MANY / 50


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"speaker": "Speaker 3"},
        {"kind": "full", "source": "interfax"},
        {"said_after": "2016-03-20", "said_before": "2016-04-02"},
        {"q": "never"},
    ],
)
def test_a_filtered_export_holds_exactly_the_filtered_search_in_its_order(client, params):
    many_quotes(300)
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    paginator = response.context["paginator"]
    on_the_pages = [
        f"{quote.article.slug}#{quote.anchor}"
        for number in paginator.page_range
        for quote in client.get(SEARCH, {**params, "page": number}).context["object_list"]
    ]
    assert 0 < len(on_the_pages) < 300
    _, text = download(client, "json", **params)
    assert [row["quote_id"] for row in json.loads(text)] == on_the_pages
    _, text = download(client, "csv", **params)
    rows = csv.DictReader(io.StringIO(text, newline=""))
    assert [row["quote_id"] for row in rows] == on_the_pages


@pytest.mark.django_db
def test_an_export_reads_its_rows_in_one_query_whatever_their_number(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    many_quotes(10)
    with CaptureQueriesContext(connection) as few:
        download(client, "csv", speaker="Speaker 1")
    many_quotes(MANY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        download(client, "csv", speaker="Speaker 1")


@pytest.mark.django_db
def test_an_export_of_nothing_is_a_header_or_an_empty_list(client):
    _, text = download(client, "csv")
    assert text == ",".join(exports.COLUMN_NAMES) + "\r\n"
    _, text = download(client, "json")
    assert json.loads(text) == []


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_an_export_is_never_cached_and_shows_the_latest_edit(client, export_format):
    many_quotes(3)
    response = client.get(SEARCH, {"format": export_format})
    b"".join(response.streaming_content)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    Quote.objects.filter(anchor="q1").update(words="an edited quotation")
    _, text = download(client, export_format)
    assert "an edited quotation" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "file_name"),
    [
        ({"format": "csv"}, "quotes.csv"),
        (
            {
                "speaker": "Serzh Sarksyan",
                "said_after": "2016-01-01",
                "said_before": "2016-12-31",
                "format": "csv",
            },
            "quotes-serzh-sarksyan-2016.csv",
        ),
        (
            {"speaker": "Sérgio Lóbo", "said_after": "2016-04-02", "format": "json"},
            "quotes-sergio-lobo-from-2016-04-02.json",
        ),
        (
            {"q": "downed helicopter", "channel": "social_media", "kind": "full", "format": "csv"},
            "quotes-downed-helicopter-social_media-full.csv",
        ),
        (
            {"said_after": "2015-01-01", "said_before": "2016-12-31", "format": "json"},
            "quotes-2015-2016.json",
        ),
        ({"q": "ceasefire " * 15, "format": "csv"}, "quotes" + "-ceasefire" * 9 + ".csv"),
    ],
)
def test_an_export_is_named_after_what_it_holds(client, params, file_name):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'
