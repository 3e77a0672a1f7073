"""How a story evolved: versions, what changed between two, and the pages that show it."""

import datetime
import hashlib

import pytest
from django.urls import reverse

from clippings.evolution import compare, versions_of, word_diff
from clippings.models import Article

from .factories import ArticleFactory, ParagraphFactory, QuoteFactory, SpeakerFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def april(day):
    return datetime.date(2016, 4, day)


@pytest.fixture
def story():
    """A story whose second update rewrites a figure, removes a paragraph and the headline."""
    article = ArticleFactory(headline="Clashes reported", published_on=april(1))
    first = ParagraphFactory(article=article, position=1, text="Fighting broke out at dawn.")
    toll = ParagraphFactory(article=article, position=2, text="Officials said 12 were killed.")
    rumour = ParagraphFactory(article=article, position=3, text="A rumour spread quickly.")
    sunday = UpdateFactory(article=article, label="Update Sunday", published_on=april(2))
    minister = ParagraphFactory(
        article=article, update=sunday, position=1, text="The minister said “we will not give up”."
    )
    QuoteFactory(paragraph=minister, article=article, words="we will not give up")
    monday = UpdateFactory(
        article=article, label="Update Monday", published_on=april(3), headline="Ceasefire holds"
    )
    ParagraphFactory(
        article=article,
        update=monday,
        position=1,
        replaces=toll,
        text="Officials said 18 were killed.",
    )
    ParagraphFactory(article=article, update=monday, position=2, replaces=rumour, text="")
    article = Article.objects.with_page_content().get(pk=article.pk)
    return article, {"first": first, "toll": toll, "rumour": rumour, "minister": minister}


def test_versions_run_from_original_post_through_each_update(story):
    article, _ = story
    versions = versions_of(article)
    assert [(v.key, v.label) for v in versions] == [
        ("original", "Original post"),
        ("update-1", "Update Sunday"),
        ("update-2", "Update Monday"),
    ]
    assert [len(v.blocks) for v in versions] == [3, 4, 3]
    assert [v.headline for v in versions] == ["Clashes reported"] * 2 + ["Ceasefire holds"]


def test_rewritten_paragraph_keeps_the_anchor_of_its_first_printing(story):
    article, paragraphs = story
    latest = versions_of(article)[-1]
    block = next(b for b in latest.blocks if b.anchor == paragraphs["toll"].anchor)
    assert block.text == "Officials said 18 were killed."
    assert paragraphs["rumour"].anchor not in {b.anchor for b in latest.blocks}


def test_content_hash_is_sha256_of_headline_and_paragraphs(story):
    article, _ = story
    original = versions_of(article)[0]
    text = "Clashes reported\n\nFighting broke out at dawn.\n\nOfficials said 12 were killed.\n\n"
    text += "A rumour spread quickly."
    assert original.content_hash == hashlib.sha256(text.encode()).hexdigest()


def test_comparison_labels_each_kind_of_change(story):
    article, _ = story
    original, sunday, monday = versions_of(article)
    assert dict(compare(original, sunday).summary) == {"Text added": 1, "Quote added": 1}
    assert dict(compare(sunday, monday).summary) == {
        "Headline changed": 1,
        "Text removed": 1,
        "Text changed": 1,
        "Figures changed": 1,
    }
    assert dict(compare(original, monday).summary) == {
        "Headline changed": 1,
        "Text added": 1,
        "Text removed": 1,
        "Text changed": 1,
        "Figures changed": 1,
        "Quote added": 1,
    }


def test_comparing_backwards_shows_the_quote_removed(story):
    article, _ = story
    original, sunday, _ = versions_of(article)
    comparison = compare(sunday, original)
    assert [q.words for q in comparison.quotes_removed] == ["we will not give up"]
    assert comparison.speakers_removed


def test_word_diff_marks_only_the_changed_words():
    tokens = word_diff("Officials said 12 were killed.", "Officials said 18 were killed.")
    assert [(t.op, t.text) for t in tokens if t.op != "equal"] == [
        ("delete", "12"),
        ("insert", "18"),
    ]


def test_removed_paragraph_stays_in_place_in_the_comparison(story):
    article, paragraphs = story
    _, sunday, monday = versions_of(article)
    anchors = [(c.anchor, c.status) for c in compare(sunday, monday).paragraphs]
    assert anchors == [
        (paragraphs["first"].anchor, "unchanged"),
        (paragraphs["toll"].anchor, "changed"),
        (paragraphs["rumour"].anchor, "removed"),
        (paragraphs["minister"].anchor, "unchanged"),
    ]


def evolution_url(article, **params):
    url = reverse("clippings:article-evolution", kwargs={"slug": article.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_evolution_page_compares_latest_with_the_version_before_by_default(client, story):
    article, _ = story
    html = client.get(evolution_url(article)).content.decode()
    assert "Changes from Update Sunday to Update Monday" in html
    assert '<del class="diff"><span class="visually-hidden">[removed: </span>12' in html
    assert '<ins class="diff"><span class="visually-hidden">[added: </span>18' in html
    assert "Figures changed" in html
    assert "Headline changed" in html


def test_the_summary_is_a_sentence_saying_what_happened(client, story):
    article, paragraphs = story
    original, sunday, monday = versions_of(article)
    toll = paragraphs["toll"].anchor
    assert compare(original, sunday).sentence == "1 paragraph added, 1 quote added."
    assert compare(sunday, monday).sentence == (
        f"Headline changed, 1 paragraph removed, 1 paragraph rewritten; figures changed in {toll}."
    )
    assert compare(sunday, sunday).sentence is None
    html = client.get(evolution_url(article)).content.decode()
    assert '<p class="summary">Headline changed, 1 paragraph removed' in html
    same = client.get(evolution_url(article, before="update-1", after="update-1")).content
    assert '<p class="summary">No changes: the two versions read the same.</p>' in same.decode()


def test_a_changed_headline_shows_as_the_old_line_and_the_new_each_whole(client, story):
    article, _ = story
    html = client.get(evolution_url(article)).content.decode()
    lines = html[html.index('class="change change--changed headline-change"') :]
    lines = lines[: lines.index("</div>")]
    removed = '<del class="diff"><span class="visually-hidden">[removed: </span>{}'
    added = '<ins class="diff"><span class="visually-hidden">[added: </span>{}'
    before, after = lines.split("</p>")[:2]
    assert '<span class="meta">Update Sunday:</span>' in before
    assert removed.format("Clashes") in before
    assert "[added: " not in before
    assert '<span class="meta">Update Monday:</span>' in after
    assert added.format("Ceasefire") in after
    assert "[removed: " not in after


def test_evolution_page_compares_any_two_versions_side_by_side(client, story):
    article, paragraphs = story
    response = client.get(evolution_url(article, before="original", after="update-2", view="side"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Changes from Original post to Update Monday" in html
    assert 'class="side-by-side"' in html
    assert f'id="{paragraphs["toll"].anchor}"' in html


def test_evolution_page_refuses_unknown_versions_with_a_message(client, story):
    article, _ = story
    response = client.get(evolution_url(article, before="update-9", view="sideways"))
    assert response.status_code == 400
    assert "update-9 is not one of the available choices" in response.content.decode()


def test_version_page_shows_the_story_as_it_stood_then(client, story):
    article, paragraphs = story
    url = reverse("clippings:article-version", kwargs={"slug": article.slug, "version": "original"})
    html = client.get(url).content.decode()
    assert "Officials said 12 were killed." in html
    assert "we will not give up" not in html
    assert versions_of(article)[0].content_hash in html
    latest = reverse(
        "clippings:article-version", kwargs={"slug": article.slug, "version": "update-2"}
    )
    html = client.get(latest).content.decode()
    assert f'id="{paragraphs["toll"].anchor}"' in html
    assert "Officials said 18 were killed." in html
    assert "A rumour spread quickly." not in html


def test_unknown_version_and_draft_story_are_not_found(client, story):
    article, _ = story
    url = reverse("clippings:article-version", kwargs={"slug": article.slug, "version": "update-7"})
    assert client.get(url).status_code == 404
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(evolution_url(article)).status_code == 404


def test_real_clipping_evolution_shows_the_sunday_update_as_added_text(client, karabakh):
    html = client.get(evolution_url(karabakh)).content.decode()
    assert "Text added: 24" in html
    assert "Quote added: 26" in html
    assert "Maria Titzian" in html


@pytest.mark.parametrize("view_name", ["article-evolution", "article-version"])
def test_evolution_pages_run_a_fixed_number_of_queries(
    client, story, view_name, django_assert_num_queries
):
    article, _ = story
    kwargs = {"slug": article.slug}
    if view_name == "article-version":
        kwargs["version"] = "update-2"
    url = reverse(f"clippings:{view_name}", kwargs=kwargs)
    with django_assert_num_queries(7):
        client.get(url)
    speaker = SpeakerFactory()
    for paragraph in article.paragraphs.exclude(text=""):
        if "we will" in paragraph.text:
            QuoteFactory(paragraph=paragraph, article=article, speaker=speaker)
    UpdateFactory(article=article, published_on=april(9))
    with django_assert_num_queries(7):
        client.get(url)


@pytest.fixture
def rewritten_story():
    """An original post of three paragraphs; an update on 4 April rewrites the second and
    removes the third."""
    story = ArticleFactory(slug="border-talks", published_on=datetime.date(2016, 4, 2))
    _first, second, third = (
        ParagraphFactory(article=story, position=number, text=text)
        for number, text in enumerate(["Talks began.", "Two were hurt.", "Roads are open."], 1)
    )
    update = UpdateFactory(
        article=story, label="Update Monday", published_on=datetime.date(2016, 4, 4)
    )
    ParagraphFactory(
        article=story, update=update, position=4, replaces=second, text="Five were hurt."
    )
    ParagraphFactory(article=story, update=update, position=5, replaces=third, text="")
    return story, second, third


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/articles/border-talks/", "/articles/border-talks/versions/original/"]
)
def test_a_paragraph_a_later_update_rewrote_or_removed_says_so_with_a_link_to_the_change(
    client, rewritten_story, path
):
    story, second, third = rewritten_story
    html = client.get(path).content.decode()
    change = "/articles/border-talks/evolution/?before=original&amp;after="
    update_anchor = story.updates.get().anchor
    rewritten = html[html.index(f'id="{second.anchor}"') :]
    assert (
        '<p class="meta later-change">Rewritten by the update of '
        '<time datetime="2016-04-04">4 April 2016</time> '
        f'(<a href="/articles/border-talks/#{second.revisions.get().anchor}">Update Monday</a>): '
        f'<a href="{change}{update_anchor}">see the change</a>.</p>'
    ) in rewritten[: rewritten.index("</div>")]
    removed = html[html.index(f'id="{third.anchor}"') :]
    assert "Removed by the update of" in removed[: removed.index("</div>")]
    assert html.count('class="meta later-change"') == 2


@pytest.mark.django_db
def test_the_latest_version_has_no_later_change_to_announce(client, rewritten_story):
    story, _, _ = rewritten_story
    version = story.updates.get().anchor
    html = client.get(f"/articles/border-talks/versions/{version}/").content.decode()
    assert "later-change" not in html
    assert "Five were hurt." in html
