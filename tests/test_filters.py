"""Choosing a speaker, source, tag or clipping by typing: the index's and the quote search's
typed filters, and the suggestions offered while typing (``/suggest/<kind>/``)."""

import pytest
from django.urls import reverse

from clippings.models import Article

from .factories import (
    ArticleFactory,
    CreditFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TagFactory,
)

INDEX = reverse("clippings:article-list")
QUOTES = reverse("clippings:quote-search")


def suggest(kind, **params):
    return reverse("clippings:suggest", kwargs={"kind": kind}), params


def listed(response):
    return [record.slug for record in response.context["object_list"]]


def quoted(article, speaker, **kwargs):
    return QuoteFactory(paragraph=ParagraphFactory(article=article), speaker=speaker, **kwargs)


# Filtering by slug (shared links) and by a typed name


def test_index_filters_by_slug_and_by_typed_name_alike(client, karabakh):
    ArticleFactory(headline="Unrelated")
    for query in (
        {"speaker": "vladimir-putin"},
        {"speaker": "Vladimir Putin"},
        {"speaker": "putin"},
        {"tag": "nagorno-karabakh"},
        {"tag": "Nagorno-Karabakh"},
        {"source": "rt"},
        {"source": "RT"},
        {"tag": "nagorno-karabakh", "source": "RT", "speaker": "vladimir putin"},
    ):
        response = client.get(INDEX, query)
        assert response.status_code == 200, query
        assert listed(response) == [karabakh.slug], query


@pytest.mark.django_db
def test_index_finds_a_speaker_by_any_alias(client):
    speaker = SpeakerFactory(name="Ministry of Defence of Azerbaijan")
    SpeakerAliasFactory(speaker=speaker, name="Azeri Defense Ministry")
    article = ArticleFactory()
    quoted(article, speaker)
    ArticleFactory()
    assert listed(client.get(INDEX, {"speaker": "azeri defense ministry"})) == [article.slug]


@pytest.mark.django_db
def test_a_slug_wins_over_a_name_that_reads_the_same(client):
    """A shared link ``?speaker=<slug>`` keeps meaning the speaker with that slug."""
    by_slug = SpeakerFactory(name="Lavrov", slug="peskov")
    by_name = SpeakerFactory(name="Peskov", slug="dmitry-peskov")
    first, second = ArticleFactory(), ArticleFactory()
    quoted(first, by_slug)
    quoted(second, by_name)
    assert listed(client.get(INDEX, {"speaker": "peskov"})) == [first.slug]
    assert listed(client.get(INDEX, {"speaker": "Peskov "})) == [second.slug]


@pytest.mark.django_db
def test_a_picked_full_name_designates_that_speaker_not_others_it_begins(client):
    putin = SpeakerFactory(name="Vladimir Putin")
    other = SpeakerFactory(name="Vladimir Putinov")
    mine, theirs = ArticleFactory(), ArticleFactory()
    quoted(mine, putin)
    quoted(theirs, other)
    assert listed(client.get(INDEX, {"speaker": "Vladimir Putin"})) == [mine.slug]
    assert set(listed(client.get(INDEX, {"speaker": "Vladimir Put"}))) == {mine.slug, theirs.slug}


def test_quote_search_filters_by_clipping_and_source_slug_or_name(client, karabakh):
    other = ArticleFactory(headline="Another story")
    quoted(other, SpeakerFactory(), channel_source=SourceFactory(name="Baku Wire"))
    expected = set(karabakh.quotes.values_list("pk", flat=True))
    for query in (
        {"article": karabakh.slug},
        {"article": karabakh.headline.upper()},
    ):
        response = client.get(QUOTES, query)
        assert response.status_code == 200, query
        assert {quote.pk for quote in response.context["object_list"]} == expected
    for query in ({"source": "baku-wire-unknown"}, {"source": "nobody"}):
        assert client.get(QUOTES, query).status_code == 400
    by_name = client.get(QUOTES, {"source": "baku wire"})
    assert [q.article_id for q in by_name.context["object_list"]] == [other.pk]


@pytest.mark.parametrize(
    ("page", "query", "field", "message"),
    [
        (INDEX, {"speaker": "Nobody Atall"}, "speaker", "No published clipping quotes this"),
        (INDEX, {"tag": "no such tag"}, "tag", "No published clipping carries this tag."),
        (INDEX, {"source": "Nowhere News"}, "source", "No published clipping credits this"),
        (QUOTES, {"article": "No Such Story"}, "article", "No published clipping has this"),
        (QUOTES, {"source": "Nowhere News"}, "source", "No published clipping names this"),
    ],
)
def test_a_typed_value_matching_nothing_is_400_with_the_message_and_the_text_in_its_field(
    client, karabakh, page, query, field, message
):
    response = client.get(page, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}' in html
    assert f'aria-describedby="id_{field}_error"' in html
    typed = html.split(f'id="id_{field}"')[0].rsplit("<", 1)[1]
    assert typed.startswith('input type="search"'), "the typed value is kept in its field"
    assert f'value="{query[field]}"' in html


@pytest.mark.django_db
def test_a_draft_only_record_is_refused_by_slug_and_by_name(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="Secret draft")
    tag, source, speaker = TagFactory(name="secret"), SourceFactory(name="Mole"), SpeakerFactory()
    draft.tags.add(tag)
    CreditFactory(article=draft, source=source)
    quoted(draft, speaker)
    for query in (
        {"tag": tag.slug},
        {"tag": tag.name},
        {"source": source.slug},
        {"source": source.name},
        {"speaker": speaker.slug},
        {"speaker": speaker.name},
    ):
        assert client.get(INDEX, query).status_code == 400, query
    for query in ({"article": draft.slug}, {"article": draft.headline}):
        assert client.get(QUOTES, query).status_code == 400, query


# Page size no longer grows with the archive


@pytest.mark.django_db
def test_filter_forms_list_no_speaker_source_or_tag_however_many_there_are(client):
    article = ArticleFactory()
    for number in range(300):
        speaker = SpeakerFactory(name=f"Quoted Person {number}")
        quoted(article, speaker, channel_source=SourceFactory(name=f"Outlet Channel {number}"))
        article.tags.add(TagFactory(name=f"topic {number}"))
        CreditFactory(article=article, source=SourceFactory(name=f"Credited {number}"))
    for page in (INDEX, QUOTES):
        html = client.get(page).content.decode()
        assert html.count("<option") < 30, page  # orders, kinds, channels, affiliations
        for text in ("Quoted Person 17", "Outlet Channel 17", "topic 17", "Credited 17"):
            assert text not in html.split('<section aria-labelledby="results-heading">')[0]
        assert 'data-suggest="/suggest/' in html


# Suggestions


@pytest.mark.django_db
def test_suggestions_are_names_and_slugs_beginning_a_word_with_the_text(client):
    article = ArticleFactory()
    for name in ("Vladimir Putin", "Putin Jr", "Sergei Lavrov", "Computing Ministry"):
        quoted(article, SpeakerFactory(name=name))
    url, params = suggest("speakers", q="pu")
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert [result["name"] for result in results] == ["Putin Jr", "Vladimir Putin"]
    assert set(results[0]) == {"name", "slug"}


@pytest.mark.django_db
def test_speaker_suggestions_find_aliases_and_give_the_filed_name(client):
    speaker = SpeakerFactory(name="Ministry of Defence of Azerbaijan", slug="mod-az")
    SpeakerAliasFactory(speaker=speaker, name="Azeri Defense Ministry")
    quoted(ArticleFactory(), speaker)
    url, params = suggest("speakers", q="azeri def")
    assert client.get(url, params).json()["results"] == [
        {"name": "Ministry of Defence of Azerbaijan", "slug": "mod-az"}
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["ely", "ÉLYSÉE pal", "palace ely", "Elysee-P"])
def test_speaker_suggestions_ignore_accents_case_and_the_order_of_the_words_typed(client, typed):
    quoted(ArticleFactory(), SpeakerFactory(name="Élysée Palace", slug="elysee"))
    quoted(ArticleFactory(), SpeakerFactory(name="Palace Guard", slug="guard"))
    url, params = suggest("speakers", q=typed)
    assert [result["slug"] for result in client.get(url, params).json()["results"]] == ["elysee"]


@pytest.mark.django_db
def test_suggestions_never_name_a_draft_only_record(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="Pending story")
    quoted(draft, SpeakerFactory(name="Hidden Speaker"), channel_source=SourceFactory(name="Hid"))
    draft.tags.add(TagFactory(name="hidden"))
    CreditFactory(article=draft, source=SourceFactory(name="Hidden Outlet"))
    public = ArticleFactory(headline="Public story")
    quoted(public, SpeakerFactory(name="Public Speaker"))
    for kind, text in (
        ("speakers", "hid"),
        ("sources", "hid"),
        ("credited-sources", "hid"),
        ("tags", "hid"),
        ("clippings", "pending"),
    ):
        url, params = suggest(kind, q=text)
        assert client.get(url, params).json() == {"results": []}, kind
    url, params = suggest("clippings", q="story")
    assert [r["name"] for r in client.get(url, params).json()["results"]] == ["Public story"]


@pytest.mark.django_db
def test_speaker_suggestions_leave_out_a_speaker_who_only_relays_words(client):
    """The index's speaker filter is about who is quoted: it would refuse a relayer."""
    quoted(
        ArticleFactory(),
        SpeakerFactory(name="Quoted Minister"),
        intermediary=SpeakerFactory(name="Relaying Spokesman"),
    )
    url, params = suggest("speakers", q="relaying")
    assert client.get(url, params).json() == {"results": []}


@pytest.mark.django_db
def test_at_most_ten_suggestions(client):
    article = ArticleFactory()
    for number in range(15):
        article.tags.add(TagFactory(name=f"war {number:02}"))
    url, params = suggest("tags", q="war")
    names = [result["name"] for result in client.get(url, params).json()["results"]]
    assert names == [f"war {number:02}" for number in range(10)]


@pytest.mark.django_db
def test_suggestions_take_like_wildcards_as_plain_characters(client):
    article = ArticleFactory()
    article.tags.add(TagFactory(name="100% turnout"), TagFactory(name="1000 dead"))
    url, params = suggest("tags", q="100%")
    assert [r["name"] for r in client.get(url, params).json()["results"]] == ["100% turnout"]
    url, params = suggest("tags", q="_")
    assert client.get(url, params).json() == {"results": []}


@pytest.mark.django_db
def test_empty_text_gets_no_suggestions(client):
    url, params = suggest("tags", q="  ")
    assert client.get(url, params).json() == {"results": []}


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["x" * 101, "pu\x00", "pu\x1b", "\u202eup"])
def test_overlong_text_or_control_characters_get_a_json_400(client, text):
    url, params = suggest("speakers", q=text)
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["q"]


@pytest.mark.django_db
def test_an_unknown_kind_of_suggestion_is_404(client):
    url, params = suggest("passwords", q="a")
    assert client.get(url, params).status_code == 404


@pytest.mark.parametrize(
    ("asked", "shared"),
    [
        ("/?q=karabakh&tag=&source=&speaker=&sort=", "/?q=karabakh"),
        ("/?q=&tag=", "/"),
        ("/?q=+++&tag=nagorno-karabakh", "/?tag=nagorno-karabakh"),
        ("/quotes/?speaker=putin&q=&article=&kind=&said_after=", "/quotes/?speaker=putin"),
        ("/quotes/?speaker=S%C3%A9rgio&q=&page=2", "/quotes/?speaker=S%C3%A9rgio&page=2"),
        ("/speakers/?affiliation=&kind=person", "/speakers/?kind=person"),
    ],
)
def test_a_list_asked_with_empty_filters_moves_to_an_address_with_only_those_set(
    client, karabakh, asked, shared
):
    response = client.get(asked)
    assert response.status_code == 302
    assert response["Location"] == shared


@pytest.mark.parametrize(
    "address", ["/?q=karabakh", "/quotes/?speaker=putin&kind=full", "/speakers/", "/quotes/"]
)
def test_a_list_asked_with_only_set_filters_answers_at_once(client, karabakh, address):
    assert client.get(address).status_code == 200


def test_the_exports_offered_carry_only_the_filters_set(client, karabakh):
    html = client.get("/quotes/?speaker=putin").content.decode()
    assert '<a href="?speaker=putin&amp;format=csv" download>CSV</a>' in html
