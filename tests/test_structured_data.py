"""Structured data: the clipping page describes its story as a schema.org NewsArticle, and every
page gives its title and description to Open Graph."""

import datetime
import json

import extruct
import html5lib
import lxml.html
import pytest

from .factories import (
    ArticleFactory,
    CreditFactory,
    ParagraphFactory,
    SourceFactory,
    TagFactory,
    UpdateFactory,
)

HTML = "{http://www.w3.org/1999/xhtml}"


def json_ld_of(html):
    """The JSON-LD items of a page, as extruct (a structured-data extractor) reads them."""
    return extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]


def canonical_url(html):
    return lxml.html.fromstring(html).xpath("//link[@rel='canonical']/@href")[0]


def test_clipping_page_describes_its_story_as_a_news_article(client, karabakh):
    html = client.get(karabakh.get_absolute_url()).content.decode()

    [item] = json_ld_of(html)
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "NewsArticle"
    assert item["headline"] == karabakh.headline
    assert datetime.date.fromisoformat(item["datePublished"]) == datetime.date(2016, 4, 2)
    assert datetime.date.fromisoformat(item["dateModified"]) == datetime.date(2016, 4, 3)
    assert item["keywords"] == ["armenia", "azerbaijan", "nagorno-karabakh"]
    assert item["url"] == canonical_url(html)
    assert item["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical_url(html)}
    credited = [work["publisher"] for work in item["isBasedOn"]]
    assert {organization["@type"] for organization in credited} == {"Organization"}
    assert [organization["name"] for organization in credited] == [
        "Sputnik",
        "RT",
        "HuffPost",
        "Al Jazeera",
    ]
    # The clipping does not say who wrote or published the story: nothing is made up.
    assert "author" not in item
    assert "publisher" not in item


@pytest.mark.django_db
def test_news_article_of_a_clipping_without_updates_tags_or_credits_says_only_what_is_known(
    client,
):
    article = ArticleFactory(headline="Quiet day", published_on=datetime.date(2020, 2, 29))
    ParagraphFactory(article=article)

    [item] = json_ld_of(client.get(article.get_absolute_url()).content.decode())
    assert item["datePublished"] == item["dateModified"] == "2020-02-29"
    assert not {"keywords", "isBasedOn", "alternativeHeadline", "sameAs"} & set(item)


@pytest.mark.django_db
def test_news_article_gives_the_latest_headline_and_the_original_as_alternative(client):
    article = ArticleFactory(headline="Clashes reported", original_url="https://example.com/s")
    ParagraphFactory(article=article)
    UpdateFactory(
        article=article, headline="Ceasefire announced", published_on=datetime.date(2016, 4, 5)
    )
    CreditFactory(article=article, source__name="Interfax", source__url="")
    article.tags.add(TagFactory(name="ceasefire"))

    [item] = json_ld_of(client.get(article.get_absolute_url()).content.decode())
    assert item["headline"] == "Ceasefire announced"
    assert item["alternativeHeadline"] == "Clashes reported"
    assert item["dateModified"] == "2016-04-05"
    assert item["keywords"] == ["ceasefire"]
    assert item["isBasedOn"] == [
        {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": "Interfax"}}
    ]
    assert item["sameAs"] == "https://example.com/s"


@pytest.mark.django_db
def test_news_article_names_the_outlet_that_published_the_story_as_publisher(client):
    outlet = SourceFactory(name="Asbarez", url="https://asbarez.com/", kind="website")
    article = ArticleFactory(outlet=outlet)
    ParagraphFactory(article=article)

    [item] = json_ld_of(client.get(article.get_absolute_url()).content.decode())
    assert item["publisher"] == {
        "@type": "Organization",
        "name": "Asbarez",
        "url": "https://asbarez.com/",
    }
    assert "author" not in item


@pytest.mark.django_db
def test_headline_cannot_break_out_of_the_json_ld_script_element(client):
    headline = "</script><script>alert(1)</script> <!-- & </SCRIPT >"
    article = ArticleFactory(headline=headline)
    ParagraphFactory(article=article)
    CreditFactory(article=article, source__name="</script><script>alert(2)</script>")

    html = client.get(article.get_absolute_url()).content.decode()
    # Parsed as a browser parses it (the HTML standard's algorithm): one script element only.
    document = html5lib.parse(html)
    scripts = document.findall(f".//{HTML}script")
    assert len(scripts) == 1
    assert scripts[0].get("type") == "application/ld+json"
    data = json.loads(scripts[0].text)
    assert data["headline"] == headline
    assert data["isBasedOn"][0]["publisher"]["name"] == "</script><script>alert(2)</script>"
    assert "<script>alert" not in html


def head_of(html):
    """The page's title and description as browsers, search engines and Open Graph read them."""
    tree = lxml.html.fromstring(html)
    [title] = tree.xpath("//head/title/text()")
    [description] = tree.xpath("//head/meta[@name='description']/@content")
    [og_title] = tree.xpath("//head/meta[@property='og:title']/@content")
    [og_description] = tree.xpath("//head/meta[@property='og:description']/@content")
    return {
        "title": title,
        "description": description,
        "og:title": og_title,
        "og:description": og_description,
    }


SITE_DESCRIPTION = (
    "Clipped news stories kept as citable records: every paragraph, update and quotation."
)


@pytest.mark.parametrize(
    ("path", "title", "description"),
    [
        ("/", "Clippings", SITE_DESCRIPTION),
        ("/?tag=nope", "Check the filters · Clippings", SITE_DESCRIPTION),
        ("/tags/armenia/", "Tag “armenia”", "Clippings in the archive filed under “armenia”."),
        (
            "/speakers/?kind=robot",
            "Check the filters · Speakers",
            "Every person and body quoted in the archive's clippings, with how often.",
        ),
        (
            "/articles/armenia-azerbaijan-karabakh-conflict-escalates/versions/original/",
            "Armenia-Azerbaijan Karabakh Conflict Escalates, Casualties Reported (Original post)",
            "The story as readers saw it from 2 April 2016: Original post.",
        ),
    ],
)
def test_open_graph_has_the_page_title_without_the_site_name_and_the_same_description(
    client, karabakh, path, title, description
):
    assert head_of(client.get(path).content.decode()) == {
        "title": f"{title} · Clipping Archive",
        "description": description,
        "og:title": title,
        "og:description": description,
    }


def test_quote_search_is_shared_under_its_own_headline(client, karabakh):
    head = head_of(client.get("/quotes/?page=1").content.decode())
    assert head["title"] == "Quotes · Clipping Archive"
    assert head["og:title"] == "Quotes: who said what, when, and through whom"
    assert head["og:description"] == head["description"]
