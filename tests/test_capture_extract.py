"""Saved HTML pages read as stories: structured data, the article's paragraphs, update markers
dated by the page's locale, related-story links and lost embeds."""

import datetime
from pathlib import Path

import pytest

from clippings.capture.errors import ClipError
from clippings.capture.extract import parse_html
from clippings.models import Paragraph

PAGES = Path(__file__).parent / "pages"


def read_page(name):
    return parse_html((PAGES / name).read_bytes(), source=name)


def test_structured_data_gives_metadata_and_the_body_a_paywall_hides():
    story = read_page("structured-data.html")
    assert story.headline == "Dam talks collapse as river dispute deepens"
    assert story.published_on == datetime.date(2019, 5, 1)
    assert story.modified_on == datetime.date(2019, 5, 2)
    assert story.byline == "Ana Costa, Lee Park"
    assert story.site_name == "The Valley Courier"
    assert story.tags == ["rivers", "diplomacy", "water"]
    assert story.url == "https://courier.example/world/dam-talks-collapse"
    assert len(story.paragraphs) == 6
    assert story.paragraphs[-1].text.startswith("Analysts said the breakdown")
    assert not any("Subscribe" in p.text for p in story.paragraphs)


def test_page_without_structured_data_keeps_the_article_and_leaves_the_rest():
    story = read_page("plain.html")
    assert story.headline == "Library reopens after flood repairs"
    assert story.published_on == datetime.date(2021, 9, 14)
    assert story.site_name == "Northfield Gazette"
    texts = [p.text for p in story.paragraphs]
    assert texts[0].startswith("The town library reopened its doors on Monday")
    assert texts[-1].startswith("Opening hours are longer than before the flood")
    assert len(texts) == 5
    assert not any(word in " ".join(texts) for word in ("Most read", "Cookie", "Council tax"))


def test_update_marker_in_the_body_starts_a_dated_update_flagged_when_it_reads_both_ways():
    story = read_page("update-marker.html")
    (update,) = story.updates
    assert update.label == "Update 03/04/2016"
    assert update.published_on == datetime.date(2016, 4, 3)
    assert update.date_is_ambiguous
    assert any("reads both ways" in warning for warning in story.warnings)
    assert [p.update for p in story.paragraphs] == [None, None, None, 0, 0]
    assert story.paragraphs[3].text.startswith("The ferry company said the first crossing")


def test_american_page_reads_its_numeric_dates_month_first():
    html = (PAGES / "update-marker.html").read_text(encoding="utf-8")
    (update,) = parse_html(html.replace('lang="en-GB"', 'lang="en-US"'), source="x").updates
    assert update.published_on == datetime.date(2016, 3, 4)
    assert update.date_readings == [datetime.date(2016, 4, 3), datetime.date(2016, 3, 4)]


def test_related_link_and_lost_embed_are_kept_with_their_addresses():
    story = read_page("related-and-embeds.html")
    related = [p for p in story.paragraphs if p.kind == Paragraph.Kind.RELATED_LINK]
    assert [(p.text, p.url) for p in related] == [
        (
            "READ MORE: What the volcano alert levels mean",
            "https://islandtimes.example/news/volcano-alert-levels-explained",
        )
    ]
    embeds = [p for p in story.paragraphs if p.kind == Paragraph.Kind.EMBED]
    assert [p.url for p in embeds] == ["https://www.youtube.com/embed/aBcDeFgHiJk"]
    kinds = [p.kind for p in story.paragraphs]
    # The video stood between the schools and the airlines paragraphs.
    position = kinds.index(Paragraph.Kind.EMBED)
    assert story.paragraphs[position - 1].text.startswith("Schools in the three nearest towns")
    assert story.paragraphs[position + 1].text.startswith("Airlines said")


def test_embedded_post_whose_text_survived_stays_text():
    story = read_page("related-and-embeds.html")
    assert any(p.text.startswith("Ash column visible") for p in story.paragraphs)


@pytest.mark.parametrize("html", [b"", b"   ", b"<html><head></head><body></body></html>"])
def test_empty_page_is_refused(html):
    with pytest.raises(ClipError):
        parse_html(html, source="empty.html")


def test_article_split_over_several_containers_is_read_whole_without_the_newsletter():
    texts = [p.text for p in read_page("split-body.html").paragraphs]
    assert [text.split()[0] for text in texts] == ["The", "Under", "Shopkeepers", "The"]
    assert texts[-1].startswith("The deputy mayor said")


def test_month_first_date_elsewhere_on_the_page_makes_it_american():
    html = (PAGES / "update-marker.html").read_text(encoding="utf-8")
    html = html.replace(' lang="en-GB"', "").replace(
        "<article>", '<div class="dateline">Posted 11/30/2016 at 9:15 PM</div><article>'
    )
    (update,) = parse_html(html, source="page.html").updates
    assert update.published_on == datetime.date(2016, 3, 4)
