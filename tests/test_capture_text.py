"""Plain text read as a story: the seed comes back as the fixture has it."""

import datetime

import pytest

from clippings.capture.errors import ClipError
from clippings.capture.markers import update_marker
from clippings.capture.text import parse_text
from clippings.models import Paragraph
from tests.test_fixture import SEED_COPIES


@pytest.fixture(params=list(SEED_COPIES))
def seed_story(request):
    path = SEED_COPIES[request.param]
    return parse_text(path.read_text(encoding="utf-8"), source=str(path))


def fixture_paragraphs(article):
    """The fixture's paragraphs in printed order: (text, kind, update index or None)."""
    updates = list(article.updates.order_by("published_on", "pk"))
    rows = [(p.text, p.kind, None) for p in article.paragraphs.original_post().order_by("position")]
    for number, update in enumerate(updates):
        rows += [(p.text, p.kind, number) for p in update.paragraphs.order_by("position")]
    return rows


def test_seed_text_reads_paragraph_by_paragraph_as_the_fixture_has_it(karabakh, seed_story):
    clipped = [(p.text, p.kind, p.update) for p in seed_story.paragraphs]
    expected = fixture_paragraphs(karabakh)
    assert len(clipped) == len(expected)
    for number, (got, want) in enumerate(zip(clipped, expected, strict=True), start=1):
        assert got == want, f"paragraph {number}"


def test_seed_text_keeps_headline_keyword_line_tags_and_update(karabakh, seed_story):
    assert seed_story.headline == karabakh.headline
    assert seed_story.filed_under_as_printed == karabakh.filed_under_as_printed
    assert sorted(seed_story.tags) == sorted(karabakh.tags.values_list("name", flat=True))
    (update,) = seed_story.updates
    fixture_update = karabakh.updates.get()
    assert update.label == fixture_update.label
    assert update.published_on == fixture_update.published_on == datetime.date(2016, 4, 3)


def test_seed_update_date_keeps_both_readings_and_warns(seed_story):
    (update,) = seed_story.updates
    assert update.date_readings == [datetime.date(2016, 4, 3), datetime.date(2016, 3, 4)]
    assert not update.date_is_inferred
    assert any("03/04/2016" in warning for warning in seed_story.warnings)


def test_seed_footer_is_credits_and_comments_not_paragraphs(karabakh, seed_story):
    assert seed_story.credits == [c.name_as_printed for c in karabakh.credits.all()]
    assert seed_story.comment_count == karabakh.comment_count
    assert seed_story.comments_closed is karabakh.comments_closed
    assert not any("Sources:" in p.text for p in seed_story.paragraphs)


def test_undated_original_post_takes_its_first_update_date_marked_inferred(seed_story):
    assert seed_story.published_on == datetime.date(2016, 4, 3)
    assert seed_story.published_on_is_inferred
    assert "Update Sunday 03/04/2016" in seed_story.published_on_note


def test_headline_alone_is_refused():
    with pytest.raises(ClipError, match="no paragraphs"):
        parse_text("Just a headline\n\n\n", source="-")


def test_empty_text_is_refused():
    with pytest.raises(ClipError, match="empty"):
        parse_text("  \n \n", source="-")


def test_marker_text_on_its_own_line_is_the_update_first_paragraph():
    story = parse_text(
        "Strike ends\n\nWorkers went back on Monday.\n\n"
        "UPDATE: The union said the deal holds.\n\nTalks resume next week.",
        source="-",
    )
    assert [p.update for p in story.paragraphs] == [None, 0, 0]
    assert story.paragraphs[1].text == "The union said the deal holds."
    assert story.updates[0].label == "UPDATE"


@pytest.mark.parametrize(
    "marker",
    ["Update:", "Updated at 14:00 GMT", "Correction:", "Editor's note:", "Update 2 (3.45pm):"],
)
def test_update_markers_start_an_update(marker):
    story = parse_text(f"Headline\n\nFirst.\n\n{marker}\n\nLater news.", source="-")
    assert len(story.updates) == 1
    assert [p.text for p in story.paragraphs if p.update == 0] == ["Later news."]


def test_sentence_beginning_with_update_is_not_a_marker():
    story = parse_text("Headline\n\nUpdates to the law were passed: all of them.", source="-")
    assert story.updates == []


def test_lines_wrapped_by_hand_are_one_paragraph():
    story = parse_text(
        "Headline\n\nThe council met on Tuesday and\nagreed the budget after a long\ndebate.",
        source="-",
    )
    assert [p.text for p in story.paragraphs] == [
        "The council met on Tuesday and agreed the budget after a long debate."
    ]


def test_related_link_and_lost_embed_lines_are_kept_as_what_they_are():
    story = parse_text(
        "Headline\n\nThe army moved in.\n\nREAD MORE: Why the border matters\n\n"
        "The ministry's Twitter account:\n\n\nThe talks failed.",
        source="-",
    )
    assert [p.kind for p in story.paragraphs] == [
        Paragraph.Kind.TEXT,
        Paragraph.Kind.RELATED_LINK,
        Paragraph.Kind.EMBED,
        Paragraph.Kind.TEXT,
    ]


def test_marker_above_all_the_text_dates_the_page_not_an_update():
    story = parse_text(
        "Headline\n\nUpdated 5 April 2016\n\nThe talks resumed.\n\nBoth sides agreed.", source="-"
    )
    assert story.updates == []
    assert story.modified_on == datetime.date(2016, 4, 5)
    assert [p.update for p in story.paragraphs] == [None, None]


def test_marker_with_nothing_after_it_is_no_update():
    story = parse_text("Headline\n\nThe talks resumed.\n\nUpdated at 14:00 GMT", source="-")
    assert story.updates == []
    assert [p.text for p in story.paragraphs] == ["The talks resumed."]


def test_headline_is_the_first_line_even_without_a_blank_line_after_it():
    story = parse_text("world news\r\nHeadline\r\nPara one.\r\n\r\nPara two.", source="-")
    assert (story.tags, story.headline) == (["world", "news"], "Headline")
    assert [p.text for p in story.paragraphs] == ["Para one.", "Para two."]


@pytest.mark.parametrize(
    ("line", "label", "rest"),
    [
        ("UPDATE (April 3, 2016): Talks resumed.", "UPDATE (April 3, 2016)", "Talks resumed."),
        ("Update, 3:45 p.m. ET: Talks resumed.", "Update, 3:45 p.m. ET", "Talks resumed."),
        ("**UPDATE:** Talks resumed.", "UPDATE", "Talks resumed."),
        ("Updated: 19 November 2019 10:32 GMT", "Updated: 19 November 2019 10:32 GMT", ""),
        ("Update: 3 people were hurt.", "Update", "3 people were hurt."),
    ],
)
def test_update_marker_label_is_as_printed_and_its_text_follows(line, label, rest):
    marker = update_marker(line)
    assert (marker.label, marker.rest) == (label, rest)
