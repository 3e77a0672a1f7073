"""How a story evolved: versions, what changed between two, and the pages that show it."""

import datetime
import hashlib
from itertools import pairwise

import html5lib
import pytest
from django.urls import reverse

from clippings.evolution import compare, versions_of, word_diff, words_changed
from clippings.models import Article
from clippings.timeline import span, spread, timeline_of

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


def test_words_added_and_removed_count_words_whatever_the_spacing_between_them():
    before = "Officials said 12 were killed."
    assert words_changed(before, "Officials said 18 were killed.") == (1, 1)
    assert words_changed(before, "Officials  said 12\nwere killed.") == (0, 0)
    assert words_changed("", before) == (5, 0)
    assert words_changed(before, "") == (0, 5)


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


# The timeline: versions on a time axis, each with the size of its change ----------------

SVG = "{http://www.w3.org/2000/svg}"


def timeline_bars(html):
    """Each bar of the page's timeline picture, left to right as printed: where it stands and
    how wide (percent of the width), how tall above and below the axis (pixels), its link and
    what it says."""
    page = html5lib.parse(html, namespaceHTMLElements=False)
    [chart] = [svg for svg in page.iter(f"{SVG}svg") if "timeline-chart" in svg.get("class")]
    bars = []
    for link in chart.iter(f"{SVG}a"):
        rects = {rect.get("class").split()[0]: rect for rect in link.iter(f"{SVG}rect")}
        heights = {kind: float(rect.get("height")) for kind, rect in rects.items()}
        hit = rects["timeline-hit"]
        bars.append(
            {
                "left": float(hit.get("x").removesuffix("%")),
                "width": float(hit.get("width").removesuffix("%")),
                "added": heights.get("timeline-added", 0),
                "removed": heights.get("timeline-removed", 0),
                "href": link.get("href"),
                "label": link.get("aria-label"),
                "title": link.find(f"{SVG}title").text,
            }
        )
    return bars


def middle(bar):
    return bar["left"] + bar["width"] / 2


@pytest.fixture
def spaced_story():
    """A story first published on 1 April, updated on 2 April and again on 11 April."""
    article = ArticleFactory(slug="spaced", headline="Talks open", published_on=april(1))
    ParagraphFactory(article=article, text="Talks opened in Geneva.")
    for day, text in [(2, "Delegates met twice."), (11, "The talks ended without a deal.")]:
        update = UpdateFactory(
            article=article, label=f"Update {day} April", published_on=april(day)
        )
        ParagraphFactory(article=article, update=update, text=text)
    return article


def test_the_timeline_places_versions_in_date_order_as_far_apart_as_their_dates(
    client, spaced_story
):
    bars = timeline_bars(client.get(evolution_url(spaced_story)).content.decode())
    assert [bar["title"].split(",")[0] for bar in bars] == [
        "Original post",
        "Update 2 April",
        "Update 11 April",
    ]
    first, second, last = map(middle, bars)
    assert first < second < last
    # One day of the ten the story ran: a tenth of the way along the axis.
    assert (second - first) / (last - first) == pytest.approx(0.1, abs=0.01)
    assert bars[0]["left"] >= 0
    assert bars[-1]["left"] + bars[-1]["width"] <= 100


def test_each_bar_of_the_timeline_is_as_large_as_the_words_its_version_changed(client, story):
    """Sunday adds an eight-word paragraph; Monday rewrites the headline and a figure and
    removes a paragraph: three words in, seven out. The original post prints sixteen."""
    article, _ = story
    html = client.get(evolution_url(article)).content.decode()
    original, sunday, monday = timeline_bars(html)
    assert [(bar["added"], bar["removed"]) for bar in (original, sunday, monday)] == [
        (64, 0),  # the most words: the tallest bar the picture has room for
        (32, 0),
        (12, 28),
    ]
    assert original["label"] == ("Original post, 1 April 2016: 3 paragraphs, 0 quotes. 16 words.")
    assert sunday["label"] == (
        "Update Sunday, 2 April 2016: 1 paragraph added, 1 quote added. "
        "8 words added, none removed."
    )
    assert monday["label"].startswith("Update Monday, 3 April 2016: Headline changed, ")
    assert monday["label"].endswith("3 words added, 7 removed.")
    assert monday["title"] == monday["label"]
    # The same figures as text, in the list that screen readers and print use.
    assert "Text added: 1; Quote added: 1; 8 words added, none removed." in html
    assert "3 paragraphs, 0 quotes, 16 words." in html


def test_the_evolution_page_shows_the_change_its_timeline_drew_worked_out_once(client, story):
    """The default comparison, the latest update's change, is the one its bar stands for: the
    page compares the two versions once. Versions further apart are compared afresh."""
    article, _ = story
    response = client.get(evolution_url(article))
    timeline = response.context["timeline"]
    assert response.context["comparison"] is timeline.marks[-1].change
    original, _, monday = response.context["versions"]
    assert timeline.comparison(original, monday).before is original


def test_the_clipping_page_draws_its_timeline_without_a_word_diff(client, story, monkeypatch):
    """The bars' figures need no diff of the kind the evolution page shows."""
    article, _ = story
    diffed = []
    monkeypatch.setattr("clippings.evolution.word_diff", lambda *texts: diffed.append(texts))
    bars = timeline_bars(client.get(article.get_absolute_url()).content.decode())
    assert bars[2]["label"].endswith("3 words added, 7 removed.")
    assert diffed == []


def test_the_clipping_and_evolution_pages_draw_the_same_figures(client, story):
    """One rule counts the words each version added and removed, wherever a page shows them."""
    article, _ = story
    on_clipping_page = timeline_bars(client.get(article.get_absolute_url()).content.decode())
    on_evolution_page = timeline_bars(client.get(evolution_url(article)).content.decode())
    labels = [bar["label"] for bar in on_clipping_page]
    assert labels == [bar["label"] for bar in on_evolution_page]
    marks = timeline_of(versions_of(article)).marks
    assert [(mark.words_added, mark.words_removed) for mark in marks] == [(16, 0), (8, 0), (3, 7)]


def test_each_bar_of_the_timeline_links_to_its_change_and_the_original_to_its_text(client, story):
    article, _ = story
    original, sunday, monday = timeline_bars(client.get(evolution_url(article)).content.decode())
    evolution = evolution_url(article)
    assert original["href"] == f"/articles/{article.slug}/versions/original/"
    assert sunday["href"] == f"{evolution}?before=original&after=update-1#changes-heading"
    assert monday["href"] == f"{evolution}?before=update-1&after=update-2#changes-heading"
    html = client.get(monday["href"].split("#")[0]).content.decode()
    assert "Changes from Update Sunday to Update Monday" in html


def test_versions_on_the_same_day_stand_apart_on_the_timeline(client):
    article = ArticleFactory(published_on=april(1))
    ParagraphFactory(article=article, text="First words.")
    for number in range(1, 6):
        update = UpdateFactory(article=article, label=f"Update {number}", published_on=april(1))
        ParagraphFactory(article=article, update=update, text=f"Word {number}.")
    later = UpdateFactory(article=article, label="A week on", published_on=april(8))
    ParagraphFactory(article=article, update=later, text="Later words.")

    bars = timeline_bars(client.get(evolution_url(article)).content.decode())
    assert len(bars) == 7
    for bar, following in pairwise(bars):
        assert bar["left"] + bar["width"] < following["left"], "two bars overlap"
    assert bars[0]["left"] >= 0
    assert bars[-1]["left"] + bars[-1]["width"] <= 100
    # The six of 1 April crowd round the axis's start, the week later stands at its end.
    assert middle(bars[5]) < 25 < 95 < middle(bars[6])


def test_however_many_versions_crowd_one_day_each_bar_keeps_its_own_place():
    low, high = 2.1, 97.9
    places, step = spread([low] * 60 + [50, 50.5] + [high] * 3, 3.4, low, high)
    assert step < 3.4
    assert all(b - a >= step - 1e-9 for a, b in pairwise(places))
    assert low - 1e-9 <= places[0]
    assert places[-1] <= high + 1e-9


def test_the_timeline_spans_the_years_of_a_long_story():
    assert span(april(2), april(2)) == "the same day"
    assert span(april(2), april(3)) == "1 day"
    assert span(datetime.date(2016, 2, 29), datetime.date(2019, 3, 3)) == "3 years and 2 days"
    assert span(april(2), datetime.date(2017, 4, 2)) == "1 year"


def test_the_clipping_page_shows_the_timeline_of_a_story_with_updates(client, story, karabakh):
    article, _ = story
    bars = timeline_bars(client.get(article.get_absolute_url()).content.decode())
    assert len(bars) == 3
    assert bars[2]["href"].endswith("?before=update-1&after=update-2#changes-heading")
    unchanged = ArticleFactory()
    ParagraphFactory(article=unchanged)
    assert "timeline-chart" not in client.get(unchanged.get_absolute_url()).content.decode()
