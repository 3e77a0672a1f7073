"""Repeat views of public pages: answered from the page cache, or with 304 Not Modified.

A public page shows the archive as of its last change, which one row names
(``ArchiveChange``, kept by ``clippings.changes``). Each request reads it first, in one query
by primary key, and then:

- a request whose ``If-None-Match`` (or ``If-Modified-Since``) names the current change gets
  304 Not Modified, with no body;
- a reader's GET is answered from the page cache when the page was rendered since that
  change; else the page is rendered and, if it is a 200 that holds nothing of this request
  alone, cached under the change's token. A later change gives a new token, so every older
  page becomes unreachable at once, in every process and on every server sharing the cache.

Pages are keyed by their full address (host, path and query string: every filter is its own
page) as Django's cache middleware keys them. Requests that carry a session cookie (editors
signed in) neither read nor fill the cache. Pages are sent with ``Cache-Control: no-cache``
and the change as ``ETag`` and ``Last-Modified``, so browsers and proxies may keep them but
ask each time whether they are still current. Streamed downloads (the exports) are neither
cached nor given a validator.
"""

import functools
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    learn_cache_key,
    patch_cache_control,
)
from django.utils.http import http_date

from clippings.models import ArchiveChange

KEY_PREFIX = "archive-page"
#: The cache pages are kept in (``settings.CACHES``).
PAGE_CACHE = "pages"


def public_page(view):
    """Wrap a public view with conditional GET and the page cache."""

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        token = ArchiveChange.objects.current()
        if token is None:  # no change recorded yet: nothing to compare a page with
            return view(request, *args, **kwargs)
        changed_at = ArchiveChange.seconds_of(token)
        # Changes faster than one a second run ahead of the clock (ArchiveChange.record());
        # the header never does. A page then sent answers the next If-Modified-Since with a
        # 200 instead of a 304, never the other way round.
        last_modified = min(changed_at, int(time.time()))
        validators = {"ETag": f'W/"{token}"', "Last-Modified": http_date(last_modified)}
        not_modified = get_conditional_response(
            request, etag=validators["ETag"], last_modified=changed_at
        )
        if not_modified is not None:
            return _with_validators(not_modified, validators)

        shared = settings.SESSION_COOKIE_NAME not in request.COOKIES
        key_prefix = f"{KEY_PREFIX}.{token}"
        cache = caches[PAGE_CACHE]
        if shared:
            cache_key = get_cache_key(request, key_prefix, "GET", cache=cache)
            cached = cache.get(cache_key) if cache_key else None
            if cached is not None:
                return cached

        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        _with_validators(response, validators)
        patch_cache_control(response, no_cache=True)
        _once_rendered(response, _in_one_piece)
        if shared and request.method == "GET":
            _once_rendered(response, functools.partial(_store, request, key_prefix))
        return response

    return page


def _with_validators(response, validators):
    for header, value in validators.items():
        response[header] = value
    return response


def _once_rendered(response, callback):
    """Call ``callback(response)`` once the response is rendered (at once if it is)."""
    if callable(getattr(response, "render", None)) and not response.is_rendered:
        response.add_post_render_callback(callback)
    else:
        callback(response)


def _in_one_piece(response):
    """The body as one piece: a response written piece by piece (the feed is, an element at a
    time) is otherwise sent, and kept in the cache, as thousands of small writes."""
    response.content = response.content


def _store(request, key_prefix, response):
    """Cache ``response``, unless it holds something of this request alone."""
    if not _rendered_for_this_request(request, response):
        cache = caches[PAGE_CACHE]
        timeout = cache.default_timeout
        cache_key = learn_cache_key(request, response, timeout, key_prefix, cache=cache)
        cache.set(cache_key, response, timeout)


def _rendered_for_this_request(request, response):
    """Whether the page used what belongs to this request alone: a cookie it sets, the CSRF
    token, the session, messages, the Content-Security-Policy nonce."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.accessed)
        or (messages is not None and messages.used)
        or getattr(request, "csp_nonce", None)
        or "private" in response.get("Cache-Control", "")
    )
