"""The bench's settings with no page cache: every request renders its page, so the figures
measured on it are what a reader gets who asks for a page nobody asked for since the last edit
(a search of their own, a page deep in a list). The figures read over the whole archive that
many pages show, kept once a generation (``clippings.changes.for_this_generation()``), are kept
as on the site: each is worked out by the first request after an edit that needs it."""

from bench.settings import *  # noqa: F403

CACHES = {
    **CACHES,  # noqa: F405
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
