"""Two editors, one record: a save from a page opened before the other's save is held back."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

from clippings.edit_conflicts import VERSION_FIELD
from clippings.models import Article, Quote
from tests.factories import (
    ArticleFactory,
    CreditFactory,
    ParagraphFactory,
    QuoteFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TagFactory,
    UpdateFactory,
)
from tests.test_admin import change_url, submitted

pytestmark = pytest.mark.django_db


def staff(username, role):
    """A logged-in client of a staff user with ``role``."""
    user = User.objects.create_user(username=username, password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice(db):
    call_command("setup_roles", verbosity=0)
    return staff("alice", "Editor")


@pytest.fixture
def bob(alice):
    return staff("bob", "Editor")


@pytest.fixture
def article(db):
    """An article with a paragraph in its original post and a quote from it.

    Clipped at a whole second, as the admin's date and time fields keep it.
    """
    article = ArticleFactory(
        headline="Karabakh clashes continue",
        published_on=datetime.date(2016, 4, 2),
        clipped_at=datetime.datetime(2016, 4, 5, 9, 30, tzinfo=datetime.UTC),
    )
    paragraph = ParagraphFactory(
        article=article, text="The defence ministry said the army had “liberated heights”."
    )
    QuoteFactory(paragraph=paragraph, words="liberated heights")
    return article


def page_text(response):
    """The page's text without tags, whitespace collapsed, as a reader sees it."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def conflict_shown(response):
    return response.context["adminform"].form.edit_conflict


# One article, two editors


def test_a_stale_save_is_refused_and_shows_the_headline_saved_since(alice, bob, article):
    url = change_url(article)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    alices_page["headline"] = "Ceasefire holds in Karabakh"
    assert alice.post(url, alices_page).status_code == 302

    bobs_page["filed_under_as_printed"] = "Armenia, Azerbaijan"
    response = bob.post(url, bobs_page)

    assert response.status_code == 200
    assert conflict_shown(response)
    text = page_text(response)
    assert "Article “Ceasefire holds in Karabakh” changed by alice" in text
    assert "Headline : was “Karabakh clashes continue”, now “Ceasefire holds in Karabakh”" in text
    assert "nothing you entered has been saved" in text
    assert response.context["adminform"].form["filed_under_as_printed"].value() == (
        "Armenia, Azerbaijan"
    )
    article.refresh_from_db()
    assert article.headline == "Ceasefire holds in Karabakh"
    assert article.filed_under_as_printed == ""


def test_saving_again_after_a_conflict_saves_what_the_page_shows(alice, bob, article):
    url = change_url(article)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    alices_page["headline"] = "Ceasefire holds in Karabakh"
    alice.post(url, alices_page)
    bobs_page["filed_under_as_printed"] = "Armenia, Azerbaijan"
    refused = bob.post(url, bobs_page)

    response = bob.post(url, submitted(refused))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.filed_under_as_printed == "Armenia, Azerbaijan"
    assert article.headline == "Karabakh clashes continue"
    assert article.history.latest().history_user.username == "bob"


def test_an_inline_paragraph_saved_since_holds_back_a_headline_change(alice, bob, article):
    url = change_url(article)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    alices_page["paragraphs-0-text"] = "The ministry said the army had “liberated heights” at dawn."
    assert alice.post(url, alices_page).status_code == 302

    bobs_page["headline"] = "Karabakh: heights taken"
    response = bob.post(url, bobs_page)

    assert response.status_code == 200
    text = page_text(response)
    assert "Paragraph “¶p1 (Original post): The ministry said" in text
    assert "changed by alice" in text
    assert "was “The defence ministry said" in text
    assert "now “The ministry said the army had “liberated heights” at dawn.”" in text
    article.refresh_from_db()
    assert article.headline == "Karabakh clashes continue"
    again = bob.post(url, submitted(response))
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Karabakh: heights taken"
    assert article.paragraphs.get().text.startswith("The defence ministry said")


def test_a_quote_added_since_holds_back_a_save(alice, bob, article):
    url = change_url(article)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    paragraph = article.paragraphs.get()
    alices_page.update(
        {
            "quotes-TOTAL_FORMS": "2",
            "quotes-1-paragraph": paragraph.anchor,
            "quotes-1-words": "the army",
            "quotes-1-kind": Quote.Kind.PARTIAL,
            "quotes-1-speaker": str(SpeakerFactory(name="Defence Ministry").pk),
            "quotes-1-channel": Quote.Channel.STATEMENT,
        }
    )
    assert alice.post(url, alices_page).status_code == 302

    bobs_page["headline"] = "Karabakh: heights taken"
    response = bob.post(url, bobs_page)

    assert response.status_code == 200
    assert "Quote “Defence Ministry: “the army”” added by alice" in page_text(response)
    article.refresh_from_db()
    assert article.headline == "Karabakh clashes continue"


def test_a_quote_deleted_since_holds_back_a_save_and_leaves_the_page(alice, bob, article):
    archivist = staff("carol", "Archivist")
    url = change_url(article)
    carols_page = submitted(archivist.get(url))
    bobs_page = submitted(bob.get(url))
    carols_page["quotes-0-DELETE"] = "on"
    assert archivist.post(url, carols_page).status_code == 302
    assert not article.quotes.exists()

    bobs_page["headline"] = "Karabakh: heights taken"
    response = bob.post(url, bobs_page)

    assert response.status_code == 200
    assert "liberated heights”” deleted by carol" in page_text(response)
    article.refresh_from_db()
    assert article.headline == "Karabakh clashes continue"
    quotes_on_page = response.context["inline_admin_formsets"][3].formset
    assert quotes_on_page.model is Quote
    assert not quotes_on_page.forms
    assert bob.post(url, submitted(response)).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Karabakh: heights taken"
    assert not article.quotes.exists()


def test_tags_credits_and_updates_saved_since_are_listed(alice, bob, article):
    url = change_url(article)
    bobs_page = submitted(bob.get(url))
    article.tags.add(TagFactory(name="ceasefire"))
    CreditFactory(article=article, name_as_printed="RT.COM")
    UpdateFactory(article=article, label="Update Sunday 03/04/2016")

    response = bob.post(url, bobs_page)

    assert response.status_code == 200
    changes = {(c.kind, c.action) for c in conflict_shown(response).changes}
    assert changes == {("article", "changed"), ("credit", "added"), ("update", "added")}
    text = page_text(response)
    assert "Tags : was “[]”, now “[ceasefire]”" in text
    assert "by a command or script" in text


def test_a_paragraph_changed_on_its_own_page_holds_back_the_article_page(alice, bob, article):
    paragraph = article.paragraphs.get()
    bobs_page = submitted(bob.get(change_url(article)))
    alices_page = submitted(alice.get(change_url(paragraph)))
    alices_page["position"] = "5"
    assert alice.post(change_url(paragraph), alices_page).status_code == 302

    response = bob.post(change_url(article), bobs_page)

    assert response.status_code == 200
    assert "Position : was “0”, now “5”" in page_text(response)


# Any record, and when there is no conflict


def test_a_speaker_edited_by_two_editors_holds_back_the_second(alice, bob):
    speaker = SpeakerFactory(name="John Kerry", role="U.S. Secretary of State")
    SpeakerAliasFactory(speaker=speaker, name="Kerry")
    url = change_url(speaker)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    alices_page["role"] = "Former U.S. Secretary of State"
    assert alice.post(url, alices_page).status_code == 302

    bobs_page["affiliation"] = "United States"
    response = bob.post(url, bobs_page)

    assert response.status_code == 200
    text = page_text(response)
    assert "Speaker “John Kerry” changed by alice" in text
    assert "Role : was “U.S. Secretary of State”, now “Former U.S. Secretary of State”" in text
    speaker.refresh_from_db()
    assert (speaker.role, speaker.affiliation) == ("Former U.S. Secretary of State", "Ruritania")
    assert bob.post(url, submitted(response)).status_code == 302
    speaker.refresh_from_db()
    assert (speaker.role, speaker.affiliation) == ("U.S. Secretary of State", "United States")


def test_a_speakers_alias_added_since_holds_back_a_save(alice, bob):
    speaker = SpeakerFactory(name="John Kerry")
    url = change_url(speaker)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    alices_page.update({"aliases-TOTAL_FORMS": "1", "aliases-0-name": "J. Kerry"})
    assert alice.post(url, alices_page).status_code == 302

    response = bob.post(url, bobs_page)

    assert response.status_code == 200
    assert "Speaker alias “J. Kerry” added by alice" in page_text(response)


def test_a_save_with_nobody_else_saving_in_between_goes_through(bob, article):
    url = change_url(article)
    page = submitted(bob.get(url))
    page["filed_under_as_printed"] = "Armenia, Azerbaijan"

    response = bob.post(url, page)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.filed_under_as_printed == "Armenia, Azerbaijan"
    logged = LogEntry.objects.get().get_change_message()
    assert "Filed under (as printed)" in logged
    assert "version" not in logged


def test_a_save_that_changed_nothing_in_between_is_no_conflict(alice, bob, article):
    url = change_url(article)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    assert alice.post(url, alices_page).status_code == 302

    bobs_page["filed_under_as_printed"] = "Armenia, Azerbaijan"

    assert bob.post(url, bobs_page).status_code == 302


def test_a_post_without_the_opened_version_is_not_checked(alice, bob, article):
    url = change_url(article)
    alices_page = submitted(alice.get(url))
    bobs_page = submitted(bob.get(url))
    alices_page["headline"] = "Ceasefire holds in Karabakh"
    alice.post(url, alices_page)
    del bobs_page[VERSION_FIELD]
    bobs_page["filed_under_as_printed"] = "Armenia, Azerbaijan"

    assert bob.post(url, bobs_page).status_code == 302


@pytest.mark.parametrize("version", ["not-a-version", "5-0.0-0.0-1.1-2.2"])
def test_a_version_the_archive_never_gave_holds_back_a_save_and_names_the_history(
    bob, article, version
):
    url = change_url(article)
    page = submitted(bob.get(url))
    page.update({VERSION_FIELD: version, "headline": "Karabakh: heights taken"})

    response = bob.post(url, page)

    assert response.status_code == 200
    assert "the history lists every version" in page_text(response)
    article.refresh_from_db()
    assert article.headline == "Karabakh clashes continue"
    assert bob.post(url, submitted(response)).status_code == 302


@pytest.mark.parametrize(
    "model",
    [model for model in admin.site._registry if model._meta.app_label == "clippings"],
    ids=lambda model: model.__name__,
)
def test_every_change_page_carries_the_version_it_was_opened_on(alice, article, model):
    UpdateFactory(article=article)
    CreditFactory(article=article)
    SpeakerAliasFactory()
    article.tags.add(TagFactory())
    obj = model._default_manager.first()

    response = alice.get(change_url(obj))

    version = response.context["adminform"].form[VERSION_FIELD].value()
    assert version
    assert f'<input type="hidden" name="{VERSION_FIELD}" value="{version}"' in (
        response.content.decode()
    )


def test_the_article_add_page_has_no_version(alice):
    response = alice.get("/admin/clippings/article/add/")

    assert VERSION_FIELD not in response.context["adminform"].form.fields
    assert Article.objects.count() == 0
