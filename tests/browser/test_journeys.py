"""A reader's journeys through the archive in a real browser, by mouse and by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from ..factories import ArticleFactory, CreditFactory, SourceFactory, TagFactory
from .conftest import HEADLINE, SLUG

ARTICLE = f"/articles/{SLUG}/"
EVOLUTION = f"/articles/{SLUG}/evolution/"
UPDATE_LABEL = "Update Sunday 03/04/2016"
OTHER_HEADLINE = "Ruritania elects a new parliament"


@pytest.fixture
def other_story(site):
    """A second published clipping, with its own tag and source, that the filters must drop."""
    story = ArticleFactory(headline=OTHER_HEADLINE, slug="ruritania-elects")
    story.tags.add(TagFactory(name="ruritania", slug="ruritania"))
    CreditFactory(article=story, source=SourceFactory(name="Ruritanian Radio", slug="rr"))
    return story


def open_page(page, url):
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, f"GET {url} answered {response.status}"
    return response


def story_link(page, headline=HEADLINE):
    return page.locator("main").get_by_role("link", name=headline, exact=True)


def choose(field, wanted):
    """Pick ``wanted`` in a filter field, whether the page renders it as a select or a box."""
    if field.evaluate("element => element.tagName") == "SELECT":
        values = field.evaluate(
            """(select, wanted) => Array.from(select.options)
                .filter(o => o.value === wanted || o.text.trim().toLowerCase() === wanted)
                .map(o => o.value)""",
            wanted.lower(),
        )
        assert values, f"no option {wanted!r} in {field}"
        field.select_option(values[0])
    else:
        field.fill(wanted)


def submit_form_of(page, field):
    form = page.locator("form").filter(has=field)
    with page.expect_navigation():
        form.locator("button[type=submit], button:not([type]), input[type=submit]").first.click()


def active_element(page):
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            return {
                tag: element.tagName.toLowerCase(),
                id: element.id,
                text: element.textContent.trim(),
                name: element.getAttribute("name"),
                nav: element.closest("nav")?.getAttribute("aria-label") ?? null,
            };
        }"""
    )


def tab_until(page, predicate, limit=60):
    """Press Tab until the focused element matches, as a keyboard user would; return it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = active_element(page)
        if predicate(focused):
            return focused
    raise AssertionError(f"{limit} presses of Tab never reached the element wanted")


@pytest.mark.parametrize(
    ("label", "key", "value"),
    [("Tag", "tag", "nagorno-karabakh"), ("Source", "source", "rt")],
    ids=["tag", "source"],
)
def test_index_filters_by_tag_and_by_source_from_a_link_and_from_its_form(
    page, site, other_story, label, key, value
):
    """``/?tag=<slug>`` is a link to share; the form's field, found by its label, makes it."""
    open_page(page, f"{site}/?{key}={value}")
    expect(story_link(page)).to_be_visible()
    expect(story_link(page, OTHER_HEADLINE)).to_have_count(0)

    open_page(page, site + "/")
    expect(story_link(page, OTHER_HEADLINE)).to_be_visible()
    field = page.get_by_label(label).first
    choose(field, value)
    submit_form_of(page, field)
    assert f"{key}={value}" in page.url
    expect(story_link(page)).to_be_visible()
    expect(story_link(page, OTHER_HEADLINE)).to_have_count(0)


def test_clipping_links_to_its_tag_page_and_source_page(page, site):
    open_page(page, site + ARTICLE)
    with page.expect_navigation():
        page.locator("a[rel=tag]", has_text="nagorno-karabakh").click()
    assert page.url == f"{site}/tags/nagorno-karabakh/"
    expect(story_link(page)).to_be_visible()

    open_page(page, site + ARTICLE)
    with page.expect_navigation():
        page.locator("ul.sources").get_by_role("link", name="RT", exact=True).click()
    assert page.url == f"{site}/sources/rt/"
    expect(story_link(page)).to_be_visible()


def test_reader_jumps_from_clipping_to_its_update(page, site, screenshot):
    open_page(page, site + ARTICLE)
    nav = page.get_by_role("navigation", name="Versions of this story")
    nav.get_by_role("link", name=UPDATE_LABEL).click()
    expect(page).to_have_url(re.compile(r"#update-1$"))
    expect(page.locator("#update-1")).to_be_in_viewport()
    screenshot("clipping-jumped-to-update-1", full_page=False)


def test_evolution_page_highlights_text_the_update_added(page, site):
    open_page(page, site + ARTICLE)
    page.get_by_role("link", name="How this story evolved").click()
    expect(page).to_have_url(site + EVOLUTION)
    added = page.locator("#content .change ins.diff")
    expect(added.first).to_be_visible()
    assert added.count() > 1
    background = added.first.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background


def test_first_tab_reaches_skip_link_and_enter_moves_focus_to_main(page, site):
    open_page(page, site + ARTICLE)
    page.keyboard.press("Tab")
    focused = active_element(page)
    assert (focused["tag"], focused["text"]) == ("a", "Skip to content")
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert active_element(page)["id"] == "content"
    # The next Tab continues from the page's content, past the site header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_keyboard_user_tabs_to_the_update_link_and_lands_on_the_update(page, site):
    open_page(page, site + ARTICLE)
    focused = tab_until(page, lambda focused: focused["text"] == UPDATE_LABEL)
    assert focused["nav"] == "Versions of this story"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#update-1"
    expect(page).to_have_url(re.compile(r"#update-1$"))
    expect(page.locator("#update-1")).to_be_in_viewport()


def test_keyboard_user_compares_versions_on_the_evolution_page(page, site, screenshot):
    open_page(page, site + EVOLUTION)
    tab_until(page, lambda focused: focused["name"] == "before")
    page.keyboard.press("ArrowDown")  # "From version": the update
    page.keyboard.press("Tab")
    assert active_element(page)["name"] == "after"
    page.keyboard.press("ArrowUp")  # "To version": the original, so the comparison runs backwards
    page.keyboard.press("Tab")
    assert active_element(page)["name"] == "view"
    page.keyboard.press("ArrowDown")  # "Layout": side by side
    tab_until(page, lambda focused: focused["tag"] == "button" and focused["text"] == "Compare")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "before=update-1" in page.url
    assert "after=original" in page.url
    assert "view=side" in page.url
    expect(
        page.get_by_role("heading", name=f"Changes from {UPDATE_LABEL} to Original post")
    ).to_be_visible()
    expect(page.locator("#content .change del.diff").first).to_be_visible()
    screenshot("evolution-compared-backwards-by-keyboard")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reader_on_a_missing_page_finds_the_story_from_its_search_box(
    page, site, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(site + "/articles/karabakh-clashes-of-april-2016-and-what-followed/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    screenshot(f"not-found-{width}")

    page.get_by_label("Words in a clipping’s headline or text").fill("Karabakh")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/\?q=Karabakh$"))
    expect(story_link(page)).to_be_visible()


def test_side_by_side_uses_a_wide_screen_and_stacks_on_a_phone(page, site, artifacts_dir):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, site + EVOLUTION + "?view=side")
    columns = page.locator(".side-by-side > .change")
    widths = [box["width"] for box in (columns.nth(i).bounding_box() for i in range(2))]
    assert min(widths) > 500, widths
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
    compared = page.locator(".side-by-side")
    compared.screenshot(path=artifacts_dir / "evolution-side-by-side-wide.png")

    page.set_viewport_size({"width": 390, "height": 844})
    empty = page.locator(".side-by-side > .change--empty")
    assert empty.count() > 0
    for index in range(empty.count()):
        expect(empty.nth(index)).to_be_hidden()
    shown = page.locator(".side-by-side > .change:not(.change--empty)")
    expect(shown.first.locator(".side-label")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    compared.screenshot(path=artifacts_dir / "evolution-side-by-side-phone.png")


def test_the_evolution_leads_with_the_text_and_folds_what_did_not_change(page, site, screenshot):
    open_page(page, site + EVOLUTION)
    expect(page.locator("p.summary")).to_have_text("24 paragraphs added, 26 quotes added.")
    folded = page.locator("details.unchanged-run")
    expect(folded.locator("summary")).to_have_text("1 unchanged paragraph (p1)")
    expect(folded.locator(".change")).to_be_hidden()
    quoted = page.locator("details.quoted-changes")
    expect(quoted.locator("summary")).to_have_text("26 quotes added: who said what")
    expect(quoted.locator(".quote-changes")).to_be_hidden()
    text_first = page.evaluate(
        """() => document.querySelector('.change--added')
            .compareDocumentPosition(document.querySelector('details.quoted-changes'))"""
    )
    assert text_first & 4, "the quoted people come after the text"  # DOCUMENT_POSITION_FOLLOWING
    screenshot("evolution-at-a-glance", full_page=False)

    folded.locator("summary").click()
    expect(folded.locator(".change")).to_be_visible()
    quoted.locator("summary").press("Enter")
    expect(quoted.locator(".quote-changes")).to_be_visible()
