"""Every invariant of the archive, checked over the whole database, for ``check_archive``.

The models' ``clean()`` and constraints guard each save; rows written around them (raw SQL,
a queryset ``update()``, ``loaddata``, an old bug) can still break a rule. The rules are the
models' own: ``clean()`` and the checks below ask the same predicates of a record
(``Quote.is_said_after_printed``, ``Update.is_dated_before()``, ...); this module only says
how to report and fix what they find. Each check is one query, or one pass over a
``.iterator()``, so the whole run stays linear in the size of the archive rather than calling
``full_clean()`` row by row.
"""

from dataclasses import dataclass

from django.core.validators import slug_re
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan

from clippings.models import (
    Article,
    Capture,
    Credit,
    Paragraph,
    Quote,
    Source,
    Speaker,
    SpeakerAlias,
    Tag,
    Update,
)
from clippings.quote_dates import quotes_with_stale_dates
from clippings.search import search_index_problems
from clippings.speaker_names import speakers_with_stale_name_words
from clippings.text import (
    FORBIDDEN_CHARACTERS_SQL,
    MAX_TEXT_LENGTH,
    forbidden_character_message,
    printable,
)

CHUNK_SIZE = 2000
#: Captures read at a time: each holds a WARC file of up to a few megabytes.
CAPTURE_CHUNK_SIZE = 20


@dataclass(frozen=True)
class Problem:
    """One broken rule: its code, which record, what is wrong, how to put it right."""

    code: str
    model: str
    identifier: str
    message: str
    fix: str

    def __str__(self):
        return f"{self.model} {self.identifier}: {self.message}. Fix: {self.fix}"


def archive_problems():
    """Every violation in the archive, check by check, as ``Problem``s."""
    yield from quote_problems()
    yield from update_problems()
    yield from paragraph_problems()
    yield from capture_problems()
    for model in (Article, Speaker, Source, Tag):
        yield from slug_problems(model)
    yield from orphan_problems()
    yield from text_problems()
    yield from search_problems()
    yield from speaker_name_word_problems()
    yield from quote_date_problems()


def quote_problems():
    """``Quote.clean()``'s rules: of its own article, verbatim, said before printed."""
    quotes = (
        Quote.objects.select_related("article", "paragraph__article", "paragraph__update")
        .only(
            "anchor",
            "words",
            "said_on",
            "article__slug",
            "paragraph__article__published_on",
            "paragraph__anchor",
            "paragraph__text",
            "paragraph__update__published_on",
        )
        .order_by("pk")
    )
    for quote in quotes.iterator(chunk_size=CHUNK_SIZE):
        ident = f"{quote.article.slug}#{quote.anchor}"
        paragraph = quote.paragraph
        if quote.is_in_another_articles_paragraph:
            yield Problem(
                "quote_paragraph_of_another_article",
                "Quote",
                ident,
                f"its paragraph (pk {paragraph.pk}) belongs to another article",
                "point the quote at the paragraph of its own article that prints the words",
            )
            continue
        if not quote.words_appear_in(paragraph):
            yield Problem(
                "quote_not_verbatim",
                "Quote",
                ident,
                f"its words do not appear verbatim in paragraph {paragraph.anchor}",
                "copy the words exactly as the paragraph prints them, or correct the paragraph",
            )
        if quote.is_said_after_printed:
            yield Problem(
                "quote_said_after_printed",
                "Quote",
                ident,
                f"said on {quote.said_on:%Y-%m-%d}, after it was printed on "
                f"{quote.printed_on:%Y-%m-%d}",
                "correct the date the words were said, or the date of the article or update",
            )


def update_problems():
    """``Update.clean()``'s rule: no update predates its article."""
    updates = (
        Update.objects.select_related("article")
        .only("anchor", "published_on", "article__slug", "article__published_on")
        .order_by("pk")
    )
    for update in updates.iterator(chunk_size=CHUNK_SIZE):
        if update.is_dated_before(update.article):
            yield Problem(
                "update_before_its_article",
                "Update",
                f"{update.article.slug}#{update.anchor}",
                f"dated {update.published_on:%Y-%m-%d}, before its article "
                f"({update.article.published_on:%Y-%m-%d})",
                "correct the update's date or the article's original publication date",
            )


#: ``Paragraph.clean()``'s rules: (code, the paragraph's predicate, problem, fix).
PARAGRAPH_RULES = [
    (
        "paragraph_update_of_another_article",
        Paragraph.has_update_of_another_article,
        "its update belongs to another article",
        "choose an update of its article",
    ),
    (
        "paragraph_rewrites_another_article",
        Paragraph.rewrites_another_articles_paragraph,
        "it rewrites a paragraph of another article",
        "choose a paragraph of its own article, or clear “replaces”",
    ),
    (
        "paragraph_rewrites_from_the_original_post",
        Paragraph.rewrites_from_the_original_post,
        "it rewrites an earlier paragraph but belongs to the original post",
        "attach it to the update that rewrote the paragraph, or clear “replaces”",
    ),
    (
        "paragraph_empty",
        Paragraph.is_empty,
        "it has no text and rewrites nothing",
        "give it its text as printed, or delete it",
    ),
]


def paragraph_problems():
    """The paragraphs that break a rule of ``PARAGRAPH_RULES``, rule by rule."""
    paragraphs = (
        Paragraph.objects.select_related("article", "update", "replaces")
        .only("anchor", "text", "article__slug", "update__article_id", "replaces__article_id")
        .order_by("pk")
    )
    found = {code: [] for code, *_ in PARAGRAPH_RULES}
    for paragraph in paragraphs.iterator(chunk_size=CHUNK_SIZE):
        ident = f"{paragraph.article.slug}#{paragraph.anchor}"
        for code, broken, problem, fix in PARAGRAPH_RULES:
            if broken.fget(paragraph):
                found[code].append(Problem(code, "Paragraph", ident, problem, fix))
    for problems in found.values():
        yield from problems


def capture_problems():
    """A fetched page's WARC file holds what its particulars say, and its update is one of its
    clipping's own. A capture is never changed: any difference is damage."""
    captures = Capture.objects.select_related("article", "update").order_by("pk")
    for capture in captures.iterator(chunk_size=CAPTURE_CHUNK_SIZE):
        ident = f"{capture.article.slug}, fetched {capture.fetched_at:%Y-%m-%d %H:%M:%S} UTC"
        if capture.has_update_of_another_article:
            yield Problem(
                "capture_update_of_another_article",
                "Capture",
                ident,
                "its update belongs to another article",
                "restore the capture and its clipping from a backup",
            )
        for problem in capture.warc_disagreements():
            yield Problem(
                "capture_warc_damaged",
                "Capture",
                ident,
                problem,
                "restore the capture from a backup (its SHA-256 names the page it must hold)",
            )


def slug_problems(model):
    """Slugs are valid URL parts (the database keeps them unique, even ignoring case)."""
    name = model.__name__
    rows = model.objects.order_by("pk").values_list("pk", "slug")
    for pk, slug in rows.iterator(chunk_size=CHUNK_SIZE):
        if not slug_re.match(slug or ""):
            yield Problem(
                "slug_invalid",
                name,
                repr(slug) if slug else f"pk {pk}",
                "the slug is empty or has characters other than letters, digits, - and _",
                "give it a slug of lower-case letters, digits and hyphens",
            )


def orphan_problems():
    """Speakers, sources and tags that nothing in the archive refers to."""
    said = Quote.objects.filter(speaker=models.OuterRef("pk"))
    relayed = Quote.objects.filter(intermediary=models.OuterRef("pk"))
    speakers = Speaker.objects.filter(~models.Exists(said), ~models.Exists(relayed))
    credited = Source.credits.rel.related_model.objects.filter(source=models.OuterRef("pk"))
    channel = Quote.objects.filter(channel_source=models.OuterRef("pk"))
    published = Article.objects.filter(outlet=models.OuterRef("pk"))
    sources = Source.objects.filter(
        ~models.Exists(credited), ~models.Exists(channel), ~models.Exists(published)
    )
    filed = Article.tags.through.objects.filter(tag=models.OuterRef("pk"))
    tags = Tag.objects.filter(~models.Exists(filed))
    checks = [
        ("speaker_unused", speakers, "no quote is said or relayed by this speaker"),
        (
            "source_unused",
            sources,
            "no article credits this source or was published by it, and no quote came through it",
        ),
        ("tag_unused", tags, "no article is filed under this tag"),
    ]
    for code, queryset, problem in checks:
        name = queryset.model.__name__
        for slug in queryset.order_by("slug").values_list("slug", flat=True).iterator(CHUNK_SIZE):
            yield Problem(code, name, slug, problem, "delete it, or attach it where it belongs")


def text_problems():
    """No text holds a character that no page or feed can carry, or more than a field holds.

    The models refuse them on every save; a row written around them can still have one.
    """
    for model in (Article, Credit, Update, Paragraph, Quote, Speaker, SpeakerAlias, Source, Tag):
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        broken = models.Q()
        for field in fields:
            broken |= models.Q(**{f"{field}__regex": FORBIDDEN_CHARACTERS_SQL})
            broken |= models.Q(GreaterThan(Length(field), MAX_TEXT_LENGTH))
        rows = model.objects.filter(broken).select_related().order_by("pk")  # for natural_key()
        for row in rows.iterator(CHUNK_SIZE):
            for field in fields:
                if message := forbidden_character_message(getattr(row, field)):
                    yield Problem(
                        "text_not_storable",
                        model.__name__,
                        printable("#".join(map(str, row.natural_key()))),
                        f"its {field}: {message.rstrip('.')}",
                        "correct it in the admin, which shows the field",
                    )


def search_problems():
    """The full-text indexes (over quotes, over clippings' text) exist and match what they
    index."""
    for problem in search_index_problems():
        yield Problem(
            f"search_{problem.code}",
            problem.index.capitalize(),
            problem.part,
            problem.message.rstrip("."),
            "run `manage.py rebuild_search_index` (it recreates what is missing)",
        )


def quote_date_problems():
    """The date each quote is listed and sorted under is the one its words, paragraph, update
    and clipping give it."""
    for quote in (
        quotes_with_stale_dates()
        .select_related("article")
        .only("anchor", "dated_on", "article__slug")
    ):
        yield Problem(
            "quote_date_out_of_step",
            "Quote",
            f"{quote.article.slug}#{quote.anchor}",
            f"listed under {quote.dated_on or 'no date'}, not the date its clipping gives it",
            "save the quote (its date is worked out as it is saved)",
        )


def speaker_name_word_problems():
    """The words the quote search matches a speaker by are those of their name and aliases."""
    stale = speakers_with_stale_name_words()
    slugs = dict(Speaker.objects.filter(pk__in=stale).values_list("pk", "slug"))
    for speaker_id in stale:
        yield Problem(
            "speaker_name_words_out_of_step",
            "Speaker",
            slugs.get(speaker_id, f"pk {speaker_id}"),
            "the quote search matches it by words other than those of its name and aliases",
            "run `manage.py rebuild_speaker_names`",
        )
