"""Where the time of each public page `make bench` measures goes, rendered afresh: the template
engine, SQL, and the rest (the view, its filters and forms, model instances, middleware).

Run from the project's root, after `make bench` (which generates the archive)::

    .venv/bin/python -m bench.page_costs

It reads the archive `make bench` would measure: the generated one for ``BENCH_SIZE`` and the
other ``BENCH_`` sizes, or the database ``DATABASE_URL`` names. Each page is asked for in
process with the test client, under the settings of the server `make bench` measures uncached
(``bench/settings_uncached.py``: production settings, no page cache); the best of ``--runs``
requests is printed, beside the floor's (``/bench/floor/``, a constant response through the
same middleware). *Templates* is the time spent rendering templates, less the SQL run
meanwhile; *SQL*, the time the database took to run the request's queries (rows fetched later
are counted where they are read); *the rest*, what is left. The last column is the floor's
time over the page's, as it is and as it would be if rendering took no time at all. ``--only
TEXT`` keeps the pages whose address contains TEXT. It prints figures and asserts nothing.
"""

import argparse
import os
import time
from contextlib import contextmanager

import django
from django.db import connection
from django.template.backends.django import Template
from django.test import Client
from django.test.utils import override_settings

from bench.archive import default_database_url
from bench.pages import choose_pages
from bench.servers import server_environment


class Clock:
    """Seconds spent in SQL and in template rendering during one request."""

    def __init__(self):
        self.sql = self.rendering = self.sql_while_rendering = 0.0
        self._rendering_depth = 0

    def time_query(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.sql += spent
            if self._rendering_depth:
                self.sql_while_rendering += spent

    @contextmanager
    def timing_templates(self):
        """Time the outermost ``render()`` of each Django template (one nested in another, an
        include or a form's widget, is counted in its parent's time)."""
        render = Template.render
        clock = self

        def timed_render(template, context=None, request=None):
            clock._rendering_depth += 1
            started = time.perf_counter()
            try:
                return render(template, context, request)
            finally:
                clock._rendering_depth -= 1
                if not clock._rendering_depth:
                    clock.rendering += time.perf_counter() - started

        Template.render = timed_render
        try:
            yield
        finally:
            Template.render = render


def costs(client, path, runs):
    """The fastest of ``runs`` requests to ``path``: ``(total, templates, sql)`` in seconds."""
    best = None
    for _ in range(runs):
        clock = Clock()
        with clock.timing_templates(), connection.execute_wrapper(clock.time_query):
            started = time.perf_counter()
            response = client.get(path)
            total = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        figures = (total, clock.rendering - clock.sql_while_rendering, clock.sql)
        if best is None or figures[0] < best[0]:
            best = figures
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25, help="requests per page (the best is kept)")
    parser.add_argument("--only", default="", help="only the pages whose address contains this")
    options = parser.parse_args()
    os.environ.update(
        server_environment(
            os.environ.get("DATABASE_URL") or default_database_url(), "bench.settings_uncached"
        )
    )
    django.setup()

    client = Client(SERVER_NAME="127.0.0.1")
    pages = [page for page in choose_pages() if page.kind == "page" and "format=" not in page.path]
    with override_settings(ROOT_URLCONF="bench.urls"):
        floor = costs(client, "/bench/floor/", options.runs * 4)[0]
        print(f"{connection.vendor}, best of {options.runs} requests in process")
        print()
        print(
            "| page | total | templates | SQL | the rest"
            " | share of the floor: as is / rendering free |"
        )
        print("|---|---|---|---|---|---|")
        for page in pages:
            if options.only not in page.path:
                continue
            if page.path == "/bench/floor/":
                total, templates, sql = floor, 0.0, 0.0
            else:
                total, templates, sql = costs(client, page.path, options.runs)
            rest = total - templates - sql
            print(
                f"| {page.name} `{page.shown}` | {total * 1000:.1f} ms | {templates * 1000:.1f} ms"
                f" | {sql * 1000:.1f} ms | {rest * 1000:.1f} ms"
                f" | {floor / total:.3f} / {floor / (total - templates):.3f} |"
            )


if __name__ == "__main__":
    main()
