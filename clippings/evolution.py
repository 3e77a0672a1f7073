"""How a story evolved: the text readers saw at each version, and what changed between two.

Version 0 is the original post; version *n* is the story as it stood after its *n*-th update.
An update adds paragraphs at the end, and may rewrite or remove an earlier paragraph
(``Paragraph.replaces``). A paragraph keeps the anchor of its first printing in every version,
so a link to ``#p3`` finds that paragraph before and after it was rewritten.

Everything here works on an article fetched with ``Article.objects.with_page_content()``, so
building versions and comparing them costs no queries.
"""

import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from itertools import groupby, pairwise

from django.template.defaultfilters import pluralize

from .text import comparable

TOKEN = re.compile(r"\s+|[^\s]+")
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Block:
    """One paragraph as a version shows it."""

    anchor: str  # the anchor of the paragraph's first printing: stable across versions
    paragraph: object  # the printing this version shows

    @property
    def text(self):
        return self.paragraph.text


@dataclass
class Version:
    """The story as readers saw it from one date on."""

    number: int
    key: str  # "original" or the update's anchor: used in URLs
    label: str
    date: object
    date_is_inferred: bool
    headline: str
    blocks: list
    update: object = None

    @cached_property
    def quotes(self):
        return [quote for block in self.blocks for quote in block.paragraph.quotes.all()]

    @cached_property
    def quotes_by_key(self):
        """The version's quotes by what a comparison tells them apart by: speaker and words."""
        return {_quote_key(quote): quote for quote in self.quotes}

    @cached_property
    def text(self):
        """The version's words, paragraph by paragraph: what its content hash covers."""
        parts = [self.headline, *(block.text for block in self.blocks)]
        return unicodedata.normalize("NFC", "\n\n".join(parts))

    @cached_property
    def content_hash(self):
        """SHA-256 of the version's text, UTF-8 encoded: lets a citation be checked later."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def anchor_of(self, paragraph):
        """The anchor this version shows ``paragraph`` at (that of its first printing), or
        None if it does not show it."""
        return next((b.anchor for b in self.blocks if b.paragraph.pk == paragraph.pk), None)

    @cached_property
    def word_count(self):
        """Words in the headline and paragraphs: the size of the text the version printed."""
        return word_count(self.text)


def versions_of(article):
    """Every version of ``article``, oldest first."""
    paragraphs = list(article.paragraphs.all())
    by_update = {}
    for paragraph in paragraphs:
        by_update.setdefault(paragraph.update_id, []).append(paragraph)
    first_anchor = {}  # paragraph pk -> anchor of its first printing
    for paragraph in paragraphs:
        first_anchor[paragraph.pk] = (
            first_anchor.get(paragraph.replaces_id, paragraph.anchor)
            if paragraph.replaces_id
            else paragraph.anchor
        )

    shown = {}  # stable anchor -> paragraph shown now, in printed order
    for paragraph in by_update.get(None, []):
        shown[paragraph.anchor] = paragraph
    (_, headline), *updates = headlines_of(article)
    versions = [
        Version(
            number=0,
            key=section_anchor(None),
            label="Original post",
            date=article.published_on,
            date_is_inferred=article.published_on_is_inferred,
            headline=headline,
            blocks=_blocks(shown),
        )
    ]
    for number, (update, headline) in enumerate(updates, start=1):
        for paragraph in by_update.get(update.pk, []):
            shown[first_anchor[paragraph.pk]] = paragraph
        versions.append(
            Version(
                number=number,
                key=section_anchor(update),
                label=update.label,
                date=update.published_on,
                date_is_inferred=False,
                headline=headline,
                blocks=_blocks(shown),
                update=update,
            )
        )
    return versions


def first_printed_in(versions, paragraph):
    """Of an article's ``versions``, the one that first printed ``paragraph``: the original
    post's, or the version its update made."""
    return next(
        version
        for version in versions
        if (version.update.pk if version.update else None) == paragraph.update_id
    )


def headlines_of(article):
    """``(update, headline)`` for the original post (``update`` None) and each update of
    ``article`` in order: an update that prints no headline keeps the one before it."""
    headline = article.headline
    headlines = [(None, headline)]
    for update in article.updates.all():
        headline = update.headline or headline
        headlines.append((update, headline))
    return headlines


def section_anchor(update):
    """The anchor (and version key in addresses) of the original post or of ``update``."""
    return "original" if update is None else update.anchor


@dataclass
class Section:
    """The original post or one update, as printed: its own paragraphs only."""

    anchor: str
    label: str
    date: object
    date_is_inferred: bool
    paragraphs: list
    update: object = None


def sections_of(article, versions):
    """The printed record: the original post, then each update with the paragraphs it added."""
    by_update = {}
    for paragraph in article.paragraphs.all():
        by_update.setdefault(paragraph.update_id, []).append(paragraph)
    return [
        Section(
            anchor=section_anchor(version.update),
            label=version.label,
            date=version.date,
            date_is_inferred=version.date_is_inferred,
            paragraphs=by_update.get(version.update.pk if version.update else None, []),
            update=version.update,
        )
        for version in versions
    ]


@dataclass(frozen=True)
class LaterChange:
    """What a later update did to a paragraph: rewrote it (``revision`` holds the new text) or
    removed it; ``version`` is the version that update made, ``before`` the one before it."""

    revision: object
    version: Version
    before: Version

    @property
    def is_removal(self):
        return self.revision.is_removal


def later_changes(article, versions):
    """``{paragraph pk: LaterChange}`` for each paragraph of ``article`` (fetched with its
    paragraphs) that a later update rewrote or removed."""
    made_by = {version.update.pk: (before, version) for before, version in pairwise(versions)}
    changes = {}
    for paragraph in article.paragraphs.all():
        if paragraph.replaces_id and paragraph.update_id in made_by:
            before, version = made_by[paragraph.update_id]
            changes[paragraph.replaces_id] = LaterChange(paragraph, version, before)
    return changes


def _blocks(shown):
    return [Block(anchor, paragraph) for anchor, paragraph in shown.items() if paragraph.text]


# Comparing two versions ---------------------------------------------------------------


class Status(StrEnum):
    """How a paragraph, the headline or a quote fares from one version to the other, with the
    badge that marks it on the page: a symbol and a word (unchanged text has none)."""

    ADDED = "added", "+", "Added"
    REMOVED = "removed", "−", "Removed"
    CHANGED = "changed", "±", "Changed"
    UNCHANGED = "unchanged", "", ""

    def __new__(cls, value, symbol, word):
        status = str.__new__(cls, value)
        status._value_ = value
        status.symbol = symbol
        status.word = word
        return status


class ChangeKind(StrEnum):
    """What a comparison counts, in the order its summary lists them."""

    HEADLINE_CHANGED = "Headline changed"
    TEXT_ADDED = "Text added"
    TEXT_REMOVED = "Text removed"
    TEXT_CHANGED = "Text changed"
    FIGURES_CHANGED = "Figures changed"
    QUOTE_ADDED = "Quote added"
    QUOTE_REMOVED = "Quote removed"


TEXT_CHANGE_KINDS = {
    Status.ADDED: ChangeKind.TEXT_ADDED,
    Status.REMOVED: ChangeKind.TEXT_REMOVED,
    Status.CHANGED: ChangeKind.TEXT_CHANGED,
}


@dataclass(frozen=True)
class Token:
    op: str  # "equal", "insert" or "delete"
    text: str

    @property
    def is_insertion(self):
        return self.op == "insert"

    @property
    def is_deletion(self):
        return self.op == "delete"


def earlier_side(tokens):
    """Of a word diff, the earlier text whole, its removed words marked."""
    return [token for token in tokens if not token.is_insertion]


def later_side(tokens):
    """Of a word diff, the later text whole, its added words marked."""
    return [token for token in tokens if not token.is_deletion]


@dataclass
class ParagraphChange:
    anchor: str
    status: Status
    before: object = None  # Block
    after: object = None  # Block

    @cached_property
    def tokens(self):
        """The word diff a page shows, worked out when a page first shows it."""
        if self.status == Status.ADDED:
            return [Token("insert", self.after.text)]
        if self.status == Status.REMOVED:
            return [Token("delete", self.before.text)]
        if self.status == Status.UNCHANGED:
            return [Token("equal", self.after.text)]
        return word_diff(self.before.text, self.after.text)

    @property
    def tokens_before(self):
        """The earlier text, its removed words marked: the left of a side-by-side view."""
        return earlier_side(self.tokens)

    @property
    def tokens_after(self):
        """The later text, its added words marked: the right of a side-by-side view."""
        return later_side(self.tokens)

    @cached_property
    def figures_changed(self):
        if self.status != Status.CHANGED:
            return False
        return Counter(FIGURE.findall(self.before.text)) != Counter(FIGURE.findall(self.after.text))

    @property
    def kinds(self):
        kinds = [TEXT_CHANGE_KINDS[self.status]] if self.status in TEXT_CHANGE_KINDS else []
        if self.figures_changed:
            kinds.append(ChangeKind.FIGURES_CHANGED)
        return kinds


#: How the summary sentence names each kind of change but figures (listed by paragraph): what
#: is counted and what happened to it.
_SENTENCE_WORDING = {
    ChangeKind.TEXT_ADDED: ("paragraph", "added"),
    ChangeKind.TEXT_REMOVED: ("paragraph", "removed"),
    ChangeKind.TEXT_CHANGED: ("paragraph", "rewritten"),
    ChangeKind.QUOTE_ADDED: ("quote", "added"),
    ChangeKind.QUOTE_REMOVED: ("quote", "removed"),
}


@dataclass
class Comparison:
    before: Version
    after: Version
    paragraphs: list
    quotes_added: list
    quotes_removed: list

    @property
    def headline_changed(self):
        return self.before.headline != self.after.headline

    @cached_property
    def headline_tokens(self):
        """The headline's word diff, worked out when a page first shows it."""
        return word_diff(self.before.headline, self.after.headline)

    @property
    def headline_before(self):
        """The earlier headline whole, its removed words marked."""
        return earlier_side(self.headline_tokens)

    @property
    def headline_after(self):
        """The later headline whole, its added words marked."""
        return later_side(self.headline_tokens)

    @property
    def headline_status(self):
        return Status.CHANGED if self.headline_changed else Status.UNCHANGED

    @property
    def quote_changes(self):
        """(status, quote) for each quote added, then for each quote removed."""
        return [(Status.ADDED, quote) for quote in self.quotes_added] + [
            (Status.REMOVED, quote) for quote in self.quotes_removed
        ]

    @property
    def changes(self):
        return [change for change in self.paragraphs if change.status != Status.UNCHANGED]

    @cached_property
    def summary(self):
        """How many changes of each kind, in ``ChangeKind``'s order, leaving out kinds with none."""
        counts = Counter()
        if self.headline_changed:
            counts[ChangeKind.HEADLINE_CHANGED] += 1
        for change in self.changes:
            counts.update(change.kinds)
        counts[ChangeKind.QUOTE_ADDED] += len(self.quotes_added)
        counts[ChangeKind.QUOTE_REMOVED] += len(self.quotes_removed)
        return [(kind, counts[kind]) for kind in ChangeKind if counts[kind]]

    @cached_property
    def sentence(self):
        """The summary as a sentence a reader takes in at a glance: "24 paragraphs added, 26
        quotes added; figures changed in p3." (None when nothing changed.)"""
        counts = dict(self.summary)
        if not counts:
            return None
        phrases = ["headline changed"] if ChangeKind.HEADLINE_CHANGED in counts else []
        phrases += [
            f"{counts[kind]} {thing}{pluralize(counts[kind])} {done}"
            for kind, (thing, done) in _SENTENCE_WORDING.items()
            if kind in counts
        ]
        figures = [change.anchor for change in self.changes if change.figures_changed]
        text = ", ".join(phrases)
        if figures:
            text += f"{'; ' if phrases else ''}figures changed in {', '.join(figures)}"
        return text[0].upper() + text[1:] + "."

    @cached_property
    def words_added(self):
        """Words the later version has that the earlier has not, headline included: a
        rewritten paragraph counts the words its rewrite brought in (``words_changed()``)."""
        return self._words_changed[0]

    @cached_property
    def words_removed(self):
        """Words the earlier version has that the later has not, headline included."""
        return self._words_changed[1]

    @cached_property
    def _words_changed(self):
        texts = [(self.before.headline, self.after.headline)] + [
            (change.before.text if change.before else "", change.after.text if change.after else "")
            for change in self.paragraphs
        ]
        changes = [words_changed(before, after) for before, after in texts]
        return sum(added for added, _ in changes), sum(removed for _, removed in changes)

    @property
    def paragraph_runs(self):
        """The paragraphs' changes in runs: ``(unchanged, [changes])``, a run of unchanged
        paragraphs apart from the changed ones around it, so that a page can fold it."""
        runs = groupby(self.paragraphs, key=lambda change: change.status == Status.UNCHANGED)
        return [(unchanged, list(changes)) for unchanged, changes in runs]

    @cached_property
    def speakers_added(self):
        return _speakers(self.after.quotes) - _speakers(self.before.quotes)

    @cached_property
    def speakers_removed(self):
        return _speakers(self.before.quotes) - _speakers(self.after.quotes)


def _speakers(quotes):
    return {quote.speaker for quote in quotes}


def word_count(text):
    """Words in ``text``, as the word diff splits it: runs of characters between spaces."""
    return len(text.split())


def words_changed(before, after):
    """``(added, removed)``: how many words of text ``after`` have no match in text ``before``
    and how many of ``before`` none in ``after``, the words (``word_count()``'s) matched in
    order as ``difflib`` matches them. The one rule for every figure of words added and
    removed: the timeline's bars on the clipping and evolution pages and the recent changes'.

    The spaces between words take no part in the match, as they do in the diff a comparison
    shows (``word_diff()``): the figures cost a tenth of that diff, and a page that shows no
    comparison, such as the clipping page, works none out. Now and then the two pair a
    rewrite's words differently and differ by a word."""
    if before == after:
        return 0, 0
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return len(new) - matched, len(old) - matched


def word_diff(before, after):
    """Word-level differences between two texts, as a list of tokens."""
    old, new = TOKEN.findall(before), TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    tokens = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            tokens.append(Token("equal", "".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            tokens.append(Token("delete", "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            tokens.append(Token("insert", "".join(new[j1:j2])))
    return tokens


def compare(before, after):
    """What changed from version ``before`` to version ``after`` (either may be the later)."""
    old = {block.anchor: block for block in before.blocks}
    new = {block.anchor: block for block in after.blocks}
    order = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    anchors = []
    for op, i1, i2, j1, j2 in order.get_opcodes():
        anchors.extend(list(old)[i1:i2] if op in ("delete", "replace") else [])
        anchors.extend(list(new)[j1:j2])
    seen = set()
    paragraphs = []
    for anchor in anchors:
        if anchor in seen:
            continue
        seen.add(anchor)
        paragraphs.append(_paragraph_change(anchor, old.get(anchor), new.get(anchor)))

    old_quotes, new_quotes = before.quotes_by_key, after.quotes_by_key
    return Comparison(
        before=before,
        after=after,
        paragraphs=paragraphs,
        quotes_added=[quote for key, quote in new_quotes.items() if key not in old_quotes],
        quotes_removed=[quote for key, quote in old_quotes.items() if key not in new_quotes],
    )


def _paragraph_change(anchor, before, after):
    if before is None:
        return ParagraphChange(anchor, Status.ADDED, after=after)
    if after is None:
        return ParagraphChange(anchor, Status.REMOVED, before=before)
    status = Status.UNCHANGED if before.text == after.text else Status.CHANGED
    return ParagraphChange(anchor, status, before, after)


def _quote_key(quote):
    return (quote.speaker_id, comparable(quote.words))
