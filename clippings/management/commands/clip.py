import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from clippings import models as archive
from clippings.capture import services
from clippings.capture.clip import ClipError, clip_source


class Command(BaseCommand):
    help = (
        "Clip stories from web addresses, saved pages (.html) or text files (.txt, or - for "
        "standard input) as draft clippings; --dry-run prints what would be saved instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="Address or file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Save nothing; print each story read."
        )
        parser.add_argument(
            "--format",
            choices=["json", "text"],
            default="text",
            help="json: one object per SOURCE, in order; text: a short summary of each.",
        )
        parser.add_argument(
            "--update",
            metavar="SLUG",
            help="Clip a newer version of this clipping, saved as one update (one SOURCE).",
        )

    def handle(self, *args, sources, dry_run, format, update, **options):
        speaker_names = None  # the archive's, read for each story
        if archive.Speaker._meta.db_table not in connection.introspection.table_names():
            if not dry_run or update:
                raise CommandError(
                    "The archive's database is not set up: run `manage.py migrate` first."
                )
            self.stderr.write(
                "The archive's database is not set up (`manage.py migrate`): proposed "
                "speakers are not matched to the archive's."
            )
            speaker_names = []
        article = self._article(update, sources) if update else None
        results = [self._clip(source, article, dry_run, speaker_names) for source in sources]
        if format == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            for result in results:
                self.stdout.write(_summary(result))
        if any("error" in result for result in results):
            raise CommandError("Some sources could not be clipped.", returncode=1)

    def _article(self, slug, sources):
        if len(sources) != 1:
            raise CommandError("--update takes exactly one SOURCE.")
        article = archive.Article.objects.known_by_slug(slug).first()
        if article is None:
            raise CommandError(f"No clipping with the slug {slug!r}.")
        return article

    def _clip(self, source, article, dry_run, speaker_names):
        """One source's JSON object: the story read, what was saved, or the error."""
        try:
            story = clip_source(source, speaker_names=speaker_names)
            result = story.as_json()
            if not dry_run:
                result["saved"] = _saved(_save(story, article))
        except ClipError as error:
            return {"source": source, "error": str(error)}
        except ValidationError as error:
            return {"source": source, "error": " ".join(error.messages)}
        return result


def _save(story, article):
    """Save ``story`` as a new draft clipping, or as a newer version of ``article``."""
    if article is not None:
        return services.clipping_add_version(article, story)
    return services.clipping_create_draft(story)


def _saved(record):
    """What the service saved: an article or an update (or None when nothing changed)."""
    if record is None:
        return None
    return {"model": record._meta.model_name, "pk": record.pk, "name": str(record)}


def _summary(result):
    if "error" in result:
        return f"{result['source']}: error: {result['error']}"
    lines = [
        f"{result['source']}: {result['headline'] or '(no headline)'}",
        f"  published {result['published_on'] or 'undated'}; {len(result['paragraphs'])} "
        f"paragraphs, {len(result['updates'])} updates, {len(result['quotes'])} quotes proposed",
    ]
    lines += [f"  warning: {warning}" for warning in result["warnings"]]
    if result.get("saved"):
        lines.append(f"  saved: {result['saved']['model']} {result['saved']['name']}")
    elif "saved" in result:
        lines.append("  nothing changed since the clipping's latest version: nothing saved")
    return "\n".join(lines)
