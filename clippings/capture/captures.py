"""Keeping a fetched page with the clipping made from it."""

from clippings.models import Capture

from .warc import write_warc


def capture_record(*, article, page, update=None):
    """Save ``page`` (a ``fetch.FetchedPage``) as a ``Capture`` of ``article``, with its WARC
    file; ``update``: the update this fetch recorded, if any. A 304 answer holds no page and is
    refused with a ``ValueError``."""
    if page.not_modified:
        raise ValueError(f"{page.final_url} answered 304 Not Modified: there is no page to keep.")
    capture = Capture(
        article=article,
        update=update,
        url=page.url,
        final_url=page.final_url,
        status=page.status,
        fetched_at=page.fetched_at,
        sha256=page.sha256,
        content_type=page.content_type,
        etag=page.etag,
        last_modified=page.last_modified,
        size=len(page.body),
        warc=write_warc(page),
    )
    capture.full_clean()
    capture.save()
    return capture
