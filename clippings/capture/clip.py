"""Clipping in one step: an address, a saved page, a text file or pasted text becomes a
``ClippedStory`` with its quotes proposed, ready for the editor (nothing is saved here)."""

import sys
from pathlib import Path
from urllib.parse import urlsplit

from clippings import models as archive
from clippings.text import fold

from . import fetch, quotes
from .errors import ClipError
from .extract import parse_html
from .text import parse_text

__all__ = ["ClipError", "clip_html", "clip_page", "clip_source", "clip_text", "matching_source"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


def clip_text(text, *, source, speaker_names=None):
    """Plain text (headline on the first line, paragraphs by blank lines) as a story.

    ``speaker_names``, here and below: the archive's (speaker id, name) pairs the proposed
    speakers are matched to; read from the database when None.
    """
    return _with_proposals(parse_text(text, source=source), speaker_names)


def clip_html(html, *, source, url=None, capture=None, speaker_names=None):
    """An HTML page (``str`` or ``bytes``) as a story; ``capture`` is the ``FetchedPage`` it
    came from, if it was fetched, and is kept on the story."""
    fetched_on = capture.fetched_at.date() if capture is not None else None
    story = parse_html(html, url=url, source=source, fetched_on=fetched_on)
    story.capture = capture
    return _with_proposals(story, speaker_names)


def clip_page(page, *, source, speaker_names=None):
    """A fetched page (``fetch.FetchedPage``) as a story, read as plain text or as HTML by
    its type; the page is kept on the story."""
    if page.content_type == "text/plain":
        story = clip_text(page.text, source=source, speaker_names=speaker_names)
        story.url, story.capture = page.final_url, page
        return story
    return clip_html(
        page.text or page.body,
        source=source,
        url=page.final_url,
        capture=page,
        speaker_names=speaker_names,
    )


def clip_source(source, *, speaker_names=None):
    """Clip ``source``: an http(s) address, an ``.html``/``.htm`` or ``.txt`` file, or ``-``
    for text on standard input. Raises ``ClipError`` with a message for the editor."""
    if source == "-":
        return clip_text(sys.stdin.read(), source=source, speaker_names=speaker_names)
    if urlsplit(source).scheme.lower() in ("http", "https"):
        return _clip_address(source, speaker_names)
    path = Path(source)
    if not path.is_file():
        raise ClipError(f"No such file: {source}")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(data)):
        return clip_html(data, source=source, speaker_names=speaker_names)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ClipError(f"{source} is not UTF-8 text: {error}") from error
    return clip_text(text, source=source, speaker_names=speaker_names)


def matching_source(story):
    """The archive's ``Source`` for the story's site: the one whose address has the page's
    host, else the one named as the site names itself (ignoring case and accents); or None."""
    sources = archive.Source.objects.all()
    host = _host(story.url or getattr(story.capture, "final_url", "") or "")
    if host and (found := next((s for s in sources if s.url and _host(s.url) == host), None)):
        return found
    name = fold(story.site_name.strip())
    return next((source for source in sources if name and fold(source.name) == name), None)


def _clip_address(address, speaker_names):
    try:
        page = fetch.fetch_page(address)
    except fetch.FetchError as error:
        raise ClipError(str(error)) from error
    return clip_page(page, source=address, speaker_names=speaker_names)


def _with_proposals(story, speaker_names):
    story.quotes = quotes.propose_quotes(story, speaker_names)
    return story


def _looks_like_html(data):
    start = data[:1024].lstrip().lower()
    return start.startswith(fetch.HTML_START)


def _host(address):
    return (urlsplit(address).hostname or "").lower().removeprefix("www.")
