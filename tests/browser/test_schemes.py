"""The dark scheme that follows the system's setting, and the printed page: both keep WCAG
2.1 AA contrast, and a clipping prints as the article with its citation."""

from playwright.sync_api import expect

from .conftest import SLUG
from .test_accessibility import AXE_OPTIONS, describe

DARK_PAGES = [
    ("dark-index", "/?tag=nagorno-karabakh", 200),
    ("dark-clipping", f"/articles/{SLUG}/#p3", 200),
    ("dark-evolution", f"/articles/{SLUG}/evolution/", 200),
    ("dark-evolution-side-by-side", f"/articles/{SLUG}/evolution/?view=side", 200),
    ("dark-version", f"/articles/{SLUG}/versions/update-1/", 200),
    ("dark-quotes", "/quotes/?speaker=azeri+defence+ministry", 200),
    ("dark-quotes-words-marked", "/quotes/?q=helicopter", 200),
    ("dark-quotes-bad-filter", "/quotes/?kind=sarcastic", 400),
    ("dark-speakers", "/speakers/", 200),
    ("dark-source", "/sources/interfax/", 200),
    ("dark-changes", "/changes/", 200),
    ("dark-not-found", "/no-such-page/", 404),
]


def test_the_dark_scheme_follows_the_system_and_keeps_aa_contrast(
    page, site, axe, screenshot, subtests
):
    page.emulate_media(color_scheme="dark")
    for name, path, status in DARK_PAGES:
        with subtests.test(msg=name, path=path):
            response = page.goto(site + path)
            assert response.status == status
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(22, 22, 22)", f"{path} is not dark: {background}"
            screenshot(name)
            violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
            assert not violations, f"GET {path} (dark)\n{describe(violations)}"


def test_a_clipping_prints_as_the_article_with_its_citation(page, site, artifacts_dir):
    page.emulate_media(color_scheme="dark")  # a dark screen still prints black on white
    page.goto(f"{site}/articles/{SLUG}/")
    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Site")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#p3")).to_be_visible()
    expect(page.get_by_role("heading", name="Cite this clipping")).to_be_visible()
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    page.pdf(path=artifacts_dir / "clipping-print.pdf", format="A4")
