"""Each rule the models own: one case it accepts, one it refuses with a clear error."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError

from clippings.models import Article, Credit, Paragraph, Quote, Source, Speaker, Tag, Update

from .factories import (
    ArticleFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TagFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db

APRIL_2 = datetime.date(2016, 4, 2)


def errors_of(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("model", "factory", "fields"),
    [
        (Article, ArticleFactory, {"headline": "Another story", "published_on": APRIL_2}),
        (Source, SourceFactory, {"name": "Another outlet", "kind": Source.Kind.WEBSITE}),
        (Speaker, SpeakerFactory, {"name": "Another speaker"}),
        (Tag, TagFactory, {"name": "another tag"}),
    ],
)
def test_slug_must_be_unique(model, factory, fields):
    existing = factory(slug="taken")
    model(slug="free", **fields).full_clean()
    assert "slug" in errors_of(model(slug=existing.slug, **fields))


def test_inferred_publication_date_needs_a_note_saying_how():
    article = ArticleFactory.build(published_on_is_inferred=True, published_on_note="")
    assert "Say how an inferred publication date was worked out." in str(errors_of(article))
    article.published_on_note = "Worked out from the update's date."
    article.full_clean()


def test_update_may_not_predate_its_article():
    article = ArticleFactory(published_on=APRIL_2)
    UpdateFactory.build(article=article, published_on=APRIL_2).full_clean()
    early = UpdateFactory.build(article=article, published_on=APRIL_2 - datetime.timedelta(1))
    assert "cannot predate its article" in errors_of(early)["published_on"][0]


def test_article_date_may_not_move_after_its_first_update():
    article = ArticleFactory(published_on=APRIL_2)
    UpdateFactory(article=article, label="Update Sunday", published_on=datetime.date(2016, 4, 3))
    article.published_on = datetime.date(2016, 4, 3)
    article.full_clean()
    article.published_on = datetime.date(2016, 4, 4)
    assert "Update Sunday" in errors_of(article)["published_on"][0]


def test_quote_words_must_occur_verbatim_in_its_paragraph():
    paragraph = ParagraphFactory(text="He said “we will not give up” and left.")
    QuoteFactory.build(
        paragraph=paragraph, article=paragraph.article, speaker=SpeakerFactory()
    ).full_clean()
    invented = QuoteFactory.build(
        paragraph=paragraph,
        article=paragraph.article,
        speaker=SpeakerFactory(),
        words="we will never give up",
    )
    assert "do not appear verbatim" in errors_of(invented)["words"][0]


def test_quote_matching_treats_typographic_and_straight_quote_marks_alike():
    paragraph = ParagraphFactory(text="She said: “It’s time to “act” now.”")
    QuoteFactory.build(
        paragraph=paragraph,
        article=paragraph.article,
        speaker=SpeakerFactory(),
        words='It\'s time to "act" now.',
    ).full_clean()


def test_quote_paragraph_must_belong_to_the_quote_article():
    paragraph = ParagraphFactory()
    other_article = ArticleFactory()
    quote = QuoteFactory.build(paragraph=paragraph, article=other_article)
    assert "another article" in errors_of(quote)["paragraph"][0]


def test_quote_cannot_be_said_after_the_text_printing_it_appeared():
    update = UpdateFactory(published_on=datetime.date(2016, 4, 3))
    paragraph = ParagraphFactory(article=update.article, update=update)
    QuoteFactory.build(
        paragraph=paragraph,
        article=paragraph.article,
        speaker=SpeakerFactory(),
        said_on=datetime.date(2016, 3, 30),
    ).full_clean()
    late = QuoteFactory.build(
        paragraph=paragraph,
        article=paragraph.article,
        speaker=SpeakerFactory(),
        said_on=datetime.date(2016, 4, 4),
    )
    assert "cannot have been said later" in errors_of(late)["said_on"][0]


def test_inferred_quote_date_needs_a_date():
    paragraph = ParagraphFactory()
    quote = QuoteFactory.build(
        paragraph=paragraph, article=paragraph.article, speaker=SpeakerFactory()
    )
    quote.said_on_is_inferred = True
    assert "An inferred date needs a date." in str(errors_of(quote))
    quote.said_on = APRIL_2
    quote.full_clean()


def test_intermediary_must_be_someone_else_than_the_speaker():
    paragraph = ParagraphFactory()
    speaker, spokesman = SpeakerFactory(), SpeakerFactory()
    relayed = QuoteFactory.build(
        paragraph=paragraph, article=paragraph.article, speaker=speaker, intermediary=spokesman
    )
    relayed.full_clean()
    relayed.intermediary = speaker
    assert "someone other than the speaker" in str(errors_of(relayed))


def test_paragraph_update_must_belong_to_the_same_article():
    update = UpdateFactory()
    ParagraphFactory.build(article=update.article, update=update).full_clean()
    stray = ParagraphFactory.build(article=ArticleFactory(), update=update)
    assert "another article" in errors_of(stray)["update"][0]


def test_editing_a_paragraph_cannot_drop_the_words_of_its_quotes():
    quote = QuoteFactory()
    paragraph = quote.paragraph
    paragraph.text = paragraph.text.replace("and left", "and went away")
    paragraph.full_clean()
    paragraph.text = "The minister left the room."
    assert "we will not give up" in errors_of(paragraph)["text"][0]


def test_wikidata_id_must_look_like_one_and_be_unique():
    SpeakerFactory(wikidata_id="Q7747")
    SpeakerFactory.build(wikidata_id="Q76658").full_clean()
    assert "wikidata_id" in errors_of(SpeakerFactory.build(wikidata_id="7747"))
    assert "Another speaker already has this Wikidata ID." in str(
        errors_of(SpeakerFactory.build(wikidata_id="Q7747"))
    )
    # Blank identifiers are not "the same identifier".
    SpeakerFactory(wikidata_id="")
    SpeakerFactory.build(wikidata_id="").full_clean()


def test_speaker_alias_is_unique_per_speaker_but_may_repeat_across_speakers():
    alias = SpeakerAliasFactory(name="the ministry")
    SpeakerAliasFactory.build(speaker=SpeakerFactory(), name="the ministry").full_clean()
    duplicate = SpeakerAliasFactory.build(speaker=alias.speaker, name="the ministry")
    assert "This speaker already has this alias." in str(errors_of(duplicate))


def test_article_credits_a_source_once():
    article, source = ArticleFactory(), SourceFactory()
    Credit(article=article, source=source, name_as_printed="RT.COM").full_clean()
    Credit.objects.create(article=article, source=source)
    assert "already credits this source" in str(errors_of(Credit(article=article, source=source)))


def test_database_refuses_duplicate_slug_even_without_validation():
    ArticleFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="same")


def test_anchors_are_assigned_once_and_stay_put():
    article = ArticleFactory()
    first = ParagraphFactory(article=article)
    second = ParagraphFactory(article=article)
    assert (first.anchor, second.anchor) == ("p1", "p2")
    first.delete()
    third = ParagraphFactory(article=article)
    second.refresh_from_db()
    assert second.anchor == "p2"
    assert third.anchor == "p3"
    update = UpdateFactory(article=article)
    quote = QuoteFactory(paragraph=second, article=article)
    assert (update.anchor, quote.anchor) == ("update-1", "q1")


def test_paragraphs_read_original_post_first_then_updates_by_date():
    article = ArticleFactory()
    later = UpdateFactory(article=article, published_on=datetime.date(2016, 4, 5))
    sooner = UpdateFactory(article=article, published_on=datetime.date(2016, 4, 3))
    ParagraphFactory(article=article, update=later, text="later", position=1)
    ParagraphFactory(article=article, update=sooner, text="sooner 2", position=2)
    ParagraphFactory(article=article, update=sooner, text="sooner 1", position=1)
    ParagraphFactory(article=article, text="original", position=1)
    texts = list(Paragraph.objects.filter(article=article).values_list("text", flat=True))
    assert texts == ["original", "sooner 1", "sooner 2", "later"]


def test_deleting_a_paragraph_with_quotes_is_refused_but_deleting_the_article_is_not():
    quote = QuoteFactory()
    with pytest.raises(RestrictedError):
        quote.paragraph.delete()
    quote.article.delete()
    assert not Quote.objects.exists()
    assert not Paragraph.objects.exists()


def test_speaker_with_quotes_cannot_be_deleted():
    quote = QuoteFactory()
    with pytest.raises(ProtectedError):
        quote.speaker.delete()


def test_update_of_quote_is_the_update_of_its_paragraph():
    update = UpdateFactory()
    paragraph = ParagraphFactory(article=update.article, update=update)
    assert QuoteFactory(paragraph=paragraph, article=update.article).update == update
    assert QuoteFactory().update is None


def test_update_string_shows_label_and_date():
    update = Update(label="Update Sunday 03/04/2016", published_on=datetime.date(2016, 4, 3))
    assert str(update) == "Update Sunday 03/04/2016 (03 April 2016)"
