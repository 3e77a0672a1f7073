import shlex
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

#: The scorers, beside the project in ``../shared/clip_eval``, each with what it measures.
SCORERS = {
    "extraction": "45 real news pages: the article's text, 4-word shingle F1",
    "attribution": "150 PolNeAR articles: quotes proposed, precision and recall",
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
            help=f"Which to run: {', '.join(SCORERS)} (default: both).",
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
        clip = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "clip"]
        clip += ["--dry-run", "--format", "json"]
        for name in scorers or SCORERS:
            self.stdout.write(f"{name}: {SCORERS[name]}")
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
