"""``make bench``: measure the public pages of a generated archive under the production server.

Builds (or reuses) the archive of the sizes ``BENCH_SIZE`` / ``BENCH_<SIZE>`` name, in
``DATABASE_URL`` when set (SQLite or PostgreSQL), else in a SQLite file under ``bench/data/``.
Starts gunicorn twice with the production settings plus a floor URL, once as they are (pages
cached until the next edit) and once with no page cache, and Datasette on a copy of the SQLite file;
loads each page on both with wrk at 1 and 16 connections; counts each page's SQL queries
and bytes in-process; prints a Markdown table and writes ``bench/results/latest.json`` and
``latest.md``, and the same as ``latest-<engine>.*`` (the latest on SQLite, on PostgreSQL).
Figures, not assertions: compare them only within one run.

Settings (environment): ``BENCH_SIZE`` (full or small), ``BENCH_<SIZE>`` (``BENCH_QUOTES``...),
``BENCH_SEED`` (0), ``BENCH_SECONDS`` (wrk's duration, 10), ``BENCH_WORKERS`` (2),
``BENCH_TIMEOUT`` (wrk's per-request timeout in seconds, 30), ``BENCH_DOWNLOAD_SECONDS`` (how
long a full export may take, 120).
"""

import datetime
import http.client
import json
import os
import shutil
import threading
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path

from bench import archive, servers, wrk
from bench.report import markdown

RESULTS = Path(__file__).resolve().parent / "results"
CONNECTIONS = (1, 16)


def settings_from_environment():
    return {
        "seed": int(os.environ.get("BENCH_SEED") or 0),
        "seconds": int(os.environ.get("BENCH_SECONDS") or 10),
        "workers": int(os.environ.get("BENCH_WORKERS") or 2),
        "timeout": int(os.environ.get("BENCH_TIMEOUT") or 30),
        "download_seconds": int(os.environ.get("BENCH_DOWNLOAD_SECONDS") or 120),
    }


def download(url, seconds, worker_pids):
    """One full export: status, bytes, time to first byte and to the end, whether it ended
    as HTTP says it should (a worker killed mid-response leaves the chunked body unfinished),
    and the most memory a worker held meanwhile."""
    peak, done = [0.0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], servers.rss_mb(worker_pids()))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    figures = {"status": None, "bytes": 0, "first_byte_s": None, "complete": False}
    try:
        with urllib.request.urlopen(url, timeout=seconds) as response:
            figures["status"] = response.status
            figures["first_byte_s"] = round(time.monotonic() - started, 2)
            while chunk := response.read(1 << 16):
                figures["bytes"] += len(chunk)
                if time.monotonic() - started > seconds:
                    break
            else:
                figures["complete"] = True
    except (OSError, http.client.HTTPException) as error:
        figures["error"] = f"{type(error).__name__}: {error}"
    figures["seconds"] = round(time.monotonic() - started, 2)
    done.set()
    sampler.join()
    figures["worker_peak_rss_mb"] = peak[0]
    return figures


class Site:
    """The site under gunicorn on ``settings_module``, restarted when a load left it busy."""

    def __init__(self, database_url, workers, logs, settings_module):
        self.start = lambda: servers.start_site(database_url, workers, logs, settings_module)
        self.process = self.start()
        self.restarts = []

    def base(self, before):
        """The site's root URL once no request is left over from the last load: a page slower
        than the load lasted leaves requests queued (a sync worker finishes what it accepted,
        even for a client gone), which would weigh on the next figure; then the server is
        restarted."""
        if not servers.wait_until_idle(self.process.url, seconds=5):
            self.process.stop(quick=True)
            self.process = self.start()
            self.restarts.append(before)
            print(f"  (server restarted before: {before})", flush=True)
        return self.process.url.removesuffix("/bench/floor/")


def main():
    settings = settings_from_environment()
    database_url = os.environ.get("DATABASE_URL") or archive.default_database_url()
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")
    import django

    django.setup()
    sizes = archive.sizes_from_environment()
    from django.db import connection

    from bench import machine, pages

    if connection.vendor == "sqlite":
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    generated_in = archive.ensure_archive(sizes, settings["seed"])
    print("Archive:", archive.counts(), "at", database_url)
    chosen = pages.choose_pages()
    for page in chosen:
        page.figures["in_process"] = pages.one_request(page.path)
        print(f"  {page.name}: {page.path} {page.figures['in_process']}", flush=True)
    logs = RESULTS / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    datasette = None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        copy = servers.datasette_copy(
            Path(connection.settings_dict["NAME"]), archive.DATA / "datasette"
        )
        datasette = servers.start_datasette(copy, logs)
    servers.collect_static(database_url)
    sites = {
        "cached": Site(database_url, settings["workers"], logs, "bench.settings"),
        "uncached": Site(database_url, settings["workers"], logs, "bench.settings_uncached"),
    }
    try:
        for page in chosen:
            if page.kind == "download":
                site = sites["uncached"]
                page.figures["download"] = download(
                    site.base(page.name) + page.path,
                    settings["download_seconds"],
                    site.process.worker_pids,
                )
                print(f"  {page.name}: {page.figures['download']}", flush=True)
                continue
            for cache, site in sites.items():
                prefix = "" if cache == "uncached" else "cached_"
                for connections in CONNECTIONS:
                    base = site.base(f"{page.name}, {cache}, {connections} connections")
                    page.figures[f"{prefix}c{connections}"] = wrk.measure(
                        base + page.path, connections, settings["seconds"], settings["timeout"]
                    )
            if datasette and page.datasette:
                for connections in CONNECTIONS:
                    page.figures[f"datasette_c{connections}"] = wrk.measure(
                        datasette.url.rstrip("/") + page.datasette,
                        connections,
                        settings["seconds"],
                        settings["timeout"],
                    )
            print(f"  {page.name}: {page.figures}", flush=True)
    finally:
        for site in sites.values():
            site.process.stop()
        if datasette:
            datasette.stop()
    restarts = [restart for site in sites.values() for restart in site.restarts]
    result = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine.describe(connection),
        "database": connection.vendor,
        "sizes": asdict(sizes),
        "seed": settings["seed"],
        "generated_in_s": round(generated_in, 1) if generated_in is not None else None,
        "settings": settings,
        "pages": [asdict(page) for page in chosen],
        "server_restarted_before": restarts,
    }
    table = markdown(result)
    print()
    print(table)
    RESULTS.mkdir(exist_ok=True)
    # The latest run, and the latest on this database engine (sqlite, postgresql).
    for name in ("latest", f"latest-{connection.vendor}"):
        (RESULTS / f"{name}.json").write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        )
        (RESULTS / f"{name}.md").write_text(table)


if __name__ == "__main__":
    main()
