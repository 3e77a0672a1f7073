"""Plain text as a story: headline on the first line, paragraphs separated by blank lines.

What a writer's text may carry besides: a keyword line above the headline (lower case, no
sentence), update markers, related-story links, lines that introduced an embed the text lost,
a "Sources:" line and a comment footer at the end.
"""

import re

from clippings.text import normalise_line_breaks

from . import dates, markers
from .draft import ClippedStory, DraftParagraph
from .errors import ClipError

#: A block whose lines are all at most this long (but its last) is one paragraph wrapped by
#: hand; longer lines are each a paragraph of their own.
WRAP_WIDTH = 80
KEYWORD_LINE = re.compile(r"[^\W\d_][\w\s,;#/-]*", re.UNICODE)
SOURCES_LINE = re.compile(r"^(?:sources?|credits?)\s*:\s*(?P<names>.+)$", re.IGNORECASE)
COMMENTS_LINE = re.compile(
    r"^(?P<count>\d+|no|one)\s+(?:thoughts?|comments?|responses?|replies|reactions?)"
    r"(?:\s+(?:on|to)\b.*)?$",
    re.IGNORECASE,
)
COMMENTS_CLOSED = re.compile(r"^comments\s+(?:are|were)\s+closed\.?$", re.IGNORECASE)


def parse_text(text, *, source):
    """Read ``text`` as a ``ClippedStory``; raise ``ClipError`` when it holds no paragraphs."""
    blocks = _blocks(text)
    story = ClippedStory(source=source)
    if blocks and _is_keyword_line(blocks):
        story.filed_under_as_printed = blocks.pop(0)
        story.tags = keywords(story.filed_under_as_printed)
    if not blocks:
        raise ClipError("The text is empty: it has no headline and no paragraphs.")
    story.headline = blocks.pop(0)
    _read_footer(story, blocks)
    if blocks and (printed := _dateline(blocks[0])):
        blocks.pop(0)
        story.published_on = printed.date
        story.warnings.extend([printed.warning] if printed.warning else [])
    if not blocks:
        raise ClipError(
            "The text has a headline but no paragraphs: put the headline on the first line "
            "and separate paragraphs with blank lines."
        )
    paragraphs = [_paragraph(block, following) for block, following in _with_next(blocks)]
    month_first = dates.is_american(text=text)
    markers.split_updates(story, paragraphs, month_first=month_first, reference=None)
    infer_published_on(story)
    return story


def keywords(line):
    """A keyword line as tags: lower case, "nagorno -karabakh" as one tag, commas or spaces."""
    line = re.sub(r"\s*-\s*", "-", line.lower())
    separator = "," if "," in line or ";" in line else None
    names = re.split(r"[,;]", line) if separator else line.split()
    return [re.sub(r"\s+", "-", name.strip().strip("#")) for name in names if name.strip("# ")]


def infer_published_on(story):
    """Date an undated original post by its first dated update, the latest it can be."""
    if story.published_on is not None:
        return
    dated = next((update for update in story.updates if update.published_on), None)
    if dated is None:
        story.warnings.append("The original post prints no date: please give it.")
        return
    story.published_on = dated.published_on
    story.published_on_is_inferred = True
    story.published_on_note = (
        f"The original post prints no date; taken as the date of its update “{dated.label}”, "
        "the latest it can be."
    )
    story.warnings.append(story.published_on_note)


def _blocks(text):
    """The text's paragraphs: blank-line-separated blocks, split further at long lines."""
    text = normalise_line_breaks(text).replace("\ufeff", "")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not paragraphs:  # the headline, and a keyword line above it, are lines of their own
            heading = 2 if len(lines) > 1 and _looks_like_keywords(lines[0]) else 1
            paragraphs.extend(lines[:heading])
            lines = lines[heading:]
        if not lines:
            continue
        if all(len(line) <= WRAP_WIDTH for line in lines[:-1]):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_keyword_line(blocks):
    return len(blocks) > 1 and _looks_like_keywords(blocks[0])


def _looks_like_keywords(line):
    return (
        line == line.lower()
        and len(line.split()) <= 12
        and KEYWORD_LINE.fullmatch(line) is not None
    )


def _read_footer(story, blocks):
    """Take the credits line and the comment footer off the end of ``blocks``."""
    for index in range(len(blocks) - 1, max(len(blocks) - 5, -1), -1):
        line = blocks[index]
        if match := SOURCES_LINE.match(line):
            story.credits = [name.strip() for name in match["names"].split(",") if name.strip()]
        elif match := COMMENTS_LINE.match(line):
            count = match["count"].lower()
            story.comment_count = int(count) if count.isdigit() else ("no", "one").index(count)
        elif COMMENTS_CLOSED.match(line):
            story.comments_closed = True
        else:
            continue
        del blocks[index:]  # whatever followed a footer line was the footer too


def _dateline(block):
    """The original post's date when the line under the headline prints only that."""
    if len(block.split()) > 8 or markers.update_marker(block):
        return None  # long, or "Updated …": the page's last change, which the markers read
    printed = dates.read_date(block, month_first=dates.is_american(text=block))
    return printed if printed.date and not printed.inferred else None


def _paragraph(text, following):
    if markers.update_marker(text):
        return DraftParagraph(text=text)
    if markers.is_related_link(text):
        return DraftParagraph(text=markers.without_bullet(text), kind="related_link")
    text = markers.without_bullet(text)
    if markers.is_lost_embed(text, following):
        return DraftParagraph(text=text, kind="embed")
    return DraftParagraph(text=text)


def _with_next(items):
    return zip(items, [*items[1:], ""], strict=True)
