"""No text in the archive holds a character that a page or a feed cannot carry.

Control characters (but line breaks and tabs) and bidirectional overrides are refused by the
admin, the importer and code alike; a row stored around those rules still never breaks a
public page, and ``check_archive`` names it.
"""

from io import StringIO

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from clippings.models import Article, Paragraph, Quote, Source, Speaker
from tests.test_admin import change_url, submitted
from tests.test_fuzz import PUBLIC_URLS

pytestmark = pytest.mark.django_db

FORBIDDEN = ["\x00", "\x01", "\x1b", "\x7f", "\u202e", "\u2066"]


@pytest.mark.parametrize("character", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_admin_refuses_a_headline_with_an_invisible_character_and_saves_nothing(
    admin_client, karabakh, character
):
    url = change_url(karabakh)
    data = submitted(admin_client.get(url))
    data["headline"] = f"Karabakh{character} clashes"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["headline"]
    assert errors
    if character != "\x00":  # Django's own form field names a NUL first
        assert f"U+{ord(character):04X}" in " ".join(errors)
    karabakh.refresh_from_db()
    assert character not in karabakh.headline


def test_admin_keeps_line_breaks_as_line_feeds(admin_client, karabakh):
    speaker = Speaker.objects.get(slug="john-kerry")
    url = change_url(speaker)
    data = submitted(admin_client.get(url))
    data["role"] = "U.S. Secretary of State\r\n(2013-2017)"
    assert admin_client.post(url, data).status_code == 302
    speaker.refresh_from_db()
    assert speaker.role == "U.S. Secretary of State\n(2013-2017)"


def test_saving_from_code_refuses_a_bidirectional_override(karabakh):
    quote = Quote.objects.filter(article=karabakh).first()
    quote.speaker_as_printed = "Kerry\u202e"
    with pytest.raises(ValidationError) as refused:
        quote.save()
    assert "U+202E" in str(refused.value.message_dict["speaker_as_printed"])
    assert not Quote.objects.filter(speaker_as_printed__contains="\u202e").exists()


def test_a_paragraph_longer_than_any_field_holds_is_refused(karabakh):
    paragraph = Paragraph.objects.filter(article=karabakh).first()
    paragraph.text += " More words." * 2000
    with pytest.raises(ValidationError, match="at most 20,000"):
        paragraph.full_clean()


def test_import_refuses_a_control_character_in_a_headline(karabakh, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '[{"model": "clippings.tag", "fields": {"name": "bell\\u0007", "slug": "bell"}}]'
    )
    with pytest.raises(CommandError, match=r"Nothing imported\. .*name: .*U\+0007"):
        call_command("import_clippings", str(path), stdout=StringIO())


@pytest.fixture
def stored_around_the_rules(karabakh):
    """Invisible characters written with ``update()``, as raw SQL or an old bug would."""
    Article.objects.filter(pk=karabakh.pk).update(headline="Karabakh\x01 clashes\u202e")
    Paragraph.objects.filter(pk=Paragraph.objects.filter(article=karabakh).first().pk).update(
        text="A bell\x07 rang."
    )
    tag = karabakh.tags.first()
    type(tag).objects.filter(pk=tag.pk).update(name=f"{tag.name}\x0b")
    Speaker.objects.filter(slug="john-kerry").update(role="Secretary\x1f of State")
    return karabakh


def test_feed_still_answers_with_valid_atom_when_stored_text_breaks_the_rules(
    client, stored_around_the_rules
):
    response = client.get(reverse("clippings:feed"))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert "Karabakh\ufffd clashes\ufffd" in titles


@pytest.mark.parametrize("path", PUBLIC_URLS)
def test_no_public_page_fails_on_stored_text_that_breaks_the_rules(
    client, stored_around_the_rules, path
):
    assert client.get(path).status_code == 200


def test_check_archive_names_each_field_that_breaks_the_rules(stored_around_the_rules):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_archive", stdout=out)
    output = out.getvalue()
    slug = stored_around_the_rules.slug
    assert f"Article {slug}: its headline: Remove the invisible character U+0001" in output
    assert f"Paragraph {slug}#p1: its text: Remove the invisible character U+0007" in output
    assert "Speaker john-kerry: its role: Remove the invisible character U+001F" in output
    assert ": its name: Remove the invisible character U+000B" in output


def test_import_keeps_line_breaks_as_line_feeds_as_the_admin_does(karabakh, tmp_path):
    path = tmp_path / "source.json"
    path.write_text(
        '[{"model": "clippings.source", "fields": {"name": "Wire", "slug": "wire", '
        '"kind": "website", "description": "First line.\\r\\nSecond line."}}]'
    )
    call_command("import_clippings", str(path), stdout=StringIO())
    assert Source.objects.get(slug="wire").description == "First line.\nSecond line."
