import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from clippings.capture.recheck import CHANGED, FAILED, UNCHANGED, clippings_to_recheck, recheck
from clippings.capture.throttle import HostThrottle


class Command(BaseCommand):
    help = (
        "Re-fetch every published clipping that has an address, politely (conditional "
        "requests, one request per site every few seconds), and keep each one whose page "
        "changed as a newer version for an editor to review in the admin. Prints what changed "
        "where; exits with status 1 when a page could not be fetched or read."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seconds-between-requests",
            type=float,
            default=None,
            metavar="SECONDS",
            help="Wait at least this long between two requests to one site "
            "(default: the CAPTURE_SECONDS_BETWEEN_REQUESTS setting).",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="No progress bar (there is none anyway when the output is not a terminal).",
        )

    def handle(self, *args, seconds_between_requests, no_progress, **options):
        if seconds_between_requests is not None and seconds_between_requests < 0:
            raise CommandError("--seconds-between-requests cannot be negative.")
        throttle = HostThrottle(seconds_between_requests)
        articles = list(clippings_to_recheck())
        quiet = no_progress or not sys.stderr.isatty()
        outcomes = []
        for article in tqdm(articles, desc="Re-checking", unit="clipping", disable=quiet):
            outcomes.append(outcome := recheck(article, throttle=throttle))
            if outcome.result != UNCHANGED:
                self.stdout.write(str(outcome))
        changed = sum(outcome.result == CHANGED for outcome in outcomes)
        failed = sum(outcome.result == FAILED for outcome in outcomes)
        self.stdout.write(
            f"{len(outcomes)} clipping(s) re-checked: {changed} changed (to review in the "
            f"admin), {len(outcomes) - changed - failed} unchanged, {failed} failed."
        )
        if failed:
            raise CommandError(f"{failed} clipping(s) could not be re-checked.", returncode=1)
