"""Saving a clipped story: a new draft clipping, or a newer version of one as an update.

Each write is one transaction, every record checked with ``full_clean()`` before it is saved,
and recorded in the history with the editor and a change reason. Only the quotes the editor
accepted are saved, each re-checked as a hand-made one is (its words verbatim in its
paragraph); a quote that breaks a rule undoes the whole write.
"""

import datetime
from functools import cached_property
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from clippings import models as archive
from clippings.evolution import versions_of
from clippings.text import fold

from .align import align, is_same_story
from .clip import ClipError, matching_source

CLIPPED = "Clipped from {source}"
NEWER_VERSION = "Newer version clipped from {source}"
#: The label of an update the page does not name with a marker of its own.
UNMARKED_UPDATE_LABEL = "Updated on the page"


@transaction.atomic
def clipping_create_draft(story, *, user=None, accepted_quotes=None):
    """Save ``story`` (a ``draft.ClippedStory``) as a new draft clipping and return it.

    The article gets a slug of its own from the headline; its updates, paragraphs, the site
    credited as a source (an existing source with the same host or name, else a new one),
    the tags among its keywords that the archive has (all keywords stay on the article as
    its keyword line, for the editor to file under new tags), its capture, and the quotes
    of ``accepted_quotes`` (``draft.ProposedQuote``; none when None).
    """
    _refuse_empty(story)
    reason = CLIPPED.format(source=_short(story.source))
    published_on, inferred_note = _publication_date(story)
    article = archive.Article(
        headline=story.headline.strip(),
        slug=_free_slug(archive.Article, story.headline),
        status=archive.Article.Status.DRAFT,
        published_on=published_on,
        published_on_is_inferred=bool(inferred_note),
        published_on_note=inferred_note,
        original_url=_address(story)[:500],
        filed_under_as_printed=", ".join(story.tags)[:300],
    )
    _save(article, user, reason)
    article.tags.add(*_existing_tags(story.tags))
    updates = [
        _save(
            archive.Update(
                article=article,
                label=draft.label.strip() or UNMARKED_UPDATE_LABEL,
                published_on=draft.published_on or published_on,
                headline=draft.headline.strip(),
            ),
            user,
            reason,
        )
        for draft in story.updates
    ]
    positions = {}
    paragraphs = []
    for draft in story.paragraphs:
        update = updates[draft.update] if draft.update is not None else None
        positions[draft.update] = positions.get(draft.update, 0) + 1
        paragraph = _paragraph(article, update, draft, positions[draft.update])
        paragraphs.append(_save(paragraph, user, reason))
    if source := site_source(story):
        if source.pk is None:
            _save(source, user, reason)
        credit = archive.Credit(
            article=article, source=source, name_as_printed=story.site_name[:200]
        )
        _save(credit, user, reason)
    _save_quotes(article, paragraphs, accepted_quotes or [], user, reason)
    if story.capture is not None:
        _record_capture(article, story.capture)
    return article


@transaction.atomic
def clipping_add_version(
    article, story, *, user=None, accepted_quotes=None, label=None, published_on=None
):
    """Record ``story``, a newer version of ``article``, as one new update; return it.

    The story's paragraphs are aligned with the article's latest version (``align``):
    rewritten paragraphs are saved as paragraphs that replace their earlier one, removed
    ones as empty paragraphs that replace theirs, new ones added, a changed headline set on
    the update. Returns None, creating nothing, when nothing changed. Refused with a
    ``ClipError`` when the story is another one than the article's. Only quotes of
    ``accepted_quotes`` in new or rewritten paragraphs are saved. ``label`` and
    ``published_on``, as the editor confirmed them, stand for those read from the page
    (``version_label_and_date()``).
    """
    _refuse_empty(story)
    alignment, latest = version_alignment(article, story)
    if not alignment.has_changes:
        return None
    reason = NEWER_VERSION.format(source=_short(story.source))
    if not (label and published_on):
        read_label, read_date, _ = version_label_and_date(article, story, alignment)
        label, published_on = label or read_label, published_on or read_date
    update = _save(
        archive.Update(
            article=article, label=label, published_on=published_on, headline=alignment.headline
        ),
        user,
        reason,
    )
    saved = {}  # index into story.paragraphs -> Paragraph
    position = 0
    for step in alignment.steps:
        if step.op == "unchanged":
            continue
        position += 1
        old = latest.blocks[step.old].paragraph if step.old is not None else None
        if step.op == "removed":
            paragraph = archive.Paragraph(
                article=article, update=update, position=position, replaces=old, text=""
            )
            _save(paragraph, user, reason)
            continue
        draft = story.paragraphs[step.new]
        paragraph = _paragraph(article, update, draft, position)
        paragraph.replaces = old
        saved[step.new] = _save(paragraph, user, reason)
    quotes = [quote for quote in accepted_quotes or [] if quote.paragraph in saved]
    _save_quotes(article, saved, quotes, user, reason)
    if story.capture is not None:
        _record_capture(article, story.capture, update=update)
    return update


def version_alignment(article, story):
    """``(alignment, latest version)``: ``story`` set against ``article``'s latest version.

    Raises ``ClipError`` when the story is not a version of the article at all.
    """
    article = archive.Article.objects.with_page_content().get(pk=article.pk)
    latest = versions_of(article)[-1]
    old_texts = [block.text for block in latest.blocks]
    new_texts = [draft.text for draft in story.paragraphs]
    if not is_same_story(
        "\n".join([latest.headline, *old_texts]), "\n".join([story.headline, *new_texts])
    ):
        raise ClipError(
            "This is another story: its text has almost nothing in common with "
            f"“{latest.headline}”. Clip it as a new story instead."
        )
    alignment = align(
        old_texts, new_texts, old_headline=latest.headline, new_headline=story.headline
    )
    return alignment, latest


def proposals_for_version(story, alignment):
    """The proposed quotes of ``story`` that lie in its new or rewritten paragraphs."""
    changed = alignment.changed_new_indexes
    return [quote for quote in story.quotes if quote.paragraph in changed]


# Parts ---------------------------------------------------------------------------------


def _refuse_empty(story):
    if not story.headline.strip():
        raise ClipError("No headline was found: the first line of a text is its headline.")
    if not any(draft.text.strip() for draft in story.paragraphs):
        raise ClipError("No paragraphs were found in this page or text.")


def _save(instance, user, reason):
    instance.full_clean()
    instance._history_user = user
    instance._change_reason = reason
    instance.save()
    return instance


def _short(source):
    return source if len(source) <= 80 else source[:79] + "…"


def _publication_date(story):
    """The original post's date and, when the story prints none, how it was worked out."""
    if story.published_on:
        return story.published_on, ""
    if story.modified_on:
        return story.modified_on, "Not printed: the page's last-modified date."
    fetched = _fetched_on(story)
    if fetched:
        return fetched, "Not printed: the date the page was fetched."
    return timezone.localdate(), "Not printed: the date the story was clipped."


def _fetched_on(story):
    fetched_at = getattr(story.capture, "fetched_at", None)
    if isinstance(fetched_at, datetime.datetime):
        aware = timezone.is_aware(fetched_at)
        return timezone.localdate(fetched_at) if aware else fetched_at.date()
    return None


def _address(story):
    return story.url or getattr(story.capture, "final_url", "") or ""


def _free_slug(model, text, field="slug"):
    """A slug from ``text`` that no record of ``model`` has or, for articles, ever had."""
    max_length = model._meta.get_field(field).max_length
    base = (slugify(text)[: max_length - 4].strip("-")) or model._meta.model_name
    candidate, number = base, 1
    while _slug_taken(model, candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _slug_taken(model, slug):
    if model is archive.Article:
        return archive.Article.objects.known_by_slug(slug).exists()
    return model.objects.filter(slug__iexact=slug).exists()


def keyword_tags(keywords):
    """Each keyword with the archive's tag of that name or slug (ignoring case), or None."""
    pairs = []
    for keyword in (keyword.strip() for keyword in keywords):
        if keyword:
            tag = archive.Tag.objects.filter(name__iexact=keyword).first()
            if tag is None and slugify(keyword):
                tag = archive.Tag.objects.filter(slug=slugify(keyword)).first()
            pairs.append((keyword, tag))
    return pairs


def _existing_tags(keywords):
    return list(dict.fromkeys(tag for _, tag in keyword_tags(keywords) if tag))


def _paragraph(article, update, draft, position):
    return archive.Paragraph(
        article=article,
        update=update,
        position=position,
        kind=draft.kind or archive.Paragraph.Kind.TEXT,
        text=draft.text.strip(),
        url=draft.url[:500],
    )


def site_source(story):
    """The source to credit for the page's site: the archive's (``clip.matching_source()``),
    else a new one made from the site's name and address (not yet saved); None when the
    story names neither (pasted text)."""
    if found := matching_source(story):
        return found
    address = urlsplit(_address(story))
    name = story.site_name.strip() or (address.hostname or "").removeprefix("www.")
    if not name:
        return None
    return archive.Source(
        name=name[:200],
        slug=_free_slug(archive.Source, name),
        kind=archive.Source.Kind.WEBSITE,
        url=f"{address.scheme}://{address.netloc}/" if address.hostname else "",
    )


def _save_quotes(article, paragraphs, quotes, user, reason):
    """Save each accepted quote against its paragraph (``paragraphs`` is indexed like the
    story's paragraphs); a quote that breaks a rule raises ``ValidationError`` naming it."""
    speakers = _Speakers(user, reason)
    sources = {}
    for proposal in quotes:
        try:
            paragraph = paragraphs[proposal.paragraph]
        except (IndexError, KeyError):
            raise ValidationError(
                f"The quote “{proposal.words}” points at no paragraph of this text."
            ) from None
        quote = archive.Quote(
            article=article,
            paragraph=paragraph,
            words=proposal.words.strip(),
            kind=proposal.kind or archive.Quote.Kind.FULL,
            speaker=speakers.get(proposal.speaker_id, proposal.speaker),
            speaker_as_printed=proposal.speaker_as_printed.strip()[:200],
            channel=proposal.channel or archive.Quote.Channel.UNSPECIFIED,
            channel_as_printed=proposal.channel_as_printed.strip()[:300],
            channel_source=_named_source(proposal.channel_source, sources),
            said_on_as_printed=proposal.said_on_as_printed.strip()[:100],
        )
        if proposal.intermediary.strip():
            quote.intermediary = speakers.get(None, proposal.intermediary)
        try:
            _save(quote, user, reason)
        except ValidationError as error:
            raise ValidationError(
                f"The quote “{_short(proposal.words)}” cannot be saved: " + " ".join(error.messages)
            ) from error


class _Speakers:
    """The speakers of one write's quotes, each looked up once: the archive's names and
    aliases are read once, however many quotes and names there are."""

    def __init__(self, user, reason):
        self.user, self.reason = user, reason
        self.by_id = {}
        self.by_name = {}  # folded name -> speaker

    def get(self, speaker_id, name):
        """The speaker ``speaker_id`` names, else the one filed under ``name`` (or an alias
        of it, ignoring case and accents), else a new speaker of that name."""
        if speaker_id:
            if speaker_id not in self.by_id:
                try:
                    self.by_id[speaker_id] = archive.Speaker.objects.get(pk=speaker_id)
                except archive.Speaker.DoesNotExist:
                    raise ValidationError(f"The speaker #{speaker_id} no longer exists.") from None
            return self.by_id[speaker_id]
        name = " ".join(name.split())
        if not name:
            raise ValidationError("Every accepted quote needs a speaker.")
        key = fold(name)
        if key not in self.by_name:
            speaker = self._named(key)
            if speaker is None:
                speaker = _save(
                    archive.Speaker(name=name[:200], slug=_free_slug(archive.Speaker, name)),
                    self.user,
                    self.reason,
                )
            self.by_name[key] = speaker
        return self.by_name[key]

    def _named(self, folded):
        for speaker in archive.Speaker.objects.filter(name__iexact=folded):
            return speaker
        ids = self._ids_by_folded_name.get(folded, set())
        return archive.Speaker.objects.get(pk=next(iter(ids))) if len(ids) == 1 else None

    @cached_property
    def _ids_by_folded_name(self):
        """Folded name or alias -> the ids of the speakers filed under it, as the archive
        stood before this write (a speaker it adds is kept in ``by_name``)."""
        ids = {}
        for pk, name in (
            *archive.Speaker.objects.values_list("pk", "name"),
            *archive.SpeakerAlias.objects.values_list("speaker_id", "name"),
        ):
            ids.setdefault(fold(name), set()).add(pk)
        return ids


def _named_source(name, known):
    """The archive's source of that name (ignoring case), looked up once per name."""
    name = name.strip()
    if name and name not in known:
        known[name] = archive.Source.objects.filter(name__iexact=name).first()
    return known.get(name)


def version_label_and_date(article, story, alignment):
    """The new update's label and date, and the readings of a date that reads two ways
    (else []): those of the page's update marker over the new or rewritten paragraphs, else
    "Updated on the page" dated by the page's modified date or the fetch, never before the
    article's latest update."""
    marked = [
        story.updates[story.paragraphs[index].update]
        for index in sorted(alignment.changed_new_indexes)
        if story.paragraphs[index].update is not None
    ]
    marker = marked[-1] if marked else None
    date = (
        (marker.published_on if marker else None)
        or story.modified_on
        or _fetched_on(story)
        or timezone.localdate()
    )
    latest = article.updates.order_by("-published_on").values_list("published_on", flat=True)
    floor = max([article.published_on, *latest[:1]])
    label = marker.label.strip() if marker and marker.label.strip() else UNMARKED_UPDATE_LABEL
    readings = marker.date_readings if marker and marker.date_is_ambiguous else []
    return label[:200], max(date, floor), readings


def _record_capture(article, page, update=None):
    from .captures import capture_record

    capture_record(article=article, page=page, update=update)
