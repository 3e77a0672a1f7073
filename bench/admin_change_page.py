"""Figures for a clipping's admin change page: queries, size of the HTML, time to serve it.

Run from the project's root: ``.venv/bin/python bench/admin_change_page.py [FIXTURE]``
(the seed clipping, ``karabakh-2016``, by default). It builds a throwaway test database, loads
the fixture, and asks for the change page of its first clipping as a superuser, as the admin
serves it (templates are not instrumented as in tests). It prints figures and asserts nothing.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.admin_pages import measure  # noqa: E402

RUNS = 5


def main(fixture="karabakh-2016"):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    runner = DiscoverRunner(verbosity=0)
    databases = runner.setup_databases()
    try:
        from clippings.models import Article

        call_command("load_missing", fixture, verbosity=0)
        client = Client()
        client.force_login(User.objects.create_superuser("bench", "bench@example.com", None))
        article = Article.objects.order_by("pk").first()
        url = reverse("admin:clippings_article_change", args=[article.pk])
        response, queries, wall, cpu = measure(client, url, RUNS)
        print(
            f"{url}: status {response.status_code}, {queries} queries, "
            f"{len(response.content) / 1024:.0f} KB of HTML, best of {RUNS}: "
            f"{wall:.2f} s ({cpu:.2f} s of CPU); "
            f"{article.paragraphs.count()} paragraphs, {article.quotes.count()} quotes"
        )
    finally:
        runner.teardown_databases(databases)


if __name__ == "__main__":
    main(*sys.argv[1:])
