"""The clipping's admin page lists the pages it was fetched from; each WARC file downloads for
whoever may view the clipping, and for nobody else."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from clippings.capture.captures import capture_record
from clippings.capture.warc import read_response
from clippings.roles import ARCHIVIST, EDITOR, VIEWER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def capture():
    article = factories.ArticleFactory(slug="karabakh-clashes")
    return capture_record(article=article, page=factories.fetched_page())


def download_url(capture):
    return reverse("admin:clippings_article_capture", args=[capture.article_id, capture.pk])


def change_url(article):
    return reverse("admin:clippings_article_change", args=[article.pk])


def logged_in(client, username, group=None):
    user = User.objects.create_user(username=username, password="not-used", is_staff=True)
    if group:
        call_command("setup_roles", verbosity=0)
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def test_change_page_lists_the_fetched_pages_with_a_download_link(admin_client, capture):
    page = admin_client.get(change_url(capture.article)).content.decode()

    assert "Fetched pages" in page
    assert "https://news.example/story" in page
    assert capture.sha256 in page
    assert f'href="{download_url(capture)}"' in page


def test_change_page_of_a_clipping_never_fetched_says_so(admin_client):
    article = factories.ArticleFactory()

    page = admin_client.get(change_url(article)).content.decode()

    assert "None: this clipping was not fetched from a web address." in page


def test_add_page_has_no_fetched_pages(admin_client):
    page = admin_client.get(reverse("admin:clippings_article_add")).content.decode()

    assert "Fetched pages" not in page


def test_warc_file_downloads_as_an_attachment(admin_client, capture):
    response = admin_client.get(download_url(capture))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/warc"
    assert response["Content-Disposition"] == (
        'attachment; filename="karabakh-clashes-20160402T093000Z.warc.gz"'
    )
    body = b"".join(response.streaming_content)
    assert body == bytes(capture.warc)
    assert read_response(body)[3] == b"<!doctype html><p>The story.</p>"


@pytest.mark.parametrize("role", [ARCHIVIST, EDITOR, VIEWER])
def test_every_role_may_download_what_it_may_view(client, capture, role):
    response = logged_in(client, role.lower(), role).get(download_url(capture))

    assert response.status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_without_view_permission_on_clippings_cannot_download(client, capture, method):
    staff = logged_in(client, "no-role")

    response = getattr(staff, method)(download_url(capture))

    assert response.status_code == 403
    assert "Content-Disposition" not in response


def test_anonymous_visitors_are_sent_to_the_login_page(client, capture):
    response = client.get(download_url(capture))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_capture_is_only_found_under_its_own_clipping(admin_client, capture):
    other = factories.ArticleFactory()
    url = reverse("admin:clippings_article_capture", args=[other.pk, capture.pk])

    assert admin_client.get(url).status_code == 404
