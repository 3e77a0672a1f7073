"""The admin's quote list in Chromium: a speaker to filter by is typed, then chosen."""

from django.contrib.auth.models import User
from playwright.sync_api import expect

from clippings.models import Quote, Speaker

PASSWORD = "a long test password"


def test_typing_a_speakers_name_in_the_filter_lists_only_their_quotes(page, site):
    User.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    speaker = Speaker.objects.filter(quotes__isnull=False).distinct().order_by("name").last()
    theirs = Quote.objects.filter(speaker=speaker).count()
    assert 0 < theirs < Quote.objects.count()
    page.goto(f"{site}/admin/login/?next=/admin/clippings/quote/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    page.locator("form.autocomplete-filter .select2-selection").click()
    page.locator(".select2-search__field").fill(speaker.name[:6])
    page.locator(".select2-results__option", has_text=speaker.name).click()

    expect(page).to_have_url(f"{site}/admin/clippings/quote/?speaker__id__exact={speaker.pk}")
    expect(page.locator("#result_list tbody tr")).to_have_count(theirs)
