"""The path of one object's public page, without matching the URLconf again for each object.

A listing links every row it shows (each quote, its speaker, its clipping) to its page, and
``reverse()`` walks the URL patterns each time: on a long page that was a third of the time
it took to render. Here a page's path is reversed once, with a mark standing for the key
(its slug or primary key), and each object's path is that path with its key in the mark's
place, quoted as ``reverse()`` quotes it. The split path is kept for the site's URLconf
(``ROOT_URLCONF``: no view of the site sets a URLconf of its own for a request) and the
script prefix in use, so a test that swaps the URLconf, or a site served under a prefix, gets
its own paths.
"""

from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS

#: Stand for an object's slug or primary key while its page's path is reversed: each matches
#: its converter and appears nowhere else in a path.
KEY_MARKS = {"slug": "0-slug-0", "pk": "909090909090909090"}
#: What ``reverse()`` leaves unquoted in a path.
SAFE = RFC3986_SUBDELIMS + "/~:@"


@lru_cache(maxsize=128)
def _around_key(urlconf, prefix, url_name, key):
    mark = KEY_MARKS[key]
    before, _, after = reverse(url_name, kwargs={key: mark}).partition(mark)
    return before, after


def path_around_key(url_name, key):
    """``(before, after)``: the path of ``url_name``'s page on either side of its ``key``
    ("slug" or "pk"), for the URLconf and script prefix in use now. A page that builds
    thousands of paths of one kind (a sitemap file) asks once and fills in ``key_in_path()``."""
    return _around_key(settings.ROOT_URLCONF, get_script_prefix(), url_name, key)


def key_in_path(value):
    """A slug or primary key as ``reverse()`` writes it in a path."""
    return quote(str(value), safe=SAFE)


def page_path(url_name, key, value):
    """The path ``reverse(url_name, kwargs={key: value})`` gives, for ``key`` "slug" or "pk"."""
    before, after = path_around_key(url_name, key)
    return f"{before}{key_in_path(value)}{after}"
