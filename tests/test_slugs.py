"""Slugs are unique ignoring case, and a clipping's old links follow it when its slug changes."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from clippings.models import Article, Source, Speaker, Tag
from tests.factories import ArticleFactory, SourceFactory, SpeakerFactory, TagFactory
from tests.test_admin import admin_url, change_url, submitted

pytestmark = pytest.mark.django_db

SLUG = "armenia-azerbaijan-karabakh-conflict-escalates"


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (Article, ArticleFactory),
        (Speaker, SpeakerFactory),
        (Source, SourceFactory),
        (Tag, TagFactory),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_database_refuses_slugs_that_differ_only_in_case(model, factory):
    factory(slug="karabakh")
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(slug="Karabakh")
    assert list(model.objects.values_list("slug", flat=True)) == ["karabakh"]


def test_admin_names_the_slug_that_differs_only_in_case_from_another(admin_client, karabakh):
    other = ArticleFactory(slug="another-story")
    url = change_url(other)
    data = submitted(admin_client.get(url))
    data["slug"] = SLUG.upper()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "Another article has a slug that differs from this one only in case: choose another."
    ]
    other.refresh_from_db()
    assert other.slug == "another-story"


def test_admin_speaker_add_page_refuses_a_slug_in_other_case(admin_client, karabakh):
    data = submitted(admin_client.get(admin_url(Speaker, "add")))
    data.update(name="Kerry", slug="John-Kerry", kind="person")
    response = admin_client.post(admin_url(Speaker, "add"), data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert not Speaker.objects.filter(slug="John-Kerry").exists()


def rename(admin_client, article, slug):
    url = change_url(article)
    data = submitted(admin_client.get(url))
    data["slug"] = slug
    assert admin_client.post(url, data).status_code == 302


@pytest.mark.parametrize(
    "page",
    ["", "evolution/", "versions/update-1/", "cite/original.bib", "cite/update-1.json"],
)
def test_a_renamed_clippings_old_links_redirect_permanently_to_the_same_page(
    admin_client, client, karabakh, page
):
    rename(admin_client, karabakh, "karabakh-clashes")
    response = client.get(f"/articles/{SLUG}/{page}?view=side")
    assert response.status_code == 301
    assert response["Location"] == f"/articles/karabakh-clashes/{page}?view=side"
    assert client.get(response["Location"]).status_code == 200


def test_a_link_in_other_case_redirects_to_the_clipping(client, karabakh):
    response = client.get(f"/articles/{SLUG.title()}/")
    assert response.status_code == 301
    assert response["Location"] == reverse("clippings:article-detail", kwargs={"slug": SLUG})


def test_a_slug_renamed_twice_still_leads_to_the_clipping(admin_client, client, karabakh):
    rename(admin_client, karabakh, "second-name")
    rename(admin_client, karabakh, "third-name")
    for old in (SLUG, "second-name"):
        assert client.get(f"/articles/{old}/")["Location"] == "/articles/third-name/"


def test_an_old_slug_taken_by_another_clipping_leads_to_that_clipping(
    admin_client, client, karabakh
):
    rename(admin_client, karabakh, "karabakh-clashes")
    ArticleFactory(slug=SLUG, headline="A new story under the old address")
    response = client.get(f"/articles/{SLUG}/")
    assert response.status_code == 200
    assert "A new story under the old address" in response.content.decode()


def test_a_renamed_draft_is_not_found_under_either_slug(admin_client, client, karabakh):
    rename(admin_client, karabakh, "karabakh-clashes")
    Article.objects.filter(pk=karabakh.pk).update(status=Article.Status.DRAFT)
    assert client.get(f"/articles/{SLUG}/").status_code == 404
    assert client.get("/articles/karabakh-clashes/").status_code == 404


def test_a_slug_no_clipping_ever_had_is_not_found(client, karabakh):
    assert client.get("/articles/no-such-story/").status_code == 404
