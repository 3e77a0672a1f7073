"""A quote is listed under its date (said, else printed by its update, else by its clipping),
stored with it and kept in step by every save that can move it in time."""

import datetime
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.urls import reverse

from clippings.models import Quote
from tests.factories import (
    ArticleFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    UpdateFactory,
)
from tests.test_check_archive import check_archive

pytestmark = pytest.mark.django_db

APRIL = {day: datetime.date(2016, 4, day) for day in range(1, 31)}


def speaker_page_words(client, speaker):
    response = client.get(speaker.get_absolute_url())
    assert response.status_code == 200
    return [quote.words for quote in response.context["page_obj"]]


def searched_words(client, speaker, **bounds):
    response = client.get(reverse("clippings:quote-search"), {"speaker": speaker.name, **bounds})
    assert response.status_code == 200
    return [quote.words for quote in response.context["object_list"]]


@pytest.fixture
def two_stories():
    """A speaker quoted in a Sunday update of a story of the 2nd, and on the 5th elsewhere."""
    speaker = SpeakerFactory(name="Artsrun Hovhannisyan")
    story = ArticleFactory(published_on=APRIL[2])
    update = UpdateFactory(article=story, published_on=APRIL[3])
    in_update = ParagraphFactory(
        article=story, update=update, text="“Heavy fighting goes on,” he said."
    )
    QuoteFactory(paragraph=in_update, speaker=speaker, words="Heavy fighting goes on")
    other = ParagraphFactory(
        article=ArticleFactory(published_on=APRIL[5]), text="“The line holds,” he said."
    )
    QuoteFactory(paragraph=other, speaker=speaker, words="The line holds")
    return speaker, story, update, in_update


def test_a_quote_is_listed_under_the_date_of_the_update_that_printed_it(client, two_stories):
    speaker, *_ = two_stories
    assert speaker_page_words(client, speaker) == ["Heavy fighting goes on", "The line holds"]
    assert searched_words(client, speaker, said_after="2016-04-04") == ["The line holds"]


def test_redating_an_update_moves_its_quotes_in_every_list(client, two_stories):
    speaker, _, update, _ = two_stories
    update.published_on = APRIL[9]
    update.save()
    assert speaker_page_words(client, speaker) == ["The line holds", "Heavy fighting goes on"]
    assert searched_words(client, speaker, said_after="2016-04-06") == ["Heavy fighting goes on"]


def test_moving_a_paragraph_to_the_original_post_dates_its_quotes_by_the_clipping(
    client, two_stories
):
    _, story, update, paragraph = two_stories
    update.published_on = APRIL[9]
    update.save()
    paragraph.update = None
    paragraph.save()
    assert Quote.objects.get(paragraph=paragraph).dated_on == story.published_on


def test_redating_the_clipping_moves_the_quotes_of_its_original_post(client, two_stories):
    speaker, story, _, paragraph = two_stories
    paragraph.update = None
    paragraph.save()
    story.published_on = APRIL[7]
    story.save()
    assert speaker_page_words(client, speaker) == ["The line holds", "Heavy fighting goes on"]


def test_the_day_the_words_were_said_comes_before_the_day_they_were_printed(client, two_stories):
    speaker, *_ = two_stories
    quote = Quote.objects.get(words="The line holds")
    quote.said_on = APRIL[1]
    quote.save()
    assert speaker_page_words(client, speaker) == ["The line holds", "Heavy fighting goes on"]
    assert searched_words(client, speaker, said_before="2016-04-01") == ["The line holds"]


def test_a_speakers_latest_quote_date_follows_an_edit(client, two_stories):
    _, _, update, _ = two_stories
    update.published_on = APRIL[20]
    update.save()
    response = client.get(reverse("clippings:speaker-list"), {"order": "latest-quote"})
    assert '<time datetime="2016-04-20">' in response.content.decode()


def test_the_shipped_clipping_loads_with_each_quote_dated(karabakh):
    quotes = Quote.objects.filter(article=karabakh)
    assert quotes.count() > 0
    assert not quotes.filter(dated_on__isnull=True).exists()
    sunday = quotes.filter(paragraph__update__isnull=False, said_on__isnull=True).first()
    assert sunday.dated_on == sunday.paragraph.update.published_on


def test_a_quote_written_around_save_is_reported_until_it_is_saved(two_stories):
    quote = Quote.objects.get(words="The line holds")
    Quote.objects.filter(pk=quote.pk).update(dated_on=APRIL[30])
    status, output = check_archive()
    assert status == 1
    assert (
        f"Quote {quote.article.slug}#{quote.anchor}: listed under 2016-04-30, not the date its "
        "clipping gives it. Fix: save the quote"
    ) in output
    quote.save()
    assert check_archive()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_migration_0016_dates_the_quotes_already_there(client, two_stories):
    speaker, *_ = two_stories
    call_command("migrate", "clippings", "0015", verbosity=0)
    call_command("migrate", "clippings", verbosity=0)
    assert speaker_page_words(client, speaker) == ["Heavy fighting goes on", "The line holds"]
    assert check_archive()[0] == 0


def test_every_page_of_a_list_in_date_order_holds_the_quotes_the_full_order_puts_there(client):
    """Pages are found from the date alone and then the quotes of their dates: whatever the
    page size and wherever a page starts, the quotes are those, in that order, of the date
    order applied to the whole list, ties on a date broken by clipping and printed order."""
    speaker = SpeakerFactory()
    stories = [ArticleFactory(published_on=APRIL[day]) for day in (3, 2, 3)]
    draft = ArticleFactory(published_on=APRIL[2], status="draft")
    for story in [*stories, draft]:
        update = UpdateFactory(article=story, published_on=APRIL[4])
        for paragraph_update, said in ((None, None), (update, None), (None, 2), (update, 3)):
            paragraph = ParagraphFactory(article=story, update=paragraph_update)
            for _ in range(2):
                said_on = APRIL[said] if said else None
                QuoteFactory(paragraph=paragraph, speaker=speaker, said_on=said_on)

    published = Quote.objects.published()
    in_order = list(published.in_date_order().values_list("pk", flat=True))
    assert len(in_order) == 24
    keys = published.keys_in_date_order()
    assert keys.count() == len(keys) == 24
    for size in (1, 2, 3, 5, 7, 24):
        for start in range(25):
            assert keys[start : start + size] == in_order[start : start + size], (start, size)
    assert keys[10] == in_order[10]

    assert listed_pages(client, reverse("clippings:quote-search")) == in_order
    assert listed_pages(client, speaker.get_absolute_url()) == in_order

    # A source's page shows the first ten of its channel quotes.
    source = SourceFactory()
    Quote.objects.update(channel_source=source)
    shown = client.get(source.get_absolute_url()).context["quotes"]
    assert [quote.pk for quote in shown] == in_order[:10]


def listed_pages(client, url, page_size=5):
    """The quotes of every page of a list, in the order the pages show them."""
    from clippings.views.browse import SpeakerDetailView
    from clippings.views.quotes import QuoteListView

    listed = []
    with (
        patch.object(QuoteListView, "paginate_by", page_size),
        patch.object(SpeakerDetailView, "paginate_by", page_size),
    ):
        for page in range(1, 100):
            response = client.get(url, {"page": page})
            if response.status_code == 404:
                return listed
            listed += [quote.pk for quote in response.context["page_obj"]]
    return listed


def deleting_the_first_key_found(keys_of):
    """``DateOrderedKeys.__getitem__`` that deletes the first quote it finds before the page
    reads its rows, as an editor might between the two reads."""

    def keys_then_delete(self, index):
        keys = keys_of(self, index)
        Quote.objects.filter(pk=keys[0]).delete()
        return keys

    return keys_then_delete


def test_a_quote_deleted_while_a_page_is_read_is_left_out_of_it(client, karabakh):
    from clippings.models.quotes import DateOrderedKeys

    first = Quote.objects.published().keys_in_date_order()[:3]
    through_interfax = karabakh.quotes.filter(channel_source__slug="interfax").count()
    with patch.object(
        DateOrderedKeys, "__getitem__", deleting_the_first_key_found(DateOrderedKeys.__getitem__)
    ):
        listed = client.get(reverse("clippings:quote-search"))
        source_page = client.get(reverse("clippings:source-detail", args=["interfax"]))
    assert listed.status_code == 200
    assert [quote.pk for quote in listed.context["object_list"]][:2] == first[1:]
    assert source_page.status_code == 200
    assert len(source_page.context["quotes"]) == through_interfax - 1 == 1
