"""A researcher searches quotes by speaker in a real browser and follows one to its paragraph."""

import re

from playwright.sync_api import expect

from .conftest import SLUG


def test_researcher_types_a_speaker_name_and_opens_a_result_at_its_paragraph(
    page, site, screenshot
):
    page.goto(site + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Quotes").click()
    page.get_by_label("Speaker (any name or spelling)").fill("azeri defence ministry")
    with page.expect_navigation():
        page.get_by_role("button", name="Search quotes").click()
    expect(page).to_have_url(re.compile(r"/quotes/\?.*speaker=azeri\+defence\+ministry"))
    results = page.locator(".quote-list > li")
    expect(results.first).to_be_visible()
    expect(page.locator(".quote-list")).not_to_contain_text("Maria Titzian")
    screenshot("quote-search")

    first = results.first
    words = first.locator("blockquote, .reported i").first.inner_text()
    link = first.get_by_role("link", name=re.compile(r"paragraph p\d+"))
    anchor = re.search(r"#(p\d+)$", link.get_attribute("href")).group(1)
    link.click()
    expect(page).to_have_url(re.compile(rf"/articles/{SLUG}/#{anchor}$"))
    paragraph = page.locator(f"#{anchor}")
    expect(paragraph).to_be_in_viewport()
    expect(paragraph).to_contain_text(words.strip())


def test_a_misspelt_speaker_gets_a_suggestion_to_follow(page, site):
    page.goto(site + "/quotes/")
    page.get_by_label("Speaker (any name or spelling)").fill("Vladimir Puttin")
    page.get_by_label("Speaker (any name or spelling)").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("No speaker in the archive goes by")
    page.get_by_role("link", name="Vladimir Putin").first.click()
    expect(page.locator(".quote-list > li")).to_have_count(2)
