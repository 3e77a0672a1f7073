"""Politeness when fetching many pages: at most one request per site every few seconds."""

import time
from urllib.parse import urlsplit

from django.conf import settings


class HostThrottle:
    """Spaces requests to the same host ``seconds`` apart (``CAPTURE_SECONDS_BETWEEN_REQUESTS``
    by default); requests to different hosts do not wait for each other.

    Call ``wait(url)`` just before each request: it sleeps as long as that host needs and
    returns the seconds slept. ``clock`` and ``sleep`` (``time.monotonic``, ``time.sleep``) can be
    replaced, for tests.
    """

    def __init__(self, seconds=None, *, clock=time.monotonic, sleep=time.sleep):
        self.seconds = settings.CAPTURE_SECONDS_BETWEEN_REQUESTS if seconds is None else seconds
        self.clock = clock
        self.sleep = sleep
        self.last_request = {}

    def wait(self, url):
        """Wait until a request to ``url``'s host (or a bare host name) may go, and count it."""
        host = self.host(url)
        pause = 0.0
        if host in self.last_request:
            pause = max(0.0, self.last_request[host] + self.seconds - self.clock())
            if pause:
                self.sleep(pause)
        self.last_request[host] = self.clock()
        return pause

    @staticmethod
    def host(url):
        """The host a request goes to, lower case, port included: ``example.org:8080``."""
        return (urlsplit(url).netloc if "//" in url else url).rpartition("@")[2].lower()
