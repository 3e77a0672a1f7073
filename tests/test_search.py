"""Full-text search over quotes, on whichever database the archive runs."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from clippings.management.commands import rebuild_search_index as rebuild_command
from clippings.models import Quote
from clippings.search import search_index_problems
from clippings.search_sql import INDEXES, postgres_joined_forms, sqlite_joined_forms
from clippings.text import joined_forms

from .factories import ParagraphFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def found(text, queryset=None):
    return list((queryset or Quote.objects.all()).search(text))


def quote_with(words):
    paragraph = ParagraphFactory(text=f"He said “{words}” loudly.")
    return QuoteFactory(paragraph=paragraph, article=paragraph.article, words=words)


def test_full_text_query_finds_the_quote_by_its_words(karabakh):
    results = found("helicopter lie")
    assert [quote.speaker.slug for quote in results] == ["azerbaijani-defence-ministry"]
    assert "absolute lie" in results[0].words


def test_search_matches_other_forms_of_a_word(karabakh):
    assert any("shot down a helicopter" in quote.words for quote in found("helicopters"))


def test_search_needs_every_word(karabakh):
    assert found("helicopter Titzian") == []


def test_better_matches_rank_first():
    weak = quote_with("the ceasefire was mentioned once among many other words here")
    strong = quote_with("ceasefire ceasefire ceasefire")
    results = found("ceasefire")
    assert results == [strong, weak]
    assert results[0].search_rank > results[1].search_rank


def test_query_syntax_characters_are_read_as_plain_words(karabakh):
    for query in ['"', "NOT", "helicopter*", "AND OR", "(", "^", "col:x", "-lie", "'"]:
        found(query)  # no database error
    assert found('"helicopter" AND (lie') == found("helicopter lie")


def test_empty_query_finds_nothing(karabakh):
    assert found("  ,;  ") == []


def test_search_follows_every_kind_of_write():
    quote = quote_with("tanks rolled across the border")
    assert found("tanks") == [quote]
    paragraph = quote.paragraph
    paragraph.text = "He said “artillery rolled across the border” loudly."
    paragraph.save()
    Quote.objects.filter(pk=quote.pk).update(words="artillery rolled across the border")
    assert found("tanks") == []
    assert found("artillery") == [quote]
    quote.delete()
    assert found("artillery") == []


def test_fixture_load_is_searchable_and_index_is_in_step(db):
    call_command("loaddata", "karabakh-2016", verbosity=0)
    assert found("Karabakh army")
    assert search_index_problems() == []


def test_a_search_index_out_of_step_is_reported():
    quote_with("tanks rolled across the border")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER clippings_quote_fts_update")
            cursor.execute("UPDATE clippings_quote SET words = 'something else entirely'")
            expected = ["triggers missing", "differs from the quotes"]
        else:
            cursor.execute("DROP INDEX clippings_quote_words_joined_search")
            expected = ["clippings_quote_words_joined_search is missing"]
    problems = " ".join(problem.message for problem in search_index_problems())
    for words in expected:
        assert words in problems


def test_rebuild_command_brings_the_index_back_in_step(capsys):
    quote_with("tanks rolled across the border")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER clippings_quote_fts_update")
            cursor.execute("UPDATE clippings_quote SET words = 'artillery fire'")
        assert search_index_problems()
    call_command("rebuild_search_index")
    assert search_index_problems() == []
    assert "in step" in capsys.readouterr().out


def test_rebuild_command_fails_when_the_index_is_still_out_of_step(monkeypatch):
    """A rebuild that could not mend the index exits with an error, not a quiet status 0."""
    quote_with("tanks rolled across the border")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER clippings_quote_fts_update")
            expected = "triggers missing"
        else:
            cursor.execute("DROP INDEX clippings_quote_words_joined_search")
            expected = "clippings_quote_words_joined_search is missing"
    monkeypatch.setattr(rebuild_command, "rebuild_search_index", lambda: None)
    with pytest.raises(CommandError, match=expected):
        call_command("rebuild_search_index")


def test_dumpdata_exports_quotes_but_not_the_search_index(karabakh, tmp_path):
    import json

    out = tmp_path / "dump.json"
    call_command("dumpdata", "clippings", output=str(out), verbosity=0)
    models = {record["model"] for record in json.loads(out.read_text())}
    assert "clippings.quote" in models
    assert "clippings.quotesearchentry" not in models


# Hyphenated words ----------------------------------------------------------------------------


def test_a_hyphenated_word_finds_its_joined_form_and_the_joined_form_finds_it():
    hyphenated = quote_with("appeals for a cease-fire from various organizations")
    joined = quote_with("violating a 1994 ceasefire")
    assert set(found("cease-fire")) == {hyphenated, joined}
    assert set(found("ceasefire")) == {hyphenated, joined}
    assert set(found("Cease-Fire")) == {hyphenated, joined}


@pytest.mark.parametrize(
    "hyphen", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2212", "\u00ad", "\ufe63", "\uff0d"]
)
def test_en_dashes_non_breaking_and_soft_hyphens_join_words_as_the_hyphen_does(hyphen):
    hyphenated = quote_with(f"appeals for a cease{hyphen}fire")
    joined = quote_with("violating a 1994 ceasefire")
    assert set(found("ceasefire")) == {hyphenated, joined}
    assert set(found(f"cease{hyphen}fire")) == {hyphenated, joined}
    assert set(found("cease-fire")) == {hyphenated, joined}


def test_other_forms_of_a_compound_find_each_other_stemmed():
    hyphenated = quote_with("both cease-fires were broken")
    joined = quote_with("the ceasefire held")
    assert set(found("ceasefires")) == {hyphenated, joined}
    assert set(found("cease-fire")) == {hyphenated, joined}


def test_a_part_of_a_compound_finds_the_compound_but_not_the_joined_word():
    """Neither engine splits a word ("ceasefire") into the words it is made of."""
    hyphenated = quote_with("appeals for a cease-fire")
    quote_with("violating a 1994 ceasefire")
    assert found("fire") == [hyphenated]
    assert found("cease") == [hyphenated]


def test_a_hyphenated_query_finds_its_parts_written_apart_only_one_after_the_other():
    apart = quote_with("they agreed to cease fire at dawn")
    quote_with("the fire did not cease")
    assert found("cease-fire") == [apart]
    assert found("ceasefire") == []  # a space is not a hyphen: the words stay two


def test_a_longer_compound_is_found_by_all_its_parts_joined():
    compound = quote_with("a two-decade-old conflict")
    assert found("twodecadeold") == [compound]
    assert found("two-decade-old") == [compound]
    assert found("two-decade") == [compound]
    assert found("twodecade") == []  # only a compound's parts joined whole are indexed
    related = quote_with("a cease-fire-related incident")
    assert found("cease-fire") == [related]
    assert found("ceasefire") == []


@pytest.mark.parametrize(
    "query",
    [
        "-",
        "--",
        "---",
        "cease-",
        "-fire",
        "cease--fire",
        "cease - fire",
        "a-b-c-d-e-f",
        "-".join(["cease"] * 100),
        "-".join(["a"] * 5000),
        "-".join(["fire"] * 3000),
        "-" * 5000,
        "\u2013\u2011\u00ad",
        '"cease-fire"',
        "cease-fire*",
        "cease-fire OR NOT",
        "cease-fire & | ! <->",
    ],
)
def test_hyphens_anywhere_in_a_query_are_no_error(query):
    quote_with("appeals for a cease-fire")
    assert all(quote.words for quote in found(query))


def test_lone_hyphens_are_no_word_and_find_nothing():
    quote_with("appeals for a cease-fire")
    assert found("-") == found("--") == found("\u2013") == []
    assert found("cease-") == found("-cease") == found("cease")


def test_the_index_follows_every_kind_of_write_of_a_hyphenated_word():
    quote = quote_with("tanks rolled across the border")
    Quote.objects.filter(pk=quote.pk).update(words="a cease-fire across the border")
    assert found("ceasefire") == [quote]
    Quote.objects.filter(pk=quote.pk).update(words="a truce across the border")
    assert found("ceasefire") == []
    quote.words = "a stand-off across the border"
    quote.paragraph.text = f"He said “{quote.words}” loudly."
    quote.paragraph.save()
    quote.save()
    assert found("standoff") == [quote]
    quote.delete()
    assert found("standoff") == []
    assert search_index_problems() == []


def test_a_rebuilt_index_holds_the_joined_forms_of_the_rows_written_before_it():
    """As after ``generate_archive``, which drops the indexes, writes in bulk and rebuilds."""
    quote = quote_with("appeals for a cease-fire")
    with connection.cursor() as cursor:
        for index in INDEXES:
            for statement in index.drop[connection.vendor]:
                cursor.execute(statement)
    call_command("rebuild_search_index", stdout=StringIO())
    assert found("ceasefire") == [quote]
    assert search_index_problems() == []


TEXTS_WITH_HYPHENS = [
    "appeals for a cease-fire, violating a 1994 ceasefire",
    "Cease–fire (cease‑fire) in Nagorno-Karabakh’s “two-decade-old” conflict",
    'tabs\tand lines\nx-y\r\nz-w  double  spaced-out "quoted-word" back\\slash-x',
    "- -- cease- -fire soft\u00adhyphen U.S.-backed ünïcödé-wörd emoji😀-fire %s-%d",
    "no hyphen at all",
    "",
]


@pytest.mark.parametrize("text", TEXTS_WITH_HYPHENS)
def test_the_indexes_join_hyphenated_words_as_clippings_text_says(text):
    """The SQL that fills the indexes derives the joined forms as ``joined_forms()`` does."""
    joined_forms_of = {"sqlite": sqlite_joined_forms, "postgresql": postgres_joined_forms}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {joined_forms_of[connection.vendor]('t.text')} FROM "
            "(SELECT CAST(%s AS text) AS text) AS t",
            [text],
        )
        derived = cursor.fetchone()[0]
    assert [form for form in re.split("[ \t\n\r]+", derived) if form] == joined_forms(text)
