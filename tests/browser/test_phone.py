"""On a phone (390 CSS pixels wide) every public page fits the screen: nothing makes the
reader scroll sideways."""

import re

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
