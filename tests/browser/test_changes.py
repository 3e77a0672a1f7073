"""A reader follows what changed: from the site's navigation to the recently changed stories,
on to a story's comparison and its timeline, on a laptop and on a phone."""

import datetime
import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from ..factories import ArticleFactory, ParagraphFactory, UpdateFactory
from .conftest import HEADLINE, SLUG
from .test_accessibility import AXE_OPTIONS, describe
from .test_journeys import tab_until

SCREENS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
UPDATE_LABEL = "Update Sunday 03/04/2016"


def fits(page, width):
    return page.evaluate("document.scrollingElement.scrollWidth") <= width


def assert_no_violations(page, axe):
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"{page.url}\n{describe(violations)}"


def bar_boxes(page):
    """The bounding box of each bar of the page's timeline, as drawn."""
    bars = page.locator("svg.timeline-chart .timeline-hit")
    return [bars.nth(index).bounding_box() for index in range(bars.count())]


@pytest.fixture
def crowded_story(site):
    """A story updated three times on the day it was first published and once a week later."""
    day = datetime.date(2016, 4, 2)
    story = ArticleFactory(headline="Talks go on", slug="talks-go-on", published_on=day)
    ParagraphFactory(article=story, text="Talks opened in Geneva between the two sides.")
    for number, (date, text) in enumerate(
        [
            (day, "The delegations met again in the afternoon."),
            (day, "In the evening they agreed to meet the next week."),
            (day, "A ceasefire line was drawn on the map that night, officials said."),
            (day + datetime.timedelta(days=7), "The talks resumed a week later."),
        ],
        start=1,
    ):
        update = UpdateFactory(article=story, label=f"Update {number}", published_on=date)
        ParagraphFactory(article=story, update=update, text=text)
    return story


@pytest.mark.parametrize("screen", ["laptop", "phone"])
def test_reader_goes_from_the_navigation_to_the_changes_and_on_to_a_storys_comparison(
    page, site, axe, screenshot, artifacts_dir, screen
):
    size = SCREENS[screen]
    page.set_viewport_size(size)
    page.goto(site + "/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Site").get_by_role("link", name="Changes").click()
    assert page.url == f"{site}/changes/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Recently changed stories")
    latest = page.locator(".recent-change").first
    expect(latest.get_by_role("heading", level=3)).to_have_text(HEADLINE)
    expect(latest).to_contain_text(f"{UPDATE_LABEL} (3 April 2016): 24 paragraphs added")
    assert fits(page, size["width"]), f"the changes page is wider than {size['width']} px"
    screenshot(f"changes-{screen}")
    assert_no_violations(page, axe)

    with page.expect_navigation():
        latest.get_by_role("link", name=re.compile(r"^See the change")).click()
    assert page.url == (
        f"{site}/articles/{SLUG}/evolution/?before=original&after=update-1#changes-heading"
    )
    expect(
        page.get_by_role("heading", name=f"Changes from Original post to {UPDATE_LABEL}")
    ).to_be_visible()

    figure = page.locator("figure.timeline-figure")
    figure.scroll_into_view_if_needed()
    expect(figure.locator("svg.timeline-chart")).to_be_visible()
    expect(figure.get_by_role("link", name=f"{UPDATE_LABEL}, 3 April 2016:")).to_be_visible()
    original, update = bar_boxes(page)
    assert 0 <= original["x"] < original["x"] + original["width"] < update["x"]
    assert update["x"] + update["width"] <= size["width"]
    assert fits(page, size["width"]), f"the evolution page is wider than {size['width']} px"
    figure.screenshot(path=artifacts_dir / f"timeline-{screen}.png")
    assert_no_violations(page, axe)


def test_on_a_phone_versions_of_one_day_stand_apart_and_each_leads_to_its_change(
    page, site, crowded_story, artifacts_dir
):
    page.set_viewport_size(SCREENS["phone"])
    page.goto(f"{site}/articles/{crowded_story.slug}/evolution/")
    figure = page.locator("figure.timeline-figure")
    expect(figure).to_be_visible()
    boxes = bar_boxes(page)
    assert len(boxes) == 5
    for box, following in pairwise(boxes):
        assert box["x"] + box["width"] < following["x"], "two bars overlap"
    assert boxes[-1]["x"] + boxes[-1]["width"] <= SCREENS["phone"]["width"]
    assert fits(page, SCREENS["phone"]["width"])
    figure.screenshot(path=artifacts_dir / "timeline-same-day-phone.png")

    with page.expect_navigation():
        figure.get_by_role("link", name=re.compile(r"^Update 2, 2 April 2016")).click()
    assert page.url.endswith("/evolution/?before=update-1&after=update-2#changes-heading")
    expect(page.get_by_role("heading", name="Changes from Update 1 to Update 2")).to_be_visible()

    # A keyboard user reaches the same bar, its focus drawn round it.
    page.goto(f"{site}/articles/{crowded_story.slug}/evolution/")
    tab_until(page, lambda focused: focused["text"].startswith("Update 2, 2 April 2016"))
    bar = figure.get_by_role("link", name=re.compile(r"^Update 2, 2 April 2016"))
    stroke = bar.locator(".timeline-hit").evaluate("rect => getComputedStyle(rect).stroke")
    assert stroke not in ("none", ""), stroke
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "before=update-1&after=update-2" in page.url
