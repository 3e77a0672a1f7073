"""The clipping's admin page in Chromium: it fits a laptop's window, shows each paragraph whole,
folds quotes to a line, and turns words selected in a paragraph into a quote."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from clippings.models import Article, Quote, Speaker

from .conftest import SLUG

PASSWORD = "a long test password"


@pytest.fixture
def clipping_page(page, site):
    """The seed clipping's change page, opened by a logged-in superuser."""
    User.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    article = Article.objects.get(slug=SLUG)
    page.goto(f"{site}/admin/login/?next=/admin/clippings/article/{article.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**/admin/clippings/article/{article.pk}/change/")
    expect(page.locator("#paragraphs-group")).to_be_visible()
    return page


def test_the_clipping_page_fits_a_1280_pixel_window(clipping_page, screenshot):
    width = clipping_page.evaluate("document.scrollingElement.scrollWidth")
    screenshot("admin-clipping-page")

    assert clipping_page.viewport_size["width"] == 1280
    assert width <= 1280


def test_each_paragraph_shows_its_whole_text(clipping_page):
    texts = clipping_page.locator("#paragraphs-group .inline-related:not(.empty-form) textarea")
    expect(texts).to_have_count(Article.objects.get(slug=SLUG).paragraphs.count())

    hidden = clipping_page.evaluate(
        """() => [...document.querySelectorAll('#paragraphs-group textarea.paragraph-text')]
            .filter((t) => t.closest('.empty-form') === null)
            .filter((t) => t.scrollHeight > t.clientHeight + 2).length"""
    )
    assert hidden == 0


def test_a_quote_is_a_line_that_opens_with_the_keyboard(clipping_page):
    quote = Quote.objects.select_related("speaker", "paragraph").get(
        article__slug=SLUG, anchor="q1"
    )
    summary = clipping_page.locator("#quotes-0 summary")
    words = clipping_page.locator("#id_quotes-0-words")
    expect(summary).to_contain_text(quote.speaker.name)
    expect(words).to_be_hidden()
    line_height = summary.bounding_box()["height"]
    assert line_height < 40

    summary.focus()
    clipping_page.keyboard.press("Enter")

    expect(words).to_be_visible()
    expect(words).to_have_value(quote.words)
    expect(clipping_page.locator("#quotes-0 .paragraph-anchor-text")).to_be_visible()
    expect(clipping_page.locator("#quotes-0 .paragraph-anchor-text")).to_contain_text(
        f"{quote.paragraph.anchor} — "
    )


def test_selected_words_of_a_paragraph_start_a_quote_that_saves(clipping_page):
    row = clipping_page.locator("#paragraphs-group .inline-related").filter(
        has=clipping_page.locator(".part-anchor", has_text="p9")
    )
    text = row.locator("textarea")
    paragraph_text = text.input_value()
    words = "Armenian President Serzh Sarksyan"
    start = paragraph_text.index(words)
    text.evaluate(
        "(area, [start, end]) => { area.focus(); area.setSelectionRange(start, end); }",
        [start, start + len(words)],
    )

    row.locator(".quote-selection").click()

    row = clipping_page.locator("#quotes-group .inline-related.dynamic-quotes").last
    expect(row.locator("textarea[name$='-words']")).to_have_value(words)
    expect(row.locator("input[name$='-paragraph']")).to_have_value("p9")
    expect(row.locator(".paragraph-anchor-text")).to_contain_text("p9 — Armenia’s government")
    speaker = Speaker.objects.get(name="Serzh Sarksyan")
    row.locator("select[name$='-speaker']").evaluate(
        "(select, [value, label]) => select.add(new Option(label, value, true, true))",
        [str(speaker.pk), speaker.name],
    )
    clipping_page.locator("input[name=_continue]").first.click()

    expect(clipping_page.locator(".messagelist .success")).to_be_visible()
    assert Quote.objects.filter(
        article__slug=SLUG, paragraph__anchor="p9", words=words, speaker=speaker
    ).exists()


def test_words_selected_in_a_new_paragraph_name_it_as_new(clipping_page):
    clipping_page.locator("#paragraphs-group .add-row a").click()
    text = clipping_page.locator("#id_paragraphs-25-text")
    text.fill("The ministry said “a ceasefire holds”.")
    text.evaluate("(area) => { area.focus(); area.setSelectionRange(19, 36); }")

    clipping_page.locator("#paragraphs-25 .quote-selection").click()

    row = clipping_page.locator("#quotes-group .inline-related.dynamic-quotes").last
    expect(row.locator("textarea[name$='-words']")).to_have_value("a ceasefire holds")
    expect(row.locator("input[name$='-paragraph']")).to_have_value("new 1")


def test_quote_selection_without_a_selection_says_what_to_do(clipping_page):
    clipping_page.locator("#paragraphs-0 .quote-selection").click()

    expect(clipping_page.locator("#paragraphs-0 .quote-selection-note")).to_contain_text(
        "Select the quoted words"
    )
