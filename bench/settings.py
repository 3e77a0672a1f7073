"""The production settings, and one URL more: the floor ``/bench/floor/``.

The server ``make bench`` measures runs on these settings, so that the floor goes through the
same middleware as every page it is compared with."""

from archive_site.server_settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
