"""Saving a clipped story as a draft clipping, and a newer version of it as one update."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from clippings.capture.clip import ClipError, clip_text
from clippings.capture.draft import ClippedStory, DraftParagraph, DraftUpdate, ProposedQuote
from clippings.capture.services import clipping_add_version, clipping_create_draft
from clippings.evolution import versions_of
from clippings.models import Article, Credit, Paragraph, Quote, Source, Speaker, Tag, Update
from tests import factories

pytestmark = pytest.mark.django_db

HEADLINE = "Clashes erupt in Nagorno-Karabakh"
TEXTS = [
    "Fighting broke out overnight along the line of contact in Nagorno-Karabakh.",
    "The defence ministry said 12 soldiers were killed in the clashes.",
    "“We will not give up an inch of our land,” President Serzh Sarksyan said on Saturday.",
    "Residents fled to shelters as shelling continued into the morning.",
]


def story_of(texts=TEXTS, headline=HEADLINE, **fields):
    fields.setdefault("source", "https://news.example/karabakh")
    fields.setdefault("url", "https://www.news.example/karabakh")
    fields.setdefault("site_name", "News Example")
    fields.setdefault("published_on", datetime.date(2016, 4, 2))
    paragraphs = fields.pop("paragraphs", None) or [DraftParagraph(text) for text in texts]
    return ClippedStory(headline=headline, paragraphs=paragraphs, **fields)


def sarksyan_quote(**fields):
    return ProposedQuote(
        **{
            "paragraph": 2,
            "words": "We will not give up an inch of our land,",
            "kind": "full",
            "speaker": "Serzh Sarksyan",
            "speaker_as_printed": "President Serzh Sarksyan",
            "cue": "said",
            **fields,
        }
    )


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Update, Paragraph, Quote, Speaker, Source, Credit)
    }


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", is_staff=True)


@pytest.fixture
def clipped(editor):
    """A published clipping of the story, as clipped then published by an editor."""
    article = clipping_create_draft(story_of(), user=editor)
    article.status = Article.Status.PUBLISHED
    article.save()
    return article


# A new draft -------------------------------------------------------------------------


def test_a_clipped_story_lands_as_a_draft_with_its_paragraphs_in_order(editor):
    article = clipping_create_draft(story_of(), user=editor)
    assert article.status == Article.Status.DRAFT
    assert article.headline == HEADLINE
    assert article.slug == "clashes-erupt-in-nagorno-karabakh"
    assert article.published_on == datetime.date(2016, 4, 2)
    assert article.original_url == "https://www.news.example/karabakh"
    assert [(p.position, p.text) for p in article.paragraphs.all()] == list(
        enumerate(TEXTS, start=1)
    )


def test_a_second_clipping_of_the_same_headline_gets_a_slug_of_its_own(editor):
    first = clipping_create_draft(story_of(), user=editor)
    second = clipping_create_draft(story_of(), user=editor)
    assert second.slug != first.slug
    assert second.slug.startswith(first.slug)


def test_updates_marked_in_the_text_are_saved_with_their_paragraphs_and_dates(editor):
    story = story_of(
        paragraphs=[
            DraftParagraph(TEXTS[0]),
            DraftParagraph("A ceasefire was announced on Sunday.", update=0),
        ],
        updates=[DraftUpdate("Update Sunday 03/04/2016", published_on=datetime.date(2016, 4, 3))],
    )
    article = clipping_create_draft(story, user=editor)
    update = article.updates.get()
    assert (update.label, update.published_on) == (
        "Update Sunday 03/04/2016",
        datetime.date(2016, 4, 3),
    )
    assert [p.text for p in update.paragraphs.all()] == ["A ceasefire was announced on Sunday."]


def test_the_site_is_credited_as_the_existing_source_with_the_same_host(editor):
    known = factories.SourceFactory(name="The News", url="https://news.example/")
    article = clipping_create_draft(story_of(), user=editor)
    credit = article.credits.get()
    assert credit.source == known
    assert credit.name_as_printed == "News Example"


def test_the_site_is_credited_as_the_existing_source_with_the_same_name(editor):
    known = factories.SourceFactory(name="news example", url="")
    article = clipping_create_draft(story_of(), user=editor)
    assert article.credits.get().source == known


def test_an_unknown_site_becomes_a_new_source(editor):
    article = clipping_create_draft(story_of(), user=editor)
    source = article.credits.get().source
    assert (source.name, source.url, source.kind) == (
        "News Example",
        "https://www.news.example/",
        Source.Kind.WEBSITE,
    )


def test_pasted_text_credits_no_source(editor):
    article = clipping_create_draft(story_of(source="-", url="", site_name=""), user=editor)
    assert not article.credits.exists()


def test_keywords_attach_the_tags_the_archive_has_and_all_stay_on_the_keyword_line(editor):
    factories.TagFactory(name="nagorno-karabakh", slug="nagorno-karabakh")
    article = clipping_create_draft(story_of(tags=["Nagorno-Karabakh", "Armenia"]), user=editor)
    assert [tag.name for tag in article.tags.all()] == ["nagorno-karabakh"]
    assert article.filed_under_as_printed == "Nagorno-Karabakh, Armenia"
    assert not Tag.objects.filter(name__iexact="armenia").exists()


def test_a_story_without_a_printed_date_is_dated_by_its_page_and_marked_inferred(editor):
    article = clipping_create_draft(
        story_of(published_on=None, modified_on=datetime.date(2016, 4, 5)), user=editor
    )
    assert article.published_on == datetime.date(2016, 4, 5)
    assert article.published_on_is_inferred
    assert "modified" in article.published_on_note


def test_only_accepted_quotes_are_saved_with_a_new_speaker(editor):
    story = story_of(quotes=[sarksyan_quote()])
    article = clipping_create_draft(story, user=editor)
    assert not article.quotes.exists()

    article = clipping_create_draft(story, user=editor, accepted_quotes=[sarksyan_quote()])
    quote = article.quotes.get()
    assert quote.words == "We will not give up an inch of our land,"
    assert quote.paragraph.text == TEXTS[2]
    assert quote.speaker.name == "Serzh Sarksyan"
    assert quote.speaker_as_printed == "President Serzh Sarksyan"


def test_an_accepted_quote_finds_its_speaker_by_id_or_by_an_alias(editor):
    sarksyan = factories.SpeakerFactory(name="Serzh Sargsyan")
    factories.SpeakerAliasFactory(speaker=sarksyan, name="Serzh Sarksyan")
    by_alias = clipping_create_draft(story_of(), user=editor, accepted_quotes=[sarksyan_quote()])
    by_id = clipping_create_draft(
        story_of(), user=editor, accepted_quotes=[sarksyan_quote(speaker_id=sarksyan.pk)]
    )
    assert by_alias.quotes.get().speaker == sarksyan
    assert by_id.quotes.get().speaker == sarksyan
    assert Speaker.objects.count() == 1


def test_a_quote_whose_words_are_not_in_its_paragraph_saves_nothing_at_all(editor):
    before = counts()
    with pytest.raises(ValidationError, match="do not appear verbatim"):
        clipping_create_draft(
            story_of(),
            user=editor,
            accepted_quotes=[sarksyan_quote(), sarksyan_quote(words="We will surrender")],
        )
    assert counts() == before


def test_text_without_paragraphs_is_refused(editor):
    with pytest.raises(ClipError, match="No paragraphs"):
        clipping_create_draft(story_of(texts=["   "]), user=editor)
    assert not Article.objects.exists()


def test_the_history_records_the_editor_and_where_the_story_was_clipped_from(editor):
    article = clipping_create_draft(story_of(), user=editor)
    record = article.history.get()
    assert record.history_user == editor
    assert record.history_change_reason == "Clipped from https://news.example/karabakh"
    assert article.paragraphs.first().history.get().history_user == editor


# A newer version ---------------------------------------------------------------------


def test_an_unchanged_version_creates_nothing(clipped, editor):
    before = counts()
    assert clipping_add_version(clipped, story_of(), user=editor) is None
    assert counts() == before


def test_a_rewritten_paragraph_replaces_the_one_it_rewrites(clipped, editor):
    texts = list(TEXTS)
    texts[1] = "The defence ministry said 18 soldiers were killed in the clashes."
    update = clipping_add_version(
        clipped, story_of(texts, modified_on=datetime.date(2016, 4, 4)), user=editor
    )
    rewrite = update.paragraphs.get()
    assert rewrite.text == texts[1]
    assert rewrite.replaces.text == TEXTS[1]
    assert update.published_on == datetime.date(2016, 4, 4)
    assert update.label == "Updated on the page"
    latest = versions_of(Article.objects.with_page_content().get(pk=clipped.pk))[-1]
    assert [block.text for block in latest.blocks] == texts


def test_a_removed_paragraph_is_recorded_as_an_empty_replacement(clipped, editor):
    update = clipping_add_version(clipped, story_of([TEXTS[0], TEXTS[1], TEXTS[2]]), user=editor)
    removal = update.paragraphs.get()
    assert removal.is_removal
    assert removal.replaces.text == TEXTS[3]


def test_new_paragraphs_are_added_and_a_changed_headline_recorded(clipped, editor):
    story = story_of(
        [*TEXTS, "A ceasefire brokered by Moscow took hold on Sunday evening."],
        headline="Ceasefire holds in Nagorno-Karabakh",
    )
    update = clipping_add_version(clipped, story, user=editor)
    assert update.headline == "Ceasefire holds in Nagorno-Karabakh"
    added = update.paragraphs.get()
    assert (added.text, added.replaces) == (story.paragraphs[-1].text, None)


def test_a_newer_version_takes_the_label_and_date_of_its_update_marker(clipped, editor):
    story = story_of(
        paragraphs=[
            *(DraftParagraph(text) for text in TEXTS),
            DraftParagraph("A ceasefire took hold on Sunday.", update=0),
        ],
        updates=[DraftUpdate("UPDATE Sunday 03/04/2016", published_on=datetime.date(2016, 4, 3))],
    )
    update = clipping_add_version(clipped, story, user=editor)
    assert (update.label, update.published_on) == (
        "UPDATE Sunday 03/04/2016",
        datetime.date(2016, 4, 3),
    )


def test_a_newer_version_saves_accepted_quotes_only_in_new_or_rewritten_paragraphs(clipped, editor):
    texts = [*TEXTS, "“The truce is fragile,” a Defence Ministry spokesman said."]
    truce = ProposedQuote(
        paragraph=4, words="The truce is fragile,", kind="full", speaker="Defence Ministry"
    )
    update = clipping_add_version(
        clipped, story_of(texts), user=editor, accepted_quotes=[sarksyan_quote(), truce]
    )
    assert [quote.words for quote in clipped.quotes.all()] == ["The truce is fragile,"]
    assert clipped.quotes.get().paragraph.update == update


def test_another_story_is_refused_and_nothing_is_created(clipped, editor):
    other = story_of(
        [
            "The central bank raised interest rates by half a point on Thursday.",
            "Inflation has stayed above its target for a year, the governor said.",
        ],
        headline="Central bank raises rates",
    )
    before = counts()
    with pytest.raises(ClipError, match="another story"):
        clipping_add_version(clipped, other, user=editor)
    assert counts() == before


def test_a_bad_quote_undoes_the_whole_newer_version(clipped, editor):
    texts = [*TEXTS, "“The truce is fragile,” a spokesman said."]
    wrong = ProposedQuote(paragraph=4, words="The truce holds", kind="full", speaker="Spokesman")
    before = counts()
    with pytest.raises(ValidationError):
        clipping_add_version(clipped, story_of(texts), user=editor, accepted_quotes=[wrong])
    assert counts() == before


def test_a_second_newer_version_rewrites_the_first_rewrite(clipped, editor):
    texts = list(TEXTS)
    texts[1] = "The defence ministry said 18 soldiers were killed in the clashes."
    first = clipping_add_version(clipped, story_of(texts), user=editor)
    texts[1] = "The defence ministry said 20 soldiers were killed in the clashes on Saturday."
    second = clipping_add_version(clipped, story_of(texts), user=editor)
    assert second.paragraphs.get().replaces == first.paragraphs.get()
    latest = versions_of(Article.objects.with_page_content().get(pk=clipped.pk))[-1]
    assert latest.blocks[1].anchor == "p2"
    assert latest.blocks[1].text == texts[1]


SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "karabakh-2016-04-03.txt"


def test_the_seed_clippings_own_text_is_no_newer_version(karabakh, editor):
    story = clip_text(SEED.read_text(encoding="utf-8"), source=str(SEED))
    before = counts()
    assert clipping_add_version(karabakh, story, user=editor) is None
    assert counts() == before


def test_one_figure_changed_in_the_seed_clippings_text_is_one_rewritten_paragraph(karabakh, editor):
    story = clip_text(SEED.read_text(encoding="utf-8"), source=str(SEED))
    draft = next(p for p in story.paragraphs if re.search(r"\b\d{2}\b", p.text))
    figure = re.search(r"\b\d{2}\b", draft.text).group()
    draft.text = draft.text.replace(figure, str(int(figure) + 1), 1)
    update = clipping_add_version(karabakh, story, user=editor)
    rewrite = update.paragraphs.get()
    assert rewrite.text == draft.text
    assert rewrite.replaces.text.replace(figure, str(int(figure) + 1), 1) == draft.text
