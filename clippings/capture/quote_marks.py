"""Passages in quotation marks: where each opens and closes in a paragraph.

Straight (") and typographic (“ ”, „ « ») double marks are read; single marks are left to
apostrophes and quotes within quotes. A passage still open at the end of its paragraph runs on
into the next paragraph when that one opens with a mark, as news prints a long quotation.
"""

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
_TRAILING = re.compile(r"[\s,;:]+$")
_LEADING = re.compile(r"^[\s]+")


@dataclass
class MarkedPassage:
    """The words between a pair of marks: ``start``/``end`` index the paragraph's text."""

    start: int  # first character after the opening mark
    end: int  # the closing mark, or the paragraph's end when the passage runs on
    closed: bool = True  # False when the paragraph ends inside the passage

    @property
    def span(self):
        return (self.start - 1, self.end + (1 if self.closed else 0))


def marked_passages(text):
    """The quoted passages of one paragraph, in order; nested single quotes stay inside."""
    passages = []
    start = None
    for index, char in enumerate(text):
        if char not in MARKS:
            continue
        if start is None:
            # A closing mark with nothing open is a typo or a run-on passage's end; a straight
            # mark that closes must not be taken to open, so only opening marks open.
            if char in OPENING or (char == STRAIGHT and _opens(text, index)):
                start = index + 1
            elif char in CLOSING and not passages and text[:index].strip():
                # “ … ” with the opening mark lost at the start of a run-on paragraph.
                continue
        elif char in CLOSING or char == STRAIGHT:
            passages.append(MarkedPassage(start, index))
            start = None
        # An opening mark inside an open passage is taken as a misprint and ignored.
    if start is not None:
        passages.append(MarkedPassage(start, len(text), closed=False))
    return [passage for passage in passages if text[passage.start : passage.end].strip()]


def _opens(text, index):
    """A straight mark opens where it is not glued to the word before it."""
    before = text[index - 1] if index else " "
    return not (before.isalnum() or before in ".,!?;:")


def words_of(text, passage):
    """The passage's words as proposed: no surrounding spaces or the comma before the mark.

    A full stop, question or exclamation mark printed inside the marks is kept.
    """
    words = text[passage.start : passage.end]
    trimmed = _TRAILING.sub("", words)
    lead = len(words) - len(_LEADING.sub("", words))
    return passage.start + lead, passage.start + len(trimmed)


def opens_with_mark(text):
    """Whether a paragraph begins with an opening mark: a run-on quotation's next part."""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in OPENING + STRAIGHT
