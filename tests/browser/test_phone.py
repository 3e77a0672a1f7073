"""On a phone (390 CSS pixels wide) every public page fits the screen: nothing makes the
reader scroll sideways."""

import re

from playwright.sync_api import expect

from .conftest import SLUG

PHONE = {"width": 390, "height": 844}
PAGES = [
    "/",
    "/?q=karabakh",
    f"/articles/{SLUG}/",
    f"/articles/{SLUG}/versions/update-1/",
    f"/articles/{SLUG}/evolution/",
    f"/articles/{SLUG}/evolution/?view=side",
    "/quotes/?speaker=azeri+defence+ministry",
    "/speakers/",
    "/speakers/vladimir-putin/",
    "/sources/interfax/",
    "/tags/nagorno-karabakh/",
    "/feeds/about/",
    "/changes/",
    "/no-such-page/",
]


def test_every_public_page_fits_a_390_pixel_phone(page, site, screenshot, subtests):
    page.set_viewport_size(PHONE)
    for path in PAGES:
        with subtests.test(path=path):
            page.goto(site + path)
            width = page.evaluate("document.scrollingElement.scrollWidth")
            shown = re.sub(r"[^a-z0-9]+", "-", path.replace(SLUG, "clipping")).strip("-")
            screenshot(f"phone-{shown or 'index'}")
            assert width <= PHONE["width"], f"{path} is {width} px wide on a 390 px phone"


def test_on_a_phone_the_filters_fold_away_until_asked_for(page, site, screenshot):
    page.set_viewport_size(PHONE)
    page.goto(site + "/quotes/?speaker=azeri+defence+ministry")
    speaker = page.get_by_label("Speaker (any name or spelling)")
    expect(speaker).to_be_hidden()
    toggle = page.locator(".filters-fold > summary")
    expect(toggle).to_have_text("Filters (1 set)")
    expect(page.locator(".quote-list > li").first).to_be_in_viewport()
    screenshot("phone-filters-folded", full_page=False)

    toggle.click()
    expect(speaker).to_be_visible()
    expect(speaker).to_have_value("azeri defence ministry")
    screenshot("phone-filters-open", full_page=False)


def test_on_a_phone_a_filter_in_error_is_shown_open(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/speakers/?kind=robot")
    expect(page.get_by_label("Kind")).to_be_visible()


def test_on_a_wide_screen_the_filters_are_open_without_a_toggle(page, site):
    page.goto(site + "/speakers/")
    expect(page.get_by_label("Order")).to_be_visible()
    expect(page.locator(".filters-fold > summary")).to_be_hidden()
