"""The processes measured: the site under gunicorn as ``make serve`` runs it, and Datasette."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(database_url, settings_module="bench.settings"):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
    }


def wait_until_answering(url, seconds=120):
    """Wait until ``url`` answers quickly (the server is up, or done with earlier requests)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return True
        except OSError:
            time.sleep(0.5)
    return False


def wait_until_idle(url, seconds=300, quick=0.25):
    """Wait until ``url`` answers quickly twice in a row: the requests a load left queued (a
    sync worker finishes what it accepted, even for a client gone) are done."""
    deadline, quick_in_a_row = time.monotonic() + seconds, 0
    while time.monotonic() < deadline and quick_in_a_row < 2:
        started = time.monotonic()
        answered = wait_until_answering(url, seconds=max(1, deadline - time.monotonic()))
        quick_enough = answered and time.monotonic() - started < quick
        quick_in_a_row = quick_in_a_row + 1 if quick_enough else 0
    return quick_in_a_row >= 2


class Process:
    def __init__(self, command, env, url, log):
        self.url = url
        self.log = open(log, "w")  # noqa: SIM115  (closed in stop())
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        if not wait_until_answering(url):
            self.stop()
            raise SystemExit(f"{command[0]} did not start: see {log}")

    def stop(self, quick=False):
        """Stop the process; ``quick`` does not let gunicorn's workers finish what they hold
        (SIGINT, gunicorn's quick shutdown, rather than SIGTERM's graceful one)."""
        if quick:
            self.process.send_signal(signal.SIGINT)
        else:
            self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def collect_static(database_url):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=server_environment(database_url),
        check=True,
    )


def start_site(database_url, workers, logs, settings_module="bench.settings"):
    """gunicorn on 127.0.0.1 with the production settings plus the floor (``settings_module``:
    ``bench.settings_uncached`` for the same without a page cache)."""
    env = server_environment(database_url, settings_module)
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "archive_site.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    log = logs / f"gunicorn-{port}.log"
    return Process(command, env, f"http://127.0.0.1:{port}/bench/floor/", log)


def datasette_copy(database_path, copy_dir):
    """A copy of the SQLite file for Datasette (made again when the archive is newer)."""
    copy = copy_dir / "archive.db"
    if not copy.exists() or copy.stat().st_mtime < database_path.stat().st_mtime:
        copy_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(database_path, copy)
    return copy


def start_datasette(copy, logs):
    """Datasette serving the copy, read-only, with its table search on the quotes' FTS5 index
    (which it does not detect by itself, hence the metadata)."""
    metadata = copy.with_suffix(".metadata.json")
    metadata.write_text(
        '{"databases": {"archive": {"tables": {"clippings_quote": '
        '{"fts_table": "clippings_quote_fts", "fts_pk": "id"}}}}}'
    )
    port = free_port()
    command = [
        str(BIN / "datasette"),
        "serve",
        "-i",
        str(copy),
        "--metadata",
        str(metadata),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "30000",
    ]
    return Process(command, os.environ.copy(), f"http://127.0.0.1:{port}/", logs / "datasette.log")


def rss_mb(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total = max(total, int(line.split()[1]))
        except OSError:
            pass
    return round(total / 1024, 1)
