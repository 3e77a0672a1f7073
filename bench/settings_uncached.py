"""The bench's settings with no cache at all: every request renders its page, so the figures
measured on it are what a reader gets the first time a page is asked for after an edit."""

from bench.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
