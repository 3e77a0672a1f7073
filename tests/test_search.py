"""Full-text search over quotes, on whichever database the archive runs."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from clippings.management.commands import rebuild_search_index as rebuild_command
from clippings.models import Quote
from clippings.search import search_index_problems

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
            cursor.execute("DROP INDEX clippings_quote_words_search")
            expected = ["clippings_quote_words_search is missing"]
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
            cursor.execute("DROP INDEX clippings_quote_words_search")
            expected = "clippings_quote_words_search is missing"
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
