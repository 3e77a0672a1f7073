"""The archive ``make bench`` measures: generated once for its sizes, then reused."""

import os
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
#: ``BENCH_SIZE``: the full size of the measurements the project publishes, or a quick run.
PRESETS = {
    "full": {},  # clippings.generated.Sizes' defaults
    "small": {
        "clippings": 500,
        "updates": 750,
        "paragraphs": 12_500,
        "quotes": 50_000,
        "speakers": 1_000,
        "aliases": 1_900,
        "sources": 100,
        "tags": 200,
    },
}


def sizes_from_environment(environ=os.environ):
    """The preset ``BENCH_SIZE`` names (full by default), each size overridden by
    ``BENCH_<SIZE>`` (``BENCH_QUOTES=100000``). Needs Django set up (the models)."""
    from dataclasses import fields

    from clippings.generated import Sizes

    preset = environ.get("BENCH_SIZE", "full") or "full"
    if preset not in PRESETS:
        raise SystemExit(f"BENCH_SIZE must be one of {', '.join(PRESETS)}, not {preset!r}.")
    values = {**vars(Sizes()), **PRESETS[preset]}
    for size in fields(Sizes):
        if text := environ.get(f"BENCH_{size.name.upper()}", "").strip():
            values[size.name] = size.type(text)
    return Sizes(**values)


def default_database_url(environ=os.environ):
    """A SQLite file under ``bench/data/`` named for the sizes asked for and the seed."""
    asked = sorted(
        (name, value) for name, value in environ.items() if name.startswith("BENCH_") and value
    )
    keys = ("BENCH_SIZE", "BENCH_SEED", *(f"BENCH_{name.upper()}" for name in SIZE_NAMES))
    name = "-".join(f"{key[6:].lower()}-{value}" for key, value in asked if key in keys)
    return f"sqlite:///{DATA / ('archive-' + (name or 'size-full') + '.sqlite3')}"


SIZE_NAMES = (
    "clippings",
    "updates",
    "paragraphs",
    "quotes",
    "speakers",
    "aliases",
    "sources",
    "tags",
    "drafts",
)


def counts():
    from clippings.models import Article, Paragraph, Quote, Speaker

    return {
        "clippings": Article.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "quotes": Quote.objects.count(),
        "speakers": Speaker.objects.count(),
    }


def ensure_archive(sizes, seed):
    """Migrate, and generate the archive unless the database already holds one of these sizes.

    Returns the seconds generating took, or None when the archive was reused."""
    import time

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    wanted = {name: getattr(sizes, name) for name in counts()}
    found = counts()
    if found == wanted:
        return None
    if any(found.values()):
        raise SystemExit(
            f"The database holds another archive ({found}); the bench wants {wanted}. "
            "Point DATABASE_URL at an empty database, or unset it."
        )
    started = time.monotonic()
    call_command(
        "generate_archive",
        *(f"--{name}={value}" for name, value in vars(sizes).items()),
        f"--seed={seed}",
    )
    return time.monotonic() - started
