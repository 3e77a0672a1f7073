"""A reader chooses a speaker on the archive index by typing part of the name."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import SLUG
from .test_accessibility import AXE_OPTIONS, describe


def test_reader_types_part_of_a_name_picks_the_suggestion_and_gets_the_filtered_list(
    page, site, screenshot
):
    page.goto(site + "/")
    field = page.get_by_role("combobox", name="Speaker quoted")
    field.press_sequentially("puti", delay=50)
    suggestion = page.get_by_role("option", name="Vladimir Putin")
    expect(suggestion).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    screenshot("index-speaker-suggestions", full_page=False)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)

    suggestion.click()
    expect(field).to_have_value("Vladimir Putin")
    expect(field).to_have_attribute("aria-expanded", "false")
    with page.expect_navigation():
        page.get_by_role("button", name="Show clippings").click()
    expect(page).to_have_url(re.compile(r"/\?.*speaker=Vladimir\+Putin"))
    expect(page.get_by_role("heading", level=2, name="1 clipping found")).to_be_visible()
    expect(page.locator(f'a[href="/articles/{SLUG}/"]').first).to_be_visible()


def test_keyboard_reader_moves_to_a_suggestion_and_picks_it_with_enter(page, site):
    page.goto(site + "/quotes/")
    field = page.get_by_role("combobox", name="Speaker (any name or spelling)")
    field.press_sequentially("azer", delay=50)
    expect(page.get_by_role("listbox")).to_be_visible()
    field.press("ArrowDown")
    active = page.locator("#" + field.get_attribute("aria-activedescendant"))
    expect(active).to_have_attribute("aria-selected", "true")
    name = active.inner_text()
    field.press("Enter")
    expect(field).to_have_value(name)
    expect(page.get_by_role("listbox")).to_be_hidden()
    with page.expect_navigation():
        field.press("Enter")
    expect(page.locator(".quote-list > li").first).to_be_visible()
