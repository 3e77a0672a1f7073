"""``recheck_clippings``: published clippings re-fetched politely, changes kept for review."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from clippings.capture import throttle as throttle_module
from clippings.capture.clip import clip_source
from clippings.capture.services import clipping_create_draft
from clippings.models import Article, Capture, Paragraph, PendingVersion, Update
from clippings.roles import EDITOR
from tests.test_admin_clipping import decisions
from tests.test_roles import roles, staff_client  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

HEADLINE = "Clashes erupt in Nagorno-Karabakh"
PARAGRAPHS = [
    "Fighting broke out overnight along the line of contact in Nagorno-Karabakh on Saturday.",
    "The defence ministry said 12 soldiers were killed in the clashes.",
    "Residents fled to shelters as shelling continued into the morning.",
]
CHANGED = [
    PARAGRAPHS[0],
    "The defence ministry said 18 soldiers were killed in the clashes.",
    PARAGRAPHS[2],
    "“The truce is fragile,” Foreign Minister Elmar Mammadyarov said on Sunday.",
]


def page(paragraphs, headline=HEADLINE):
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><title>{headline}</title>'
        '<meta property="article:published_time" content="2016-04-02T10:00:00Z">'
        f"</head><body><header><h1>{headline}</h1></header><article>{body}</article>"
        "</body></html>"
    )


def clipped(address):
    """A published clipping of the page at ``address``, with its capture."""
    article = clipping_create_draft(clip_source(address))
    article.status = Article.Status.PUBLISHED
    article.save()
    return article


def recheck(*options):
    out = io.StringIO()
    call_command("recheck_clippings", "--seconds-between-requests=0", *options, stdout=out)
    return out.getvalue()


def test_a_page_that_changed_is_kept_as_a_newer_version_to_review(site):
    site.versions("/story", page(PARAGRAPHS), page(CHANGED, headline="Ceasefire holds"))
    article = clipped(site.url("/story"))
    updates = Update.objects.count()

    output = recheck()

    pending = PendingVersion.objects.get()
    assert pending.article == article
    assert pending.summary == "1 rewritten, 1 new paragraph, headline changed"
    assert f"{article.slug}: 1 rewritten, 1 new paragraph, headline changed" in output
    assert "1 changed" in output
    assert Update.objects.count() == updates  # nothing public until reviewed


def test_the_recheck_asks_conditionally_and_an_unchanged_page_changes_nothing(site):
    site.versions("/story", page(PARAGRAPHS), page(CHANGED))
    article = clipped(site.url("/story"))
    first_etag = article.captures.get().etag
    recheck()
    pending = PendingVersion.objects.get()

    output = recheck()

    assert site.requests[1].headers["If-None-Match"] == first_etag
    assert site.requests[2].headers["If-None-Match"] == pending.etag != first_etag
    assert PendingVersion.objects.get() == pending
    assert "0 changed" in output
    assert "1 unchanged" in output


def test_a_page_answering_304_is_unchanged(site):
    site.add("/story", page(PARAGRAPHS), headers={"ETag": '"v1"'})
    clipped(site.url("/story"))
    output = recheck()
    assert site.requests[-1].headers["If-None-Match"] == '"v1"'
    assert not PendingVersion.objects.exists()
    assert "1 unchanged" in output


def test_drafts_and_clippings_without_an_address_are_not_rechecked(site):
    site.versions("/story", page(PARAGRAPHS), page(CHANGED))
    article = clipped(site.url("/story"))
    article.status = Article.Status.DRAFT
    article.save()
    requests = len(site.requests)
    assert "0 clipping(s) re-checked" in recheck()
    assert len(site.requests) == requests


def test_a_page_that_cannot_be_fetched_is_reported_and_the_others_are_still_rechecked(site):
    site.versions("/gone", page(PARAGRAPHS))
    site.versions("/story", page(PARAGRAPHS), page(CHANGED))
    gone = clipped(site.url("/gone"))
    clipped(site.url("/story"))
    del site.answers["/gone"]  # now answers 404

    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("recheck_clippings", "--seconds-between-requests=0", stdout=out)

    assert error.value.returncode == 1
    assert f"{gone.slug}: not fetched" in out.getvalue()
    assert PendingVersion.objects.get().article.original_url == site.url("/story")


def test_requests_to_one_site_are_spaced_by_the_throttle(site, monkeypatch):
    pauses = []

    class RecordingThrottle(throttle_module.HostThrottle):
        def __init__(self, seconds=None):
            super().__init__(seconds, clock=lambda: 100.0, sleep=pauses.append)

    monkeypatch.setattr(
        "clippings.management.commands.recheck_clippings.HostThrottle", RecordingThrottle
    )
    for path in ("/one", "/two", "/three"):
        site.add(path, page(PARAGRAPHS), headers={"ETag": '"v1"'})
        clipped(site.url(path))
    call_command("recheck_clippings", "--seconds-between-requests=4", stdout=io.StringIO())
    assert pauses == [4.0, 4.0]


def test_an_editor_records_the_newer_version_from_the_clippings_page(client, roles, site):  # noqa: F811
    site.versions("/story", page(PARAGRAPHS), page(CHANGED, headline="Ceasefire holds"))
    article = clipped(site.url("/story"))
    recheck()
    staff_client(client, EDITOR, roles)
    change_page = client.get(reverse("admin:clippings_article_change", args=[article.pk]))
    pending_url = reverse("admin:clippings_article_clip_pending", args=[article.pk])
    assert pending_url in change_page.content.decode()

    review = client.get(client.get(pending_url).url)
    assert "1 rewritten, 1 new paragraph, headline changed" in review.content.decode()
    data = decisions(review)
    response = client.post(review.request["PATH_INFO"], data)

    assert response.status_code == 302
    update = Update.objects.get()
    assert update.headline == "Ceasefire holds"
    assert [p.text for p in update.paragraphs.all()] == CHANGED[1::2]
    assert Paragraph.objects.get(text=CHANGED[1]).replaces.text == PARAGRAPHS[1]
    assert Capture.objects.filter(update=update).count() == 1
    assert not PendingVersion.objects.exists()


def test_a_page_that_now_holds_another_story_is_reported_and_nothing_is_kept(site):
    other = [
        "The central bank raised interest rates by half a point on Thursday.",
        "Inflation has stayed above its target for a year, the governor said.",
    ]
    site.versions("/story", page(PARAGRAPHS), page(other, headline="Central bank raises rates"))
    article = clipped(site.url("/story"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("recheck_clippings", "--seconds-between-requests=0", stdout=out)
    assert f"{article.slug}: This is another story" in out.getvalue()
    assert not PendingVersion.objects.exists()
