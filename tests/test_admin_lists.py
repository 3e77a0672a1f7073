"""The admin's lists at the archive's size: searched through the full-text index, filtered
by records chosen by typing rather than from a list of all of them."""

import re

import pytest
from django.urls import reverse

from clippings.models import Article, Quote
from tests.factories import (
    ArticleFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TagFactory,
)


def admin_url(model, view, *args):
    return reverse(f"admin:clippings_{model._meta.model_name}_{view}", args=args)


def listed(response):
    return list(response.context["cl"].result_list)


@pytest.fixture
def putin_quote(db):
    putin = SpeakerFactory(name="Vladimir Putin")
    SpeakerAliasFactory(speaker=putin, name="V. V. Putin")
    paragraph = ParagraphFactory(text="Putin said “the talks will resume in Minsk” on Friday.")
    return QuoteFactory(paragraph=paragraph, speaker=putin, words="the talks will resume in Minsk")


@pytest.mark.parametrize("term", ["talking", "resumed talks", "Minsk"])
def test_quote_search_finds_every_form_of_a_word(admin_client, putin_quote, term):
    QuoteFactory()  # "we will not give up", by someone else

    response = admin_client.get(admin_url(Quote, "changelist"), {"q": term})

    assert listed(response) == [putin_quote]


@pytest.mark.parametrize("term", ["vladimir", "V. V. Putin", "putin talking", "Vladimir Minsk"])
def test_quote_search_finds_quotes_by_speaker_name_or_alias_with_their_words(
    admin_client, putin_quote, term
):
    QuoteFactory(words="we will not give up")  # neither the speaker nor the words

    response = admin_client.get(admin_url(Quote, "changelist"), {"q": term})

    assert listed(response) == [putin_quote]


def test_quote_search_needs_every_word_in_the_words_or_the_speakers_names(
    admin_client, putin_quote
):
    response = admin_client.get(admin_url(Quote, "changelist"), {"q": "putin ceasefire"})

    assert listed(response) == []


@pytest.mark.parametrize("term", ["ceasefire", "cease-fire", "cease–fire"])
def test_quote_search_finds_a_hyphenated_word_by_its_joined_form_and_the_reverse(
    admin_client, term
):
    hyphenated = QuoteFactory(
        words="a cease-fire holds", paragraph=ParagraphFactory(text="“a cease-fire holds”")
    )
    joined = QuoteFactory(
        words="the ceasefire holds", paragraph=ParagraphFactory(text="“the ceasefire holds”")
    )

    response = admin_client.get(admin_url(Quote, "changelist"), {"q": term})

    assert set(listed(response)) == {hyphenated, joined}


def test_quote_list_filters_by_a_speaker_typed_not_chosen_from_every_speaker(
    admin_client, putin_quote
):
    others = [SpeakerFactory(name=f"Minister number {n}") for n in range(300)]
    QuoteFactory(speaker=others[0])

    response = admin_client.get(
        admin_url(Quote, "changelist"), {"speaker__id__exact": putin_quote.speaker.pk}
    )

    assert listed(response) == [putin_quote]
    html = response.text
    assert "Minister number" not in html
    sidebar = html[html.index('id="changelist-filter"') :]
    assert re.search(r'<li class="selected">\s*<a [^>]*>Vladimir Putin</a>', sidebar)
    assert 'data-field-name="speaker"' in sidebar  # the autocomplete to choose another


def test_speaker_filter_form_keeps_the_lists_other_choices(admin_client, putin_quote):
    response = admin_client.get(
        admin_url(Quote, "changelist"), {"kind__exact": "partial", "q": "talks", "p": "1"}
    )

    form = re.search(
        r'<form method="get" class="autocomplete-filter">.*?</form>', response.text, re.S
    )
    hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form[0]))
    assert hidden == {"kind__exact": "partial", "q": "talks"}


def test_article_list_filters_by_tag_and_source_typed_not_chosen_from_all_of_them(admin_client):
    tagged = ArticleFactory(headline="Talks in Minsk")
    tag, source = TagFactory(name="minsk-talks"), SourceFactory(name="Interfax")
    tagged.tags.add(tag)
    tagged.credits.create(source=source, position=1)
    for n in range(300):
        TagFactory(name=f"subject-{n}")
        SourceFactory(name=f"Outlet {n}")
    ArticleFactory(headline="Another story").tags.add(TagFactory(name="subject-x"))

    by_tag = admin_client.get(admin_url(Article, "changelist"), {"tags__id__exact": tag.pk})
    by_source = admin_client.get(
        admin_url(Article, "changelist"), {"sources__id__exact": source.pk}
    )

    assert listed(by_tag) == listed(by_source) == [tagged]
    for response in (by_tag, by_source):
        assert "subject-" not in response.text
        assert "Outlet " not in response.text
    assert 'data-field-name="tags"' in by_tag.text
    assert 'data-field-name="sources"' in by_tag.text


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1"])
def test_speaker_filter_given_no_speakers_key_lists_nothing_and_fails_nothing(
    admin_client, putin_quote, value
):
    response = admin_client.get(admin_url(Quote, "changelist"), {"speaker__id__exact": value})

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert listed(response) == []
