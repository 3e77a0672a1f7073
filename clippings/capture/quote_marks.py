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
_TRAILING = re.compile(r"[\s,;:]+$")


@dataclass
class MarkedPassage:
    """The words between a pair of marks: ``start``/``end`` index the paragraph's text."""

    start: int  # first character after the opening mark
    end: int  # the closing mark, or the paragraph's end when the passage runs on
    closed: bool = True  # False when the paragraph ends inside the passage
    mark_width: int = 1  # '' is two characters

    @property
    def span(self):
        """``(start, end)`` of the passage with its marks."""
        return (self.start - self.mark_width, self.end + (self.mark_width if self.closed else 0))


_MARK = re.compile(r"''|[“”„«»\"]")


def marked_passages(text):
    """The quoted passages of one paragraph, in order; nested single quotes stay inside.

    Two apostrophes ('') stand for a straight double mark, as some newspapers' text prints it.
    """
    passages = []
    start = None
    for match in _MARK.finditer(text):
        index, mark = match.start(), match.group(0)
        char = STRAIGHT if mark == "''" else mark
        if start is None:
            # Only a mark that can open opens: a straight one not glued to the word before it.
            if char in OPENING or (char == STRAIGHT and _opens(text, index)):
                start = match.end()
        elif char in CLOSING or char == STRAIGHT:
            passages.append(MarkedPassage(start, index, mark_width=len(mark)))
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
    lead = len(words) - len(words.lstrip())
    return passage.start + lead, passage.start + len(trimmed)


def opens_with_mark(text):
    """Whether a paragraph begins with an opening mark: a run-on quotation's next part."""
    stripped = text.lstrip()
    return bool(stripped) and (stripped[0] in OPENING + STRAIGHT or stripped.startswith("''"))
