"""The editor's desk: the clipping's admin page stays quick and compact, names paragraphs by
anchor, adds a quote in the same save as its paragraph, and shows one history timeline."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clippings.capture.captures import capture_record
from clippings.models import Article, Paragraph, Quote
from tests import factories
from tests.test_admin import admin_url, change_url, submitted

pytestmark = pytest.mark.django_db


def page_size_and_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(queries)


def clipping_with(count):
    """A clipping of ``count`` paragraphs in an update, each with a quote by its own speaker
    relayed by another through an outlet, and a credit: every kind of select the page shows,
    on each row, and every record a row's name reads."""
    article = factories.ArticleFactory(published_on=datetime.date(2016, 4, 2))
    factories.CreditFactory(article=article)
    update = factories.UpdateFactory(article=article, published_on=datetime.date(2016, 4, 3))
    for n in range(count):
        factories.QuoteFactory(
            paragraph=factories.ParagraphFactory(
                article=article, update=update, position=n, text=f"Fighting stopped on day {n}."
            ),
            words="Fighting stopped",
            speaker=factories.SpeakerFactory(),
            intermediary=factories.SpeakerFactory(),
            channel_source=factories.SourceFactory(),
        )
    return article


def test_the_clipping_page_reads_as_much_for_fifty_paragraphs_and_quotes_as_for_five(
    admin_client,
):
    few, many = clipping_with(5), clipping_with(50)
    admin_client.get(change_url(few))  # the session and content types, read once

    few_size, few_queries = page_size_and_queries(admin_client, change_url(few))
    many_size, many_queries = page_size_and_queries(admin_client, change_url(many))

    assert many_queries == few_queries
    # Each paragraph and quote adds its own rows, and no more: no list of every paragraph
    # or speaker in each row.
    assert (many_size - few_size) / 45 < 16_000


def test_a_viewer_reads_the_clipping_page_as_often_for_fifty_paragraphs_as_for_five(clipping):
    call_command("setup_roles", verbosity=0)
    few, many = clipping_with(5), clipping_with(50)
    later = factories.UpdateFactory(article=many, published_on=datetime.date(2016, 4, 4))
    for rewritten in many.paragraphs.all():
        factories.ParagraphFactory(article=many, update=later, replaces=rewritten, text="")
    client = viewer()
    client.get(change_url(few))

    _, few_queries = page_size_and_queries(client, change_url(few))
    _, many_queries = page_size_and_queries(client, change_url(many))

    assert many_queries == few_queries


def test_the_seed_clippings_page_is_a_few_hundred_kilobytes_in_a_few_queries(
    admin_client, karabakh
):
    admin_client.get(change_url(karabakh))

    size, queries = page_size_and_queries(admin_client, change_url(karabakh))

    assert size < 450_000
    assert queries < 25


def test_each_saved_quote_is_one_line_that_opens_to_edit_it(admin_client, karabakh):
    quote = karabakh.quotes.select_related("speaker").get(anchor="q1")

    html = admin_client.get(change_url(karabakh)).content.decode()

    folds = re.findall(r'<details class="part-fold"( open)?><summary[^>]*>(.*?)</summary>', html)
    closed = [summary for is_open, summary in folds if not is_open]
    assert len(closed) == karabakh.quotes.count()
    first = re.sub(r"<[^>]+>", " ", closed[0])
    assert "q1" in first
    assert quote.speaker.name in first
    assert quote.words.split()[0] in first
    assert "Reported speech" in first


def test_a_quotes_paragraph_is_offered_by_its_anchor_and_first_words(admin_client, karabakh):
    response = admin_client.get(change_url(karabakh))

    html = response.content.decode()
    p7 = karabakh.paragraphs.get(anchor="p7")
    assert f'<option value="p7">p7 — {p7.text[:20]}' in html
    assert 'list="paragraph-anchors"' in html
    quote = karabakh.quotes.get(anchor="q1")
    assert f'value="{quote.paragraph.anchor}" list="paragraph-anchors"' in html


def test_a_quote_naming_another_clippings_paragraph_is_refused(admin_client, clipping):
    elsewhere = factories.ParagraphFactory(text="The defence ministry said “liberated heights”.")
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["quotes-0-paragraph"] = elsewhere.anchor + "x"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "This clipping has no paragraph" in response.content.decode()


def new_rows(data, prefix, *rows):
    """``data`` with ``rows`` (dicts of field values) added to the ``prefix`` inline."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        data.update({f"{prefix}-{total + offset}-{name}": value for name, value in row.items()})
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    return data


def new_paragraph(text, **fields):
    return {"text": text, "kind": Paragraph.Kind.TEXT, "position": "5", **fields}


def new_quote(paragraph, words, speaker):
    return {
        "paragraph": paragraph,
        "words": words,
        "kind": Quote.Kind.FULL,
        "speaker": str(speaker.pk),
        "channel": Quote.Channel.STATEMENT,
    }


def test_a_quote_is_added_in_the_same_save_as_its_new_paragraph(admin_client, clipping):
    speaker = factories.SpeakerFactory(name="Serzh Sarksyan")
    url = change_url(clipping)
    data = new_rows(
        submitted(admin_client.get(url)),
        "paragraphs",
        new_paragraph("Sarksyan said the clashes were “the largest since 1994”."),
    )
    new_rows(data, "quotes", new_quote("new 1", "the largest since 1994", speaker))

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    quote = Quote.objects.get(speaker=speaker)
    assert quote.paragraph.text.startswith("Sarksyan said")
    assert quote.paragraph.article == clipping == quote.article


def test_a_new_clipping_is_saved_with_its_paragraph_and_quote_at_once(admin_client):
    speaker = factories.SpeakerFactory(name="Serzh Sarksyan")
    url = admin_url(Article, "add")
    data = {
        "headline": "Clashes in Karabakh",
        "slug": "clashes-in-karabakh",
        "status": Article.Status.DRAFT,
        "published_on": "02/04/2016",
        "clipped_at_0": "02/04/2016",
        "clipped_at_1": "12:00:00",
        "comment_count": "0",
    }
    for prefix in ("credits", "updates", "paragraphs", "quotes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    new_rows(data, "paragraphs", new_paragraph("Sarksyan spoke of “the largest clashes”."))
    new_rows(data, "quotes", new_quote("new 1", "the largest clashes", speaker))

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="clashes-in-karabakh")
    assert article.quotes.get().paragraph == article.paragraphs.get()


def test_a_quote_not_in_its_new_paragraph_saves_nothing(admin_client, clipping):
    speaker = factories.SpeakerFactory(name="Serzh Sarksyan")
    url = change_url(clipping)
    data = new_rows(
        submitted(admin_client.get(url)), "paragraphs", new_paragraph("Sarksyan said nothing.")
    )
    data["headline"] = "A headline that must not be saved"
    new_rows(data, "quotes", new_quote("new 1", "the largest since 1994", speaker))

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "do not appear verbatim" in response.content.decode()
    assert not Paragraph.objects.filter(text="Sarksyan said nothing.").exists()
    assert not Quote.objects.filter(speaker=speaker).exists()
    clipping.refresh_from_db()
    assert clipping.headline != "A headline that must not be saved"


@pytest.mark.parametrize("name", ["new 2", "new 0", "p99", "12"])
def test_a_quote_naming_no_paragraph_of_the_page_is_a_field_error(admin_client, clipping, name):
    url = change_url(clipping)
    data = new_rows(
        submitted(admin_client.get(url)), "paragraphs", new_paragraph("Words said here.")
    )
    new_rows(data, "quotes", new_quote(name, "Words said", factories.SpeakerFactory()))

    response = admin_client.post(url, data)

    assert response.status_code == 200
    quote_form = next(
        inline.formset.forms[-1]
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Quote
    )
    assert "paragraph" in quote_form.errors
    assert not Paragraph.objects.filter(text="Words said here.").exists()


def test_an_updates_new_headline_and_a_removed_paragraph_are_set_by_hand(admin_client, clipping):
    update = clipping.updates.get()
    removed = clipping.paragraphs.get(update=None)
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["updates-0-headline"] = "Karabakh: the fighting stops"
    new_rows(data, "paragraphs", new_paragraph("", update=str(update.pk), replaces=removed.anchor))

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    update.refresh_from_db()
    assert update.headline == "Karabakh: the fighting stops"
    removal = Paragraph.objects.get(replaces=removed)
    assert removal.is_removal
    assert removal.update == update


def test_a_paragraph_of_the_original_post_rewriting_another_is_refused_by_the_model(
    admin_client, clipping
):
    rewritten = clipping.paragraphs.get(update=None)
    url = change_url(clipping)
    data = new_rows(
        submitted(admin_client.get(url)),
        "paragraphs",
        new_paragraph("The army took the heights.", replaces=rewritten.anchor),
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Only a paragraph of an update can rewrite an earlier one." in (
        response.content.decode()
    )
    assert not Paragraph.objects.filter(replaces=rewritten).exists()


def test_the_history_shows_one_timeline_of_the_clipping_and_its_parts_with_who(
    admin_client, admin_user, clipping
):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["paragraphs-0-text"] += " The ministry confirmed it."
    data["quotes-0-words"] = "heights"
    assert admin_client.post(url, data).status_code == 302

    response = admin_client.get(admin_url(Article, "history", clipping.pk))

    timeline = response.context["timeline"]()
    changed = {(entry.kind, entry.action, entry.user) for entry in timeline if entry.user}
    assert ("paragraph", "changed", admin_user) in changed
    assert ("quote", "changed", admin_user) in changed
    kinds = {entry.kind for entry in timeline}
    assert {"article", "update", "paragraph", "quote", "credit"} <= kinds
    html = response.content.decode()
    assert 'id="clipping-timeline"' in html
    assert "Quote changed" in html
    assert admin_user.get_username() in html
    quote_change = next(e for e in timeline if e.kind == "quote" and e.action == "changed")
    assert quote_change.fields == ["words"]


def test_the_timeline_is_refused_to_staff_who_may_not_view_clippings(clipping):
    user = User.objects.create_user(username="guest", password="not-used", is_staff=True)
    client = Client()
    client.force_login(user)

    response = client.get(admin_url(Article, "history", clipping.pk))

    assert response.status_code == 403


def viewer():
    """A logged-in client of a staff user with the Viewer role (``setup_roles`` run)."""
    user = User.objects.create_user(username="vera", password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewer"))
    client = Client()
    client.force_login(user)
    return client


def test_a_viewer_reads_the_timeline(clipping):
    call_command("setup_roles", verbosity=0)

    response = viewer().get(admin_url(Article, "history", clipping.pk))

    assert response.status_code == 200
    assert "Everything that happened to this clipping" in response.content.decode()


def test_the_admin_is_titled_as_the_archive(admin_client):
    html = admin_client.get("/admin/").content.decode()

    assert "Clipping Archive administration" in html
    assert "Django administration" not in html
    assert "| Clipping Archive</title>" in html


def test_a_quotes_own_page_names_its_paragraph_by_an_anchor_of_its_clipping(admin_client, clipping):
    quote = clipping.quotes.get()
    other = factories.ParagraphFactory(article=clipping, text="They also “liberated heights”.")
    elsewhere = factories.ParagraphFactory(text="Elsewhere “liberated heights” too.")
    url = change_url(quote)
    data = submitted(admin_client.get(url))
    assert data["paragraph"] == quote.paragraph.anchor

    refused = admin_client.post(url, {**data, "paragraph": str(elsewhere.pk)})
    accepted = admin_client.post(url, {**data, "paragraph": other.anchor})

    assert "This clipping has no paragraph" in refused.content.decode()
    assert accepted.status_code == 302, accepted.context["errors"]
    quote.refresh_from_db()
    assert quote.paragraph == other


def test_the_timeline_names_a_fetched_page_of_the_clipping(admin_client):
    article = factories.ArticleFactory()
    capture = capture_record(article=article, page=factories.fetched_page())

    response = admin_client.get(admin_url(Article, "history", article.pk))

    assert response.status_code == 200
    entry = next(entry for entry in response.context["timeline"]() if entry.kind != "article")
    assert entry.action == "added"
    assert entry.name == str(capture)
