"""Citations: one per version of a clipping, on the page and as BibTeX and CSL-JSON downloads."""

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
from clippings.models import Article

from .factories import ArticleFactory, ParagraphFactory, SourceFactory, UpdateFactory

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
