import gzip
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clippings.capture.clip import clip_html

#: The scorers, beside the project in ``../shared/clip_eval``, each with what it measures.
SCORERS = {
    "extraction": "45 real news pages: the article's text, 4-word shingle F1",
    "attribution": "150 PolNeAR articles: quotes proposed, precision and recall",
    "speed": "the 45 news pages clipped one by one in this process, quotes proposed",
}


class Command(BaseCommand):
    help = (
        "Run the clipping scorers of ../shared/clip_eval (data nobody here wrote) against "
        "`clip --dry-run --format json` and print their figures and how long each took."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "scorers",
            nargs="*",
            metavar="SCORER",
            help=f"Which to run: {', '.join(SCORERS)} (default: all).",
        )
        parser.add_argument(
            "--shared",
            default=str(Path(settings.BASE_DIR).parent / "shared"),
            help="The folder holding clip_eval/ and data/ (default: ../shared).",
        )

    def handle(self, *args, scorers, shared, **options):
        if unknown := set(scorers) - set(SCORERS):
            raise CommandError(f"No such scorer: {', '.join(sorted(unknown))}.")
        scripts = Path(shared) / "clip_eval"
        if not scripts.is_dir():
            raise CommandError(
                f"No scorers in {scripts}: the benchmark needs the shared folder beside the "
                "project (../shared/clip_eval and ../shared/data), or give --shared."
            )
        for name in scorers or SCORERS:
            self.stdout.write(f"{name}: {SCORERS[name]}")
            if name == "speed":
                self._speed(Path(shared) / "data" / "extraction-dev")
            else:
                self._score(name, scripts)

    def _score(self, name, scripts):
        """Run one scorer over ``clip --dry-run --format json`` and print its figures."""
        clip = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "clip"]
        clip += ["--dry-run", "--format", "json"]
        command = [sys.executable, str(scripts / f"{name}.py"), "--cmd", shlex.join(clip)]
        started = time.monotonic()
        result = subprocess.run(
            command, cwd=settings.BASE_DIR, capture_output=True, text=True, check=False
        )
        elapsed = time.monotonic() - started
        figures = result.stdout.strip()
        if not figures:
            raise CommandError(f"The {name} scorer printed nothing:\n{result.stderr[-2000:]}")
        self.stdout.write(f"  {figures}\n  {elapsed:.1f} s")

    def _speed(self, pages):
        """Time clipping each saved page (extraction and quote proposals, no fetching)."""
        timings = []
        for path in sorted(pages.glob("*.html.gz")):
            html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            started = time.perf_counter()
            clip_html(html, source=path.name)
            timings.append((time.perf_counter() - started, len(html.encode()) // 1024))
        if not timings:
            raise CommandError(f"No saved pages (*.html.gz) in {pages}.")
        slowest, size = max(timings)
        self.stdout.write(
            f"  pages={len(timings)} median={statistics.median(t for t, _ in timings):.2f} s "
            f"slowest={slowest:.2f} s ({size} KB) "
            f"slowest-of-100KB-or-less={max(t for t, kb in timings if kb <= 100):.2f} s"
        )
