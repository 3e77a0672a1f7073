"""Every version of every record is kept, shown with its changes, and can be restored."""

import pytest
from django.apps import apps
from django.urls import reverse

from clippings.history import deleted_records
from clippings.models import Article, Credit, Paragraph, Quote, Speaker, Update

from .factories import (
    ArticleFactory,
    CreditFactory,
    ParagraphFactory,
    QuoteFactory,
    TagFactory,
    UpdateFactory,
)
from .test_admin import field_data

pytestmark = pytest.mark.django_db


def test_a_save_from_code_is_recorded(karabakh):
    karabakh.headline = "A corrected headline"
    karabakh.save()
    latest = karabakh.history.latest()
    assert latest.history_type == "~"
    assert latest.headline == "A corrected headline"


def speaker_form_data(speaker, **changes):
    """The admin's change form of ``speaker`` (without aliases), posted with ``changes``."""
    fields = ["name", "slug", "kind", "role", "affiliation", "wikidata_id"]
    data = {field: getattr(speaker, field) for field in fields}
    return {**data, **changes, "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"}


def test_an_admin_edit_is_recorded_with_who_and_what(admin_client, admin_user, karabakh):
    speaker = Speaker.objects.get(slug="john-kerry")
    url = reverse("admin:clippings_speaker_change", args=[speaker.pk])
    response = admin_client.get(url)
    data = speaker_form_data(speaker, role="Former U.S. Secretary of State")
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


def archive_counts():
    """Row counts of every clipping table, history tables included."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_app_config("clippings").get_models(include_auto_created=True)
        if model._meta.managed  # not the quote search index, which the database keeps
    }


def first_message(response):
    return str(next(iter(response.context["messages"])))


def revert_form_data(client, url):
    form = client.get(url).context["adminform"].form
    data = {}
    for field in form:
        data.update(field_data(field))
    return data


@pytest.mark.parametrize("model", [Article, Quote], ids=lambda model: model.__name__)
def test_reverting_a_deleted_record_from_its_history_is_refused_for_the_deleted_page(
    admin_client, karabakh, model
):
    """A revert would save the clipping alone, without its updates, paragraphs and quotes."""
    obj = karabakh if model is Article else Quote.objects.get(speaker__slug="john-kerry")
    pk = obj.pk
    version = obj.history.earliest()
    obj.delete()
    opts = model._meta
    url = reverse(
        f"admin:clippings_{opts.model_name}_simple_history", args=[pk, version.history_id]
    )
    page = admin_client.get(url)
    assert page.context["revert_disabled"]
    before = archive_counts()

    response = admin_client.post(url, revert_form_data(admin_client, url), follow=True)

    deleted_url = reverse(f"admin:clippings_{opts.model_name}_deleted")
    assert response.redirect_chain == [(deleted_url, 302)]
    assert first_message(response).startswith(
        f"This {opts.verbose_name} was deleted, so it cannot be reverted. Restore it from "
        f'<a href="{deleted_url}">Deleted {opts.verbose_name_plural}</a>'
    )
    assert archive_counts() == before
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("model", [Update, Paragraph, Quote], ids=lambda model: model.__name__)
def test_a_part_of_a_deleted_clipping_is_not_restored_alone_and_says_to_restore_the_clipping(
    admin_client, karabakh, model
):
    headline = karabakh.headline
    karabakh.delete()
    record = deleted_records(model).first()
    url = reverse(f"admin:clippings_{model._meta.model_name}_deleted")
    before = archive_counts()

    response = admin_client.post(url, {"history_id": record.history_id})

    assert response.status_code == 200
    assert first_message(response).endswith(
        f"cannot be restored: its article “{headline}” was deleted. Restore the article first, "
        "from Deleted articles (what was deleted with it comes back too)."
    )
    assert archive_counts() == before


def test_the_deleted_paragraphs_page_names_paragraphs_whose_update_is_gone(admin_client, karabakh):
    karabakh.delete()
    page = admin_client.get(reverse("admin:clippings_paragraph_deleted"))
    assert page.status_code == 200
    record = deleted_records(Paragraph).filter(update__isnull=False).first()
    assert f"Paragraph #{record.id}" in page.content.decode()


def test_a_deleted_update_comes_back_with_its_paragraphs(admin_client):
    update = UpdateFactory()
    texts = {"First paragraph of the update.", "Second paragraph of the update."}
    for text in texts:
        ParagraphFactory(article=update.article, update=update, text=text)
    pk = update.pk
    response = admin_client.post(
        reverse("admin:clippings_update_delete", args=[pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Paragraph.objects.filter(text__in=texts).exists()
    record = Update.history.get(history_type="-")

    response = admin_client.post(
        reverse("admin:clippings_update_deleted"), {"history_id": record.history_id}
    )

    assert response.status_code == 302
    assert set(Paragraph.objects.filter(update_id=pk).values_list("text", flat=True)) == texts


def test_a_deleted_clipping_whose_slug_was_taken_since_is_refused_with_a_message(
    admin_client, karabakh
):
    slug = karabakh.slug
    karabakh.delete()
    ArticleFactory(slug=slug)
    record = Article.history.get(history_type="-")
    before = archive_counts()

    response = admin_client.post(
        reverse("admin:clippings_article_deleted"), {"history_id": record.history_id}
    )

    assert response.status_code == 200
    assert first_message(response) == "Article with this Slug already exists."
    assert archive_counts() == before


def parts_of(article):
    """The primary keys of an article's credits, updates, paragraphs and quotes, and its tags."""
    return {
        "credits": set(article.credits.values_list("pk", flat=True)),
        "updates": set(article.updates.values_list("pk", flat=True)),
        "paragraphs": set(article.paragraphs.values_list("pk", flat=True)),
        "quotes": set(article.quotes.values_list("pk", flat=True)),
        "tags": set(article.tags.values_list("pk", flat=True)),
    }


def restore_from_deleted_page(client, model, pk):
    record = deleted_records(model).get(**{model._meta.pk.attname: pk})
    url = reverse(f"admin:clippings_{model._meta.model_name}_deleted")
    return client.post(url, {"history_id": record.history_id})


def delete_one_after_the_other(client, articles):
    for article in articles:
        url = reverse("admin:clippings_article_delete", args=[article.pk])
        assert client.post(url, {"post": "yes"}).status_code == 302


def delete_together(client, articles):
    data = {
        "action": "delete_selected",
        "post": "yes",
        "_selected_action": [article.pk for article in articles],
    }
    assert client.post(reverse("admin:clippings_article_changelist"), data).status_code == 302


def a_clipping():
    """An article with a credit, a tag, an update with a paragraph, and a quoted paragraph."""
    article = ArticleFactory()
    CreditFactory(article=article)
    article.tags.add(TagFactory())
    ParagraphFactory(article=article, update=UpdateFactory(article=article), text="Later news.")
    QuoteFactory(paragraph=ParagraphFactory(article=article))
    return article


@pytest.mark.parametrize("delete", [delete_one_after_the_other, delete_together])
def test_two_clippings_deleted_within_a_minute_are_restored_each_with_exactly_its_own_parts(
    admin_client, delete
):
    first, second = a_clipping(), a_clipping()
    parts = {article.pk: parts_of(article) for article in (first, second)}
    delete(admin_client, [first, second])
    assert not Article.objects.exists()
    assert not Paragraph.objects.exists()

    assert restore_from_deleted_page(admin_client, Article, first.pk).status_code == 302

    assert parts_of(Article.objects.get()) == parts[first.pk]
    assert set(Paragraph.objects.values_list("pk", flat=True)) == parts[first.pk]["paragraphs"]
    assert set(Quote.objects.values_list("pk", flat=True)) == parts[first.pk]["quotes"]

    assert restore_from_deleted_page(admin_client, Article, second.pk).status_code == 302

    assert {article.pk: parts_of(article) for article in Article.objects.all()} == parts


def test_a_paragraph_deleted_on_its_own_before_its_clipping_does_not_come_back_with_it(
    admin_client, karabakh
):
    paragraph = karabakh.paragraphs.filter(quotes__isnull=True).first()
    url = reverse("admin:clippings_paragraph_delete", args=[paragraph.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    parts = parts_of(karabakh)
    delete_one_after_the_other(admin_client, [karabakh])

    assert restore_from_deleted_page(admin_client, Article, karabakh.pk).status_code == 302

    assert parts_of(karabakh) == parts
    assert not Paragraph.objects.filter(pk=paragraph.pk).exists()
    assert restore_from_deleted_page(admin_client, Paragraph, paragraph.pk).status_code == 302
    assert Paragraph.objects.get(pk=paragraph.pk).text == paragraph.text


def test_an_update_deleted_on_its_own_before_its_clipping_does_not_come_back_with_it(
    admin_client, clipping
):
    update = clipping.updates.get()
    url = reverse("admin:clippings_update_delete", args=[update.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    parts = parts_of(clipping)
    delete_one_after_the_other(admin_client, [clipping])

    assert restore_from_deleted_page(admin_client, Article, clipping.pk).status_code == 302

    assert parts_of(clipping) == parts
    assert not clipping.updates.exists()


def test_a_clipping_deleted_before_deletions_were_told_apart_comes_back_with_its_parts(
    admin_client, karabakh
):
    """Deletion records without a change reason naming their deletion: the parts deleted
    within a minute of the clipping are the ones deleted with it."""
    pk, parts = karabakh.pk, parts_of(karabakh)
    karabakh.delete()
    for model in (Article, Credit, Update, Paragraph, Quote):
        model.history.filter(history_type="-").update(history_change_reason=None)

    assert restore_from_deleted_page(admin_client, Article, pk).status_code == 302

    assert parts_of(Article.objects.get(pk=pk)) == parts
