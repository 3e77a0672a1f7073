"""Real-browser tests: Playwright drives Debian's Chromium against Django's live server.

One Chromium runs for the whole session (pytest-playwright's session-scoped ``browser``); each
test gets a fresh context and page. The clipping is loaded into the live server's database with
``loaddata``, as ``make run`` loads it.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

# Playwright's sync API keeps an asyncio loop running in the main thread for the whole session,
# so Django's ORM calls made by the tests (and by pytest-django's database teardown) would
# raise SynchronousOnlyOperation. This is the remedy Django documents for such test code; the
# application's settings never set it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
SLUG = "armenia-azerbaijan-karabakh-conflict-escalates"
HEADLINE = "Armenia-Azerbaijan Karabakh Conflict Escalates, Casualties Reported"
# A wrong selector fails in seconds, not in Playwright's default 30.
TIMEOUT_MS = 5_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless: Playwright's own browser download cannot work here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A laptop-sized window, in English, with reduced motion so scrolling is instant."""
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 800},
        "locale": "en-GB",
        "reduced_motion": "reduce",
    }


@pytest.fixture
def page(page):
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return page


@pytest.fixture(scope="session", autouse=True)
def close_database_connections_before_playwright_stops(browser):
    """Close the connections that tests opened while Playwright ran.

    Once Playwright has started, test code runs in another ``contextvars`` context, so Django
    (whose connections live in contextvars) opens other connections there. The teardown of the
    test database runs after Playwright has stopped, back in the first context, and could not
    drop a PostgreSQL database that these connections still use.
    """
    yield
    connections.close_all()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the Karabakh clipping loaded into its database.

    The server's request threads close their database connection after each request, as
    with ``CONN_MAX_AGE = 0``: a persistent one (the PostgreSQL setting) would outlive the
    test in a thread that Chromium keeps alive, and stop the test database being dropped.
    """
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict  # shared by every thread
    conn_max_age = settings_dict["CONN_MAX_AGE"]
    settings_dict["CONN_MAX_AGE"] = 0
    call_command("loaddata", "karabakh-2016", verbosity=0)
    yield live_server.url
    settings_dict["CONN_MAX_AGE"] = conn_max_age


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe():
    """axe-core, run in the page by ``axe.run(page, options=...)``."""
    return Axe()


@pytest.fixture
def screenshot(page, artifacts_dir):
    """``screenshot("index")`` saves the whole page as tests/artifacts/index.png; with
    ``full_page=False``, only what the window shows."""

    def take(name, *, full_page=True):
        page.screenshot(path=artifacts_dir / f"{name}.png", full_page=full_page)

    return take
