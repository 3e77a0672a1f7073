"""Every version of every record is kept, shown with its changes, and can be restored."""

import pytest
from django.urls import reverse

from clippings.models import Article, Paragraph, Quote, Speaker

from .test_admin import field_data

pytestmark = pytest.mark.django_db


def test_a_save_from_code_is_recorded(karabakh):
    karabakh.headline = "A corrected headline"
    karabakh.save()
    latest = karabakh.history.latest()
    assert latest.history_type == "~"
    assert latest.headline == "A corrected headline"


def test_an_admin_edit_is_recorded_with_who_and_what(admin_client, admin_user, karabakh):
    speaker = Speaker.objects.get(slug="john-kerry")
    url = reverse("admin:clippings_speaker_change", args=[speaker.pk])
    response = admin_client.get(url)
    data = {
        "name": speaker.name,
        "slug": speaker.slug,
        "kind": speaker.kind,
        "role": "Former U.S. Secretary of State",
        "affiliation": speaker.affiliation,
        "wikidata_id": speaker.wikidata_id,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    assert response.status_code == 200
    assert admin_client.post(url, data).status_code == 302
    record = speaker.history.latest()
    assert record.history_user == admin_user
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("role", "U.S. Secretary of State", "Former U.S. Secretary of State")
    ]
    history = admin_client.get(reverse("admin:clippings_speaker_history", args=[speaker.pk]))
    html = history.content.decode()
    assert "Former U.S. Secretary of State" in html
    assert "U.S. Secretary of State" in html


def test_reverting_to_an_earlier_version_restores_it_as_a_new_version(admin_client, karabakh):
    original = karabakh.headline
    karabakh.headline = "A wrong headline"
    karabakh.save()
    first = karabakh.history.earliest()
    url = reverse("admin:clippings_article_simple_history", args=[karabakh.pk, first.history_id])
    form = admin_client.get(url).context["adminform"].form
    data = {}
    for field in form:
        data.update(field_data(field))
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    karabakh.refresh_from_db()
    assert karabakh.headline == original
    assert karabakh.history.latest().headline == original
    assert karabakh.history.filter(headline="A wrong headline").exists()


def test_a_deleted_clipping_is_recorded_and_restored_with_all_its_parts(admin_client, karabakh):
    counts = {m: m.objects.count() for m in (Paragraph, Quote)}
    tags = set(karabakh.tags.values_list("slug", flat=True))
    karabakh.delete()
    assert not Article.objects.exists()
    deleted_url = reverse("admin:clippings_article_deleted")
    page = admin_client.get(deleted_url).content.decode()
    assert "Armenia-Azerbaijan Karabakh Conflict Escalates" in page
    record = Article.history.filter(history_type="-").get()
    response = admin_client.post(deleted_url, {"history_id": record.history_id})
    assert response.status_code == 302
    restored = Article.objects.get(slug=karabakh.slug)
    assert {m: m.objects.count() for m in (Paragraph, Quote)} == counts
    assert set(restored.tags.values_list("slug", flat=True)) == tags
    assert restored.history.filter(history_type="+", history_date__gt=record.history_date).exists()
    assert "No deleted articles to restore." in admin_client.get(deleted_url).content.decode()


def test_a_deleted_quote_is_restored_on_its_own(admin_client, karabakh):
    quote = Quote.objects.get(speaker__slug="john-kerry")
    pk = quote.pk
    quote.delete()
    url = reverse("admin:clippings_quote_deleted")
    record = Quote.history.filter(history_type="-").get()
    admin_client.post(url, {"history_id": record.history_id})
    assert Quote.objects.get(pk=pk).words == quote.words
