"""Citations: one per version of a clipping and one per quote, on the page and as BibTeX and
CSL-JSON downloads."""

import datetime
import hashlib
import json
import warnings

import lxml.html
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc import types as csl_types
from citeproc.source.json import CiteProcJSON
from django.urls import reverse
from pybtex.database import parse_string
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from clippings.evolution import versions_of
from clippings.models import Article, Quote

from .factories import (
    ArticleFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    UpdateFactory,
)

# A headline with every character BibTeX or LaTeX treats specially, and braces that do not
# pair up: escaped as ``\{`` and ``\}`` they would unbalance the entry.
AWKWARD_HEADLINE = (
    'Rates } rise 5% & $3 for #1 in_band {up} ~ ^ back\\slash <b> | "straight" “curly” {'
)


def citation_url(kind, article, version):
    name = {
        "bib": "clippings:article-citation-bibtex",
        "json": "clippings:article-citation-csl-json",
    }
    return reverse(name[kind], kwargs={"slug": article.slug, "version": version})


def version_url(article, version):
    """The permalink a citation gives: the page of that one version of the story."""
    path = reverse("clippings:article-version", kwargs={"slug": article.slug, "version": version})
    return f"http://testserver{path}"


def latex_to_text(latex):
    """Decode LaTeX as a reader's LaTeX would print it.

    pylatexenc does not know some of LaTeX's text-symbol commands; they are added here with
    the characters LaTeX prints for them.
    """
    context = get_default_latex_context_db()
    context.add_context_category(
        "latex-text-symbols",
        prepend=True,
        macros=[
            MacroTextSpec(name, char)
            for name, char in [
                ("textbraceleft", "{"),
                ("textbraceright", "}"),
                ("textasciicircum", "^"),
                ("textless", "<"),
                ("textgreater", ">"),
                ("textbar", "|"),
                ("textquotedbl", '"'),
            ]
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim").latex_to_text(latex)


def render_with_citeproc(items):
    """The bibliography citeproc-py prints for CSL-JSON ``items`` in a style it ships."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=True)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), citeproc_formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_clipping_page_offers_a_citation_for_each_version(client, karabakh):
    html = client.get(karabakh.get_absolute_url()).content.decode()
    page = lxml.html.fromstring(html)
    versions = versions_of(Article.objects.with_page_content().get(pk=karabakh.pk))
    assert [v.key for v in versions] == ["original", "update-1"]

    for version in versions:
        item = page.get_element_by_id(f"cite-{version.key}")
        permalink = item.xpath(".//dt[.='Permalink']/following-sibling::dd[1]/a/@href")[0]
        assert permalink == version_url(karabakh, version.key)
        assert client.get(permalink).status_code == 200
        assert item.xpath(".//time/@datetime") == [version.date.isoformat()]
        shown_hash = item.xpath("string(.//dt[.='Content hash']/following-sibling::dd[1])")
        assert shown_hash == f"sha256:{version.content_hash}"
        downloads = item.xpath(".//dt[.='Download']/following-sibling::dd[1]/a/@href")
        assert downloads == [
            citation_url("bib", karabakh, version.key),
            citation_url("json", karabakh, version.key),
        ]
    assert "(inferred)" in lxml.html.tostring(page.get_element_by_id("cite-original")).decode()
    original_hash, update_hash = (v.content_hash for v in versions)
    assert original_hash != update_hash


@pytest.mark.parametrize("key", ["original", "update-1"])
def test_a_version_page_offers_its_own_citation(client, karabakh, key):
    page = lxml.html.fromstring(client.get(version_url(karabakh, key)).content.decode())
    cite = page.get_element_by_id("cite")
    assert cite.xpath("string(.//h2)") == "Cite this version"
    permalink = cite.xpath(".//dt[.='Permalink']/following-sibling::dd[1]/a/@href")[0]
    assert permalink == version_url(karabakh, key)
    downloads = cite.xpath(".//dt[.='Download']/following-sibling::dd[1]/a/@href")
    assert downloads == [citation_url("bib", karabakh, key), citation_url("json", karabakh, key)]
    assert client.get(downloads[0]).status_code == 200


@pytest.mark.django_db
def test_content_hash_covers_headline_and_paragraphs_as_the_page_explains(client):
    """Headline, then each paragraph the version shows, blank-line separated, UTF-8."""
    article = ArticleFactory(headline="Ceasefire holds")
    first = ParagraphFactory(article=article, text="Guns fell silent.")
    ParagraphFactory(article=article, text="Talks begin in Vienna.")
    update = UpdateFactory(article=article, label="Update", headline="Ceasefire broken")
    ParagraphFactory(article=article, update=update, replaces=first, text="Guns fired again.")

    html = client.get(article.get_absolute_url()).content.decode()
    page = lxml.html.fromstring(html)

    def shown_hash(key):
        item = page.get_element_by_id(f"cite-{key}")
        return item.xpath("string(.//dt[.='Content hash']/following-sibling::dd[1])")

    def sha256(text):
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    assert shown_hash("original") == sha256(
        "Ceasefire holds\n\nGuns fell silent.\n\nTalks begin in Vienna."
    )
    assert shown_hash(update.anchor) == sha256(
        "Ceasefire broken\n\nGuns fired again.\n\nTalks begin in Vienna."
    )
    assert "blank line" in page.get_element_by_id("cite").text_content()


def test_bibtex_citation_parses_and_names_the_version_hash(client, karabakh):
    response = client.get(citation_url("bib", karabakh, "update-1"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="armenia-azerbaijan-karabakh-conflict-escalates-update-1.bib"'
    )

    bibliography = parse_string(response.content.decode("utf-8"), "bibtex")
    [(key, entry)] = bibliography.entries.items()
    update = versions_of(Article.objects.with_page_content().get(pk=karabakh.pk))[1]
    assert key == "armenia-azerbaijan-karabakh-conflict-escalates:update-1"
    assert entry.type == "online"
    assert latex_to_text(entry.fields["title"]) == karabakh.headline
    assert entry.fields["date"] == "2016-04-03"
    assert entry.fields["version"] == "Update Sunday 03/04/2016"
    assert entry.fields["url"] == version_url(karabakh, "update-1")
    assert f"sha256:{update.content_hash}" in entry.fields["note"]
    assert "Update Sunday 03/04/2016" in entry.fields["note"]
    assert not {"publisher", "organization"} & set(entry.fields)
    assert not entry.persons  # no author: the clipping does not say who wrote the story


def test_bibtex_citation_of_the_original_post_says_its_date_is_inferred(client, karabakh):
    entry = next(
        iter(
            parse_string(
                client.get(citation_url("bib", karabakh, "original")).content.decode(), "bibtex"
            ).entries.values()
        )
    )
    assert entry.fields["date"] == "2016-04-02"
    assert "date inferred" in entry.fields["note"]


@pytest.mark.django_db
def test_bibtex_citation_escapes_every_latex_special_character(client):
    article = ArticleFactory(headline=AWKWARD_HEADLINE, slug="awkward")
    ParagraphFactory(article=article, text="Text.")
    UpdateFactory(article=article, label="Update 100% & #2 {late}")

    for version in ("original", "update-1"):
        text = client.get(citation_url("bib", article, version)).content.decode("utf-8")
        # pybtex counts braces as BibTeX does: an unbalanced value fails to parse.
        [entry] = parse_string(text, "bibtex").entries.values()
        assert latex_to_text(entry.fields["title"]) == AWKWARD_HEADLINE
    assert latex_to_text(entry.fields["version"]) == "Update 100% & #2 {late}"
    assert latex_to_text(entry.fields["note"]).startswith("Update 100% & #2 {late}; ")


@pytest.mark.django_db
def test_citation_of_each_version_carries_that_versions_headline(client):
    article = ArticleFactory(headline="Clashes reported")
    ParagraphFactory(article=article)
    UpdateFactory(article=article, headline="Ceasefire announced", label="Update")

    titles = {}
    for version in ("original", "update-1"):
        [item] = json.loads(client.get(citation_url("json", article, version)).content)
        titles[version] = item["title"]
    assert titles == {"original": "Clashes reported", "update-1": "Ceasefire announced"}


def test_csl_json_citation_is_one_item_that_citeproc_renders(client, karabakh):
    response = client.get(citation_url("json", karabakh, "update-1"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert response["Content-Disposition"].endswith('-update-1.json"')

    items = json.loads(response.content.decode("utf-8"))
    assert isinstance(items, list)
    [item] = items
    update = versions_of(Article.objects.with_page_content().get(pk=karabakh.pk))[1]
    permalink = version_url(karabakh, "update-1")
    assert item["id"] == "armenia-azerbaijan-karabakh-conflict-escalates:update-1"
    assert item["type"] == csl_types.ARTICLE_NEWSPAPER
    assert item["title"] == karabakh.headline
    assert item["URL"] == permalink
    assert item["issued"] == {"date-parts": [[2016, 4, 3]]}
    assert item["version"] == "Update Sunday 03/04/2016"
    assert f"sha256:{update.content_hash}" in item["note"]
    assert "publisher" not in item
    assert "container-title" not in item

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # citeproc-py warns of variables CSL does not define
        [rendered] = render_with_citeproc(items)
    assert karabakh.headline in rendered
    assert "2016" in rendered
    assert "3 April" in rendered
    assert permalink in rendered


@pytest.mark.django_db
def test_csl_json_keeps_special_characters_as_plain_text(client):
    article = ArticleFactory(headline=AWKWARD_HEADLINE, published_on=datetime.date(2020, 1, 31))
    ParagraphFactory(article=article)

    [item] = json.loads(client.get(citation_url("json", article, "original")).content)
    assert item["title"] == AWKWARD_HEADLINE
    assert item["issued"] == {"date-parts": [[2020, 1, 31]]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [rendered] = render_with_citeproc([item])
    assert AWKWARD_HEADLINE in rendered


@pytest.fixture
def published_by_an_outlet(db):
    """A clipping whose outlet is known, its name full of what BibTeX treats specially."""
    outlet = SourceFactory(name="Smith & Jones {Daily} News", slug="smith-jones", kind="newspaper")
    article = ArticleFactory(headline="Ceasefire holds", slug="ceasefire-holds", outlet=outlet)
    ParagraphFactory(article=article, text="Guns fell silent.")
    return article


def test_clipping_page_and_its_citations_name_the_outlet(client, published_by_an_outlet):
    page = lxml.html.fromstring(client.get(published_by_an_outlet.get_absolute_url()).content)
    header = page.xpath("//article/header")[0]
    assert "First published by Smith & Jones {Daily} News on" in header.text_content()
    assert header.xpath(".//a[.='Smith & Jones {Daily} News']/@href") == ["/sources/smith-jones/"]
    cite = page.get_element_by_id("cite-original")
    outlet = cite.xpath("string(.//dt[.='Outlet']/following-sibling::dd[1])")
    assert outlet == "Smith & Jones {Daily} News"


def test_bibtex_citation_names_the_outlet_as_its_organization(client, published_by_an_outlet):
    text = client.get(citation_url("bib", published_by_an_outlet, "original")).content.decode()
    [entry] = parse_string(text, "bibtex").entries.values()
    assert latex_to_text(entry.fields["organization"]) == "Smith & Jones {Daily} News"
    assert "publisher" not in entry.fields  # not a field of biblatex's @online


def test_csl_json_citation_names_the_outlet_and_citeproc_prints_it(client, published_by_an_outlet):
    response = client.get(citation_url("json", published_by_an_outlet, "original"))
    [item] = json.loads(response.content)
    assert item["container-title"] == "Smith & Jones {Daily} News"
    assert item["publisher"] == "Smith & Jones {Daily} News"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [rendered] = render_with_citeproc([item])
    assert "Ceasefire holds" in rendered
    assert "Smith & Jones {Daily} News" in rendered


def test_clipping_page_of_a_story_whose_outlet_is_unknown_names_none(client, karabakh):
    page = lxml.html.fromstring(client.get(karabakh.get_absolute_url()).content)
    assert "First published by" not in page.xpath("string(//article/header)")
    assert not page.xpath("//*[@id='cite']//dt[.='Outlet']")


@pytest.mark.parametrize("kind", ["bib", "json"])
def test_citation_of_unknown_version_is_404(client, karabakh, kind):
    assert client.get(citation_url(kind, karabakh, "update-2")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bib", "json"])
def test_citation_of_draft_clipping_is_404(client, kind):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    ParagraphFactory(article=draft)
    assert client.get(citation_url(kind, draft, "original")).status_code == 404
    assert client.get(citation_url(kind, draft, "no-such-version")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bib", "json"])
def test_citation_of_unknown_clipping_is_404(client, kind):
    url = citation_url(kind, ArticleFactory.build(slug="no-such-story"), "original")
    assert client.get(url).status_code == 404


# Quotes: each has its own page, its permalink, and a citation of its own


def quote_page(client, quote):
    response = client.get(quote.get_absolute_url())
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def quote_citation_url(kind, quote):
    name = {"bib": "clippings:quote-citation-bibtex", "json": "clippings:quote-citation-csl-json"}
    return reverse(name[kind], kwargs={"pk": quote.pk})


@pytest.fixture
def quoted_story(db):
    """A clipping published by a known outlet, whose update changes the headline and prints a
    quotation; the original post prints reported speech."""
    outlet = SourceFactory(name="Asbarez", slug="asbarez", kind="website")
    article = ArticleFactory(
        headline="Clashes reported",
        slug="clashes-reported",
        outlet=outlet,
        published_on=datetime.date(2016, 4, 2),
    )
    reported = QuoteFactory(
        paragraph=ParagraphFactory(
            article=article, text="The ministry said the army had halted operations."
        ),
        speaker__name="Defence Ministry",
        words="the army had halted operations",
        kind="reported",
    )
    update = UpdateFactory(
        article=article,
        label="Update Sunday",
        headline="Ceasefire announced",
        published_on=datetime.date(2016, 4, 3),
    )
    quotation = QuoteFactory(
        paragraph=ParagraphFactory(
            article=article, update=update, text="“We will respect the ceasefire,” she said."
        ),
        speaker__name="Maria Titzian",
        words="We will respect the ceasefire",
        kind="full",
    )
    return reported, quotation


def test_quote_permalink_shows_the_quote_and_links_back_to_its_paragraph(client, karabakh):
    quote = Quote.objects.get(article=karabakh, anchor="q14")
    assert quote.get_absolute_url() == f"/quotes/{quote.pk}/"
    page = quote_page(client, quote)

    assert page.xpath("string(//blockquote[@class='quote'])") == quote.words
    attribution = page.xpath("//figure//figcaption")[0]
    assert attribution.xpath(".//a/@href") == [
        "/speakers/vladimir-putin/",
        "/speakers/dmitry-peskov/",
        "/sources/interfax/",
    ]
    assert "via Kremlin spokesman Dmitry Peskov" in attribution.text_content()
    context = page.xpath("//blockquote[@class='context']")[0]
    assert context.xpath("string(.//mark)") == quote.words
    assert quote.paragraph.text == context.text_content()
    links = page.xpath("//section[@aria-labelledby='paragraph-heading']//p[@class='meta']//a/@href")
    assert links == [
        f"/articles/{karabakh.slug}/#{quote.paragraph.anchor}",
        f"/articles/{karabakh.slug}/versions/update-1/#{quote.paragraph.anchor}",
    ]
    for link in links:
        assert client.get(link).status_code == 200
    clipping = lxml.html.fromstring(client.get(links[0]).content)
    assert quote.words in clipping.get_element_by_id(quote.paragraph.anchor).text_content()
    assert page.xpath("//link[@rel='canonical']/@href") == [f"http://testserver/quotes/{quote.pk}/"]


def test_text_citation_holds_speaker_outlet_headline_version_date_and_permalink(
    client, quoted_story
):
    reported, quotation = quoted_story
    page = quote_page(client, quotation)
    cite = page.get_element_by_id("cite")
    assert cite.xpath("string(.//h2)") == "Cite this quote"
    assert page.get_element_by_id("cite-text").text_content() == (
        "“We will respect the ceasefire,” Maria Titzian, quoted in “Ceasefire announced”, "
        f"Asbarez, 3 April 2016. http://testserver/quotes/{quotation.pk}/"
    )
    permalink = cite.xpath(".//dt[.='Permalink']/following-sibling::dd[1]/a/@href")
    assert permalink == [f"http://testserver/quotes/{quotation.pk}/"]
    assert cite.xpath("string(.//dt[.='Outlet']/following-sibling::dd[1])") == "Asbarez"
    downloads = cite.xpath(".//dt[.='Download']/following-sibling::dd[1]/a/@href")
    assert downloads == [
        quote_citation_url("bib", quotation),
        quote_citation_url("json", quotation),
    ]

    # Reported speech is the writer's words: no quotation marks, and the headline it was
    # printed under, before the update changed it.
    assert quote_page(client, reported).get_element_by_id("cite-text").text_content() == (
        "Defence Ministry, as reported in “Clashes reported”, Asbarez, 2 April 2016: the army "
        f"had halted operations. http://testserver/quotes/{reported.pk}/"
    )


def test_text_citation_of_a_story_whose_outlet_is_unknown_names_none(client, karabakh):
    quote = Quote.objects.get(article=karabakh, anchor="q21")
    text = quote_page(client, quote).get_element_by_id("cite-text").text_content()
    assert text == (
        "“For the past 20 months Azerbaijan has been escalating tensions in terms of truce "
        "violations.” Maria Titzian, quoted in “Armenia-Azerbaijan Karabakh Conflict Escalates, "
        f"Casualties Reported”, 3 April 2016. http://testserver/quotes/{quote.pk}/"
    )


def test_quote_bibtex_parsed_with_pybtex_names_the_outlet(client, quoted_story):
    _, quotation = quoted_story
    response = client.get(quote_citation_url("bib", quotation))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="clashes-reported-{quotation.anchor}.bib"'
    )

    [(key, entry)] = parse_string(response.content.decode("utf-8"), "bibtex").entries.items()
    assert key == f"clashes-reported:{quotation.anchor}"
    assert entry.type == "online"
    assert latex_to_text(entry.fields["title"]) == "Ceasefire announced"
    assert latex_to_text(entry.fields["organization"]) == "Asbarez"
    assert entry.fields["date"] == "2016-04-03"
    assert entry.fields["version"] == "Update Sunday"
    assert entry.fields["url"] == f"http://testserver/quotes/{quotation.pk}/"
    note = latex_to_text(entry.fields["note"])
    assert "Maria Titzian" in note
    assert "“We will respect the ceasefire”" in note
    version = versions_of(Article.objects.with_versions().get(pk=quotation.article_id))[1]
    assert f"sha256:{version.content_hash}" in note


def test_quote_csl_json_rendered_with_citeproc_names_the_outlet(client, quoted_story):
    _, quotation = quoted_story
    response = client.get(quote_citation_url("json", quotation))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    [item] = json.loads(response.content)
    assert item["id"] == f"clashes-reported:{quotation.anchor}"
    assert item["container-title"] == item["publisher"] == "Asbarez"
    assert item["URL"] == f"http://testserver/quotes/{quotation.pk}/"
    assert item["issued"] == {"date-parts": [[2016, 4, 3]]}
    assert "Maria Titzian" in item["note"]

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [rendered] = render_with_citeproc([item])
    assert "Ceasefire announced" in rendered
    assert "Asbarez" in rendered
    assert f"http://testserver/quotes/{quotation.pk}/" in rendered


def test_quote_citations_of_a_story_whose_outlet_is_unknown_leave_it_out(client, karabakh):
    quote = Quote.objects.get(article=karabakh, anchor="q14")
    [entry] = parse_string(
        client.get(quote_citation_url("bib", quote)).content.decode(), "bibtex"
    ).entries.values()
    assert not {"organization", "publisher"} & set(entry.fields)
    [item] = json.loads(client.get(quote_citation_url("json", quote)).content)
    assert not {"container-title", "publisher"} & set(item)


@pytest.mark.django_db
def test_quote_of_an_unpublished_clipping_is_404(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    quote = QuoteFactory(paragraph=ParagraphFactory(article=draft))
    for url in (
        quote.get_absolute_url(),
        quote_citation_url("bib", quote),
        quote_citation_url("json", quote),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/quotes/987654/", "/quotes/9" + "9" * 40 + "/", "/quotes/0/"])
def test_quote_that_does_not_exist_is_404(client, path):
    assert client.get(path).status_code == 404
    assert client.get(path + "cite.bib").status_code == 404


@pytest.mark.django_db
def test_quote_in_a_paragraph_a_later_update_rewrote_says_so_and_links_the_version(client):
    article = ArticleFactory(headline="Clashes", slug="clashes")
    original = ParagraphFactory(article=article, text="He said “the guns fell silent” today.")
    quote = QuoteFactory(paragraph=original, words="the guns fell silent")
    update = UpdateFactory(article=article, label="Update", published_on=datetime.date(2016, 4, 4))
    revision = ParagraphFactory(article=article, update=update, replaces=original, text="Calm.")

    page = quote_page(client, quote)
    note = page.xpath("//p[contains(@class, 'note')]")[0].text_content()
    assert note.startswith("Rewritten by the update of 4 April 2016 (Update)")
    assert f"/articles/clashes/versions/original/#{original.anchor}" in page.xpath("//a/@href")
    assert revision.anchor != original.anchor
    assert "2 April 2016. http://testserver/quotes/" in page.get_element_by_id("cite-text").text


def test_every_list_of_quotes_links_each_quote_to_its_permalink(client, karabakh):
    quote = Quote.objects.get(article=karabakh, anchor="q14")
    for url in (
        reverse("clippings:quote-search") + "?speaker=vladimir-putin",
        reverse("clippings:speaker-detail", kwargs={"slug": "vladimir-putin"}),
        reverse("clippings:source-detail", kwargs={"slug": "interfax"}),
        karabakh.get_absolute_url(),
        reverse("clippings:article-version", kwargs={"slug": karabakh.slug, "version": "update-1"}),
    ):
        page = lxml.html.fromstring(client.get(url).content)
        [link] = page.xpath(f"//a[@href='{quote.get_absolute_url()}']")
        # Its name says whose words it leads to, out of context too (a screen reader's list
        # of links).
        assert link.text_content() == (
            "Permalink and citation for Vladimir Putin: "
            "“to exercise restraint so as to avert new …”"
        ), url


@pytest.mark.django_db
def test_quote_page_reads_a_fixed_number_of_queries(client, django_assert_num_queries):
    """Five: the archive's last change (the page cache's), the clipping with its outlet, its
    updates, its paragraphs, and their quotes with who said them: however many there are."""

    def story(updates, paragraphs):
        article = ArticleFactory()
        for number in range(updates):
            UpdateFactory(article=article, label=f"Update {number}", headline=f"Headline {number}")
        for update in [None, *article.updates.all()]:
            for _ in range(paragraphs):
                QuoteFactory(
                    paragraph=ParagraphFactory(article=article, update=update),
                    intermediary=SpeakerFactory(),
                    channel_source=SourceFactory(),
                )
        article.outlet = SourceFactory()
        article.save()
        return article.quotes.last()

    small, large = story(updates=0, paragraphs=1), story(updates=4, paragraphs=6)
    for quote in (small, large):
        for url in (
            quote.get_absolute_url(),
            quote_citation_url("bib", quote),
            quote_citation_url("json", quote),
        ):
            with django_assert_num_queries(5):
                assert client.get(url).status_code == 200
