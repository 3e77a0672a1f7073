"""Re-checking published clippings against their pages, politely.

Each clipping's page is asked for conditionally, with the ETag and Last-Modified of the last
fetch the archive keeps of it (its pending newer version's, else its latest capture's), so
an unchanged page answers 304 and is not even sent. A page that changed is read and aligned
with the clipping's latest version; a real change is kept as the clipping's pending newer
version (``PendingVersion``), replacing any earlier one, for an editor to review. Nothing
public changes until then.
"""

from dataclasses import dataclass

from django.db import transaction

from clippings.models import Article, PendingVersion

from . import clip
from .clip import ClipError
from .fetch import FetchError, fetch_page
from .services import version_alignment
from .stored import story_to_data

CHANGED = "changed"
UNCHANGED = "unchanged"
FAILED = "failed"


@dataclass
class Outcome:
    article: Article
    result: str  # CHANGED, UNCHANGED or FAILED
    message: str = ""  # what changed, or why it failed

    def __str__(self):
        return f"{self.article.slug}: {self.message or self.result}"


def clippings_to_recheck():
    """Published clippings that have an address, oldest clipped first."""
    return (
        Article.objects.published()
        .exclude(original_url="")
        .select_related("pending_version")
        .defer("pending_version__story")  # only its ETag and Last-Modified are read here
        .order_by("clipped_at", "pk")
    )


def recheck(article, *, throttle):
    """Fetch ``article``'s page (after ``throttle.wait()``) and keep a changed version of it as
    its pending version. Returns an ``Outcome``; never raises for a page that cannot be read."""
    etag, last_modified = _last_seen(article)
    throttle.wait(article.original_url)
    try:
        page = fetch_page(article.original_url, etag=etag, last_modified=last_modified)
    except FetchError as error:
        return Outcome(article, FAILED, f"not fetched: {error}")
    if page.not_modified:
        return Outcome(article, UNCHANGED, "not modified")
    try:
        story = clip.clip_page(page, source=article.original_url)
        alignment, _ = version_alignment(article, story)
    except ClipError as error:
        return Outcome(article, FAILED, str(error))
    if not alignment.has_changes:
        return Outcome(article, UNCHANGED, "unchanged")
    pending_version_keep(article, story, alignment.summary)
    return Outcome(article, CHANGED, alignment.summary)


@transaction.atomic
def pending_version_keep(article, story, summary):
    """Keep ``story`` as ``article``'s pending newer version, replacing any earlier one."""
    page = story.capture
    PendingVersion.objects.filter(article=article).delete()
    pending = PendingVersion(
        article=article,
        found_at=page.fetched_at,
        summary=summary[:300],
        story=story_to_data(story),
        etag=page.etag,
        last_modified=page.last_modified[:100],
    )
    pending.full_clean()
    pending.save()
    return pending


def _last_seen(article):
    """The ETag and Last-Modified of the last answer the archive keeps from the page."""
    # A missing one-to-one relation raises an AttributeError as well as DoesNotExist.
    seen = getattr(article, "pending_version", None) or article.captures.without_warc().last()
    if seen is None:
        return None, None
    return seen.etag or None, seen.last_modified or None
