"""A researcher finds a quote, opens its permalink and copies its citation, on a laptop and on
a phone."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import HEADLINE

VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_researcher_opens_a_quotes_permalink_from_the_search_and_copies_its_citation(
    page, site, screenshot, screen
):
    viewport = VIEWPORTS[screen]
    page.set_viewport_size(viewport)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + "/quotes/")
    if screen == "phone":  # the filters fold away until asked for
        page.locator(".filters-fold > summary").click()
    page.get_by_label("Speaker (any name or spelling)").fill("Putin")
    with page.expect_navigation():
        page.get_by_role("button", name="Search quotes").click()
    result = page.locator(".quote-list > li").filter(has_text="to exercise restraint")
    expect(result).to_have_count(1)

    result.get_by_role(
        "link", name=re.compile(r"^Permalink and citation for Vladimir Putin")
    ).click()
    expect(page).to_have_url(re.compile(r"/quotes/\d+/$"))
    permalink = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Quotation: Vladimir Putin")
    expect(page.locator("blockquote.quote")).to_have_text(
        "to exercise restraint so as to avert new human casualties"
    )

    cite = page.get_by_role("region", name="Cite this quote")
    text = page.locator("#cite-text")
    expect(text).to_be_visible()
    expected = (
        "“to exercise restraint so as to avert new human casualties,” Vladimir Putin, "
        f"quoted in “{HEADLINE}”, 3 April 2016. {permalink}"
    )
    expect(text).to_have_text(expected)
    expect(cite.get_by_role("link", name="BibTeX for this quote")).to_be_visible()
    expect(cite.get_by_role("link", name="CSL-JSON for this quote")).to_be_visible()

    copy = cite.get_by_role("button", name="Copy the citation")
    expect(copy).to_be_visible()
    copy.click()
    expect(cite.get_by_role("status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= viewport["width"], f"the quote's page is {width} px wide"
    screenshot(f"quote-permalink-{screen}")

    page.get_by_role("link", name="in the clipping").click()
    expect(page).to_have_url(re.compile(r"/articles/[^/]+/#p13$"))
    expect(page.locator("#p13")).to_be_in_viewport()


def test_without_javascript_the_citation_is_there_to_select_and_no_copy_button_shows(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/quotes/?speaker=putin")
    page.locator(".quote-list > li").first.get_by_role(
        "link", name=re.compile(r"^Permalink and citation")
    ).click()
    expect(page.locator("#cite-text")).to_contain_text("Vladimir Putin, ")
    expect(page.get_by_role("button", name="Copy the citation")).to_be_hidden()
    context.close()
