"""The archive index's text search, ``/?q=words``: the database's own full-text engine over
each clipping's headlines and paragraphs, on SQLite and PostgreSQL alike."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from clippings.models import Article, Paragraph
from clippings.search import search_index_problems
from clippings.search_sql import (
    CLIPPING_TEXT_INDEX,
    JOINED_CLIPPING_TEXT_INDEX,
    JOINED_QUOTE_INDEX,
    QUOTE_INDEX,
)

from .factories import ArticleFactory, ParagraphFactory, UpdateFactory
from .test_check_archive import check_archive
from .test_generate_archive import generate

pytestmark = pytest.mark.django_db

INDEX = reverse("clippings:article-list")


@pytest.fixture
def found(client):
    """The slugs the index lists for a query, in order; the page must answer 200."""

    def listed(query, **params):
        response = client.get(INDEX, {"q": query, **params})
        assert response.status_code == 200, query
        return [article.slug for article in response.context["object_list"]]

    return listed


def story(headline="Quiet day", *paragraphs, **kwargs):
    article = ArticleFactory(headline=headline, **kwargs)
    for text in paragraphs:
        ParagraphFactory(article=article, text=text)
    return article


def test_search_finds_a_clipping_by_a_word_of_its_headline_an_update_or_a_paragraph(found):
    in_headline = story("Ceasefire holds in the north")
    in_paragraph = story("Quiet day", "Both sides respected the truce overnight.")
    in_update = story("Talks")
    UpdateFactory(article=in_update, headline="Talks produce an armistice")
    story("Fighting resumes", "Shelling went on all night.")

    assert found("ceasefire") == [in_headline.slug]
    assert found("truce") == [in_paragraph.slug]
    assert found("armistice") == [in_update.slug]


def test_search_matches_other_forms_of_a_word(found):
    plural = story("Ceasefires broken twice")
    singular = story("Quiet day", "The ceasefire was respected.")
    assert set(found("ceasefire")) == {plural.slug, singular.slug}
    assert set(found("ceasefires")) == {plural.slug, singular.slug}


def test_search_ignores_case_and_accents(found):
    article = story("Quiet day", "Talks at the Élysée Palace went on until dawn.")
    assert found("elysee") == [article.slug]
    assert found("ÉLYSÉE") == [article.slug]
    assert found("Elysée palace") == [article.slug]


def test_search_needs_every_word_wherever_in_the_clipping_it_is(found):
    both = story("Ceasefire talks", "Mediators arrived in Vienna.")
    story("Ceasefire holds", "Mediators stayed at home.")
    assert found("ceasefire vienna") == [both.slug]
    assert found("vienna geneva") == []


def test_search_finds_both_the_earlier_and_the_rewritten_text_of_a_paragraph(found):
    article = story("Border clashes")
    original = ParagraphFactory(article=article, text="Two soldiers were wounded.")
    update = UpdateFactory(article=article, published_on=article.published_on)
    ParagraphFactory(
        article=article, update=update, replaces=original, text="Two soldiers were killed."
    )
    assert found("wounded") == [article.slug]
    assert found("killed") == [article.slug]


def test_search_lists_a_clipping_once_however_often_the_word_occurs(found):
    article = story("Shelling", "Shelling went on.", "Shelling again.", "More shelling.")
    UpdateFactory(article=article, headline="Shelling stops")
    assert found("shelling") == [article.slug]


def test_search_never_finds_drafts(found):
    story("Ceasefire drafted", "The ceasefire text.", status=Article.Status.DRAFT)
    assert found("ceasefire") == []


def test_search_keeps_the_order_chosen_for_the_list(found):
    old = story("Ceasefire agreed", published_on=datetime.date(2016, 1, 1))
    new = story("Ceasefire broken", published_on=datetime.date(2016, 3, 1))
    story("Unrelated", published_on=datetime.date(2016, 2, 1))
    assert found("ceasefire") == [new.slug, old.slug]
    assert found("ceasefire", sort="oldest") == [old.slug, new.slug]
    assert found("ceasefire", sort="headline") == [old.slug, new.slug]


@pytest.mark.parametrize(
    "query",
    ['"', "*", "-", "(", ")", "()", "^", ":", "'", "_", "%", "...", " , ; ", "\\", "“”", "💥"],
)
def test_query_of_punctuation_only_finds_nothing_and_is_no_error(found, query):
    story("Ceasefire holds", "A quiet night.")
    assert found(query) == []


@pytest.mark.parametrize(
    "query",
    [
        '"ceasefire',
        "ceasefire*",
        "ceasefire -",
        "-ceasefire",
        "NEAR(ceasefire holds)",
        "ceasefire NEAR holds",
        "(ceasefire",
        "ceasefire AND (holds",
        "ceasefire OR",
        "NOT ceasefire holds",
        "headline:ceasefire holds",
        "^ceasefire",
        "ceasefire + holds",
        "ceasefire_holds",
        "ceasefire & holds | !",
        "ceasefire <-> holds",
        "ceasefire's holds",
    ],
)
def test_search_syntax_characters_are_read_as_plain_words(found, query):
    """Neither FTS5's syntax (quotes, ``*``, ``NEAR``, parentheses, ``-``, column filters)
    nor PostgreSQL's (``&``, ``|``, ``!``, ``<->``) does anything: only the words count, the
    operators' names among them."""
    article = story(
        "Ceasefire holds",
        "Not a shot near the line and no headline, or so the ceasefire's monitors say.",
    )
    story("Fighting resumes")
    assert found(query) == [article.slug]


def test_operator_words_are_searched_as_words(found):
    near = story("Near the border", "Shelling went on near the border and not elsewhere.")
    story("Far away")
    assert found("near") == [near.slug]
    assert found("NOT near") == [near.slug]


def test_search_follows_every_kind_of_write(found):
    article = story("Quiet day")
    paragraph = ParagraphFactory(article=article, text="Tanks rolled across the border.")
    assert found("tanks") == [article.slug]

    paragraph.text = "Artillery fired across the border."
    paragraph.save()
    assert found("tanks") == []
    assert found("artillery") == [article.slug]

    Paragraph.objects.filter(pk=paragraph.pk).update(text="Drones flew across the border.")
    Article.objects.filter(pk=article.pk).update(headline="Airspace closed")
    assert found("artillery") == []
    assert found("drones airspace") == [article.slug]

    paragraph.delete()
    assert found("drones") == []
    article.delete()
    assert found("airspace") == []


def test_loaded_fixture_is_found_by_its_words(found, karabakh):
    assert found("SERZH SARKSYAN") == [karabakh.slug]
    assert found("casualties reported") == [karabakh.slug]
    assert search_index_problems() == []


CHANGE_THE_TEXT = "UPDATE clippings_paragraph SET text = 'something else entirely'"


def break_the_clipping_index():
    """Leave the clipping text search index out of step with the paragraphs, as a migration
    that rebuilt the table without restoring the triggers would; the words it expects the
    reports to name."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER clippings_paragraph_fts_update")
            cursor.execute(CHANGE_THE_TEXT)
            return [
                "The clipping text search index is not kept in step: triggers missing "
                "(clippings_paragraph_fts_update)",
                "The clipping text search index differs from the paragraphs' text",
            ]
        cursor.execute("DROP INDEX clippings_paragraph_text_joined_search")
        cursor.execute(CHANGE_THE_TEXT)
        return ["The clipping text search index clippings_paragraph_text_joined_search is missing"]


def test_check_archive_reports_the_clipping_index_out_of_step_and_rebuild_mends_it(found):
    article = story("Quiet day", "Tanks rolled across the border.")
    expected = break_the_clipping_index()
    status, output = check_archive()
    assert status == 1
    for words in expected:
        assert words in output

    call_command("rebuild_search_index", stdout=StringIO())
    assert search_index_problems() == []
    assert found("something else") == [article.slug]
    assert found("tanks") == []


def test_generated_archive_is_found_by_its_paragraphs_words(found):
    generate()
    paragraph = Paragraph.objects.exclude(text="").filter(article__status="published").first()
    word = max(paragraph.text.split(), key=len).strip(".,;:“”")
    assert paragraph.article.slug in found(word)
    assert search_index_problems() == []


def test_stop_words_beside_other_words_still_find_what_those_words_find(found):
    """PostgreSQL leaves out stop words ("the", "and"), SQLite indexes them: on both, the
    clipping holding every word is found."""
    article = story("The ceasefire and the talks")
    assert found("the ceasefire") == [article.slug]
    assert found("and talks the") == [article.slug]


@pytest.mark.django_db(transaction=True)
def test_migration_indexes_the_clippings_already_in_the_archive(found):
    article = story("Ceasefire holds", "Mediators arrived in Vienna.")
    UpdateFactory(article=article, headline="Armistice signed")
    call_command("migrate", "clippings", "0011", verbosity=0)  # before the index
    call_command("migrate", "clippings", verbosity=0)
    assert found("ceasefire vienna armistice") == [article.slug]
    assert search_index_problems() == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's triggers only")
@pytest.mark.django_db(transaction=True)
def test_migrate_restores_triggers_a_table_rebuild_dropped(found):
    """SQLite rebuilds a table a migration alters, without its triggers; ``migrate`` puts
    them back and refills the index, so edits made meanwhile are found."""
    article = story("Quiet day")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER clippings_paragraph_fts_insert")
    ParagraphFactory(article=article, text="Tanks rolled across the border.")
    call_command("migrate", verbosity=0)
    assert search_index_problems() == []
    assert found("tanks") == [article.slug]
    ParagraphFactory(article=article, text="Drones flew over the capital.")
    assert found("drones") == [article.slug]


def test_search_finds_the_sample_clipping_by_cease_fire_and_ceasefire_alike(found, karabakh):
    """It says "appeals for a cease-fire" and "violating a 1994 ceasefire"."""
    for query in ("cease-fire", "ceasefire", "Cease–fire", "cease-fires", "twodecadeold"):
        assert found(query) == [karabakh.slug], query


def test_a_hyphenated_word_and_its_joined_form_find_each_other(found):
    hyphenated = story("Cease-fire holds in the north")
    joined = story("Quiet day", "The ceasefire was respected overnight.")
    in_update = story("Talks")
    UpdateFactory(article=in_update, headline="A cease\u2011fire is signed")
    fire = story("Fighting resumes", "The fire spread to the village.")
    everything = {hyphenated.slug, joined.slug, in_update.slug}
    assert set(found("ceasefire")) == everything
    assert set(found("cease-fire")) == everything
    assert set(found("fire")) == {hyphenated.slug, in_update.slug, fire.slug}


def test_a_hyphenated_query_needs_every_other_word_too(found):
    both = story("Cease-fire talks", "Mediators arrived in Vienna.")
    story("Ceasefire holds", "Mediators stayed at home.")
    assert found("ceasefire vienna") == [both.slug]
    assert found("vienna cease-fire") == [both.slug]


@pytest.mark.parametrize("query", ["-", "--", "\u2013", "-" * 200, "- - -", "–‑­"])
def test_a_query_of_hyphens_only_finds_nothing_and_is_no_error(found, query):
    story("Cease-fire holds", "A quiet night.")
    assert found(query) == []


@pytest.mark.parametrize(
    "query",
    ["cease-", "-fire", "cease--fire", "a-b-c-d-e-f", "-".join(["fire"] * 40), "the-of-and"],
)
def test_a_query_of_odd_hyphenated_words_gets_a_normal_page(found, query):
    story("Cease-fire holds", "A quiet night.")
    found(query)  # answers 200


def test_an_edited_paragraph_is_found_by_its_new_hyphenated_words(found):
    article = story("Quiet day")
    paragraph = ParagraphFactory(article=article, text="Tanks rolled across the border.")
    paragraph.text = "A stand-off on the border."
    paragraph.save()
    assert found("standoff") == [article.slug]
    Paragraph.objects.filter(pk=paragraph.pk).update(text="A truce on the border.")
    assert found("standoff") == []
    assert check_archive() == (0, "The archive has no problems.\n")


def search_index_parts():
    """What the search indexes are made of: PostgreSQL's indexes, SQLite's FTS5 columns."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_search'")
        else:
            cursor.execute("SELECT name FROM pragma_table_info('clippings_paragraph_fts')")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_migration_0015_indexes_the_joined_forms_already_there_and_reverses(found):
    indexes = JOINED_CLIPPING_TEXT_INDEX.postgres_indexes | JOINED_QUOTE_INDEX.postgres_indexes
    old_indexes = CLIPPING_TEXT_INDEX.postgres_indexes | QUOTE_INDEX.postgres_indexes
    joined = {"postgresql": set(indexes), "sqlite": {"text", "joined"}}[connection.vendor]
    words_only = {"postgresql": set(old_indexes), "sqlite": {"text"}}[connection.vendor]

    call_command("migrate", "clippings", "0014", verbosity=0)
    assert search_index_parts() == words_only
    article = story("Cease-fire holds", "Mediators arrived in Vienna.")
    call_command("migrate", "clippings", verbosity=0)
    assert search_index_parts() == joined
    assert found("ceasefire vienna") == [article.slug]
    assert search_index_problems() == []
