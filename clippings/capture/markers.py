"""What a paragraph announces rather than says: an update marker ("Update Sunday 03/04/2016:",
"UPDATE:", "Correction:"), a related-story link ("READ MORE: …") or an embed the text lost
("Separatist Government's Twitter Account:"), and the story's paragraphs split at its markers.

Plain text and HTML pages both come here once they are paragraphs, so a marker means the same
wherever it was printed.
"""

import re
from dataclasses import dataclass

from . import dates
from .draft import DraftParagraph, DraftUpdate

_MARKER_WORD = (
    r"(?:update[ds]?|correction|clarification|editor['’]?s['’]?\s+note|editorial\s+note"
    r"|this\s+(?:story|article|post)\s+(?:has\s+been|was)\s+updated)"
)
# The marker, what may follow it before its colon (a date, a time: "Sunday 03/04/2016",
# "at 14:00 GMT", "2", "(3.45pm)"), then a colon, a dash or the end of the line, then the text the
# marker's line goes on with.
UPDATE_MARKER = re.compile(
    r"^\W{0,3}(?P<label>" + _MARKER_WORD + r"(?P<when>(?:\d{1,2}[:.]\d{2}|[^:\n—–]){0,60}?))"
    r"\W{0,2}(?:\s*(?::(?!\d\d)|[—–])|\s+-\s|$)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# Words a marker's "when" may hold besides numbers and punctuation.
_WHEN_WORDS = (
    set(dates.WEEKDAYS)
    | set(dates.MONTHS)
    | {"on", "at", "the", "of", "am", "pm", "a", "m", "p", "noon", "midnight", "st", "nd", "rd"}
    | {"th", "local", "time", "hrs", "h", "gmt", "bst", "utc", "cet", "cest", "et", "est", "edt"}
    | {"ct", "cst", "cdt", "pt", "pst", "pdt", "mt", "aest", "ist", "msk", "no", "number"}
    | {"today", "yesterday", "tonight", "this", "morning", "afternoon", "evening", "and"}
)
_WORD = re.compile(r"[^\W\d_]+")

RELATED_LINK = re.compile(
    r"^\W{0,3}(?:read\s+more|read\s+also|also\s+read|read|related(?:\s+(?:story|stories|article|"
    r"content|coverage|news))?|see\s+also|more\s+on\s+this(?:\s+story)?|more\s+from\s+\w+"
    r"|recommended|you\s+may\s+also\s+like|don['’]t\s+miss|further\s+reading|also\s+on\s+\w+"
    r"|also\s+see|must\s+read|suggested(?:\s+reading)?|trending)\s*[:—–|»>]",
    re.IGNORECASE,
)
EMBED_WORDS = re.compile(
    r"\b(?:twitter|tweets?|x\.com|instagram|facebook|youtube|video|watch|account|post|tiktok"
    r"|telegram|livestream|footage|photos?|gallery|map|graphic|podcast|listen|audio|poll)\b",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*[•·▪►◦‣*–-]\s*")
OPENS_QUOTE_OR_LIST = re.compile(r"^\s*[\"“‘'«•·▪*–-]|^\s*\d+[.)]\s")


@dataclass
class Marker:
    label: str
    rest: str


def update_marker(text):
    """The update ``text`` starts, as a ``Marker`` (its label and the text after it), or None."""
    first_line = text.strip()
    match = UPDATE_MARKER.match(first_line)
    if not match:
        return None
    if not _is_when(match["when"]):
        return None
    ended_by = first_line[match.end("label") :].lstrip()[:1]
    # A bare "UPDATE" on its own line is a marker; "Updates" as a heading word is not.
    if (
        not match["rest"]
        and not ended_by
        and not re.search(r"\d", match["when"])
        and not re.fullmatch(r"\W*(?:update|correction|editor['’]?s note)\W*", first_line, re.I)
    ):
        return None
    if match["rest"] and not ended_by:
        return None
    # The label runs on over the brackets and dots that close it: "UPDATE (April 3, 2016)".
    closing = re.match(r"[)\].]*", first_line[match.end("label") :]).group(0)
    label = (match["label"] + closing).strip().lstrip("*_([").strip()
    rest = match["rest"].strip().lstrip("*_").strip()
    if rest and re.search(r"\d", rest) and _is_when(rest):
        label, rest = f"{label}: {rest}", ""  # "Updated: 19 November 2019 10:32 GMT"
    return Marker(label=label, rest=rest)


def _is_when(text):
    """Whether ``text`` holds only a date or a time ("Sunday 03/04/2016", "at 14:00 GMT")."""
    words = [word.lower() for word in _WORD.findall(text)]
    return len(words) <= 8 and all(word in _WHEN_WORDS for word in words)


def is_related_link(text):
    """Whether the paragraph only points to another story ("READ MORE: …", "Related: …")."""
    if not RELATED_LINK.match(text):
        return False
    return len(text.split()) <= 30 and text.count(". ") <= 1


def is_lost_embed(text, following=""):
    """Whether the paragraph introduces something the text no longer shows (a tweet, a video).

    A short line ending with a colon that names such a thing, or any short colon-ended line that
    the next paragraph does not continue (it neither opens a quotation nor a list).
    """
    text = text.strip()
    if not text.endswith(":") or len(text.split()) > 15:
        return False
    if EMBED_WORDS.search(text):
        return True
    return bool(following) and not OPENS_QUOTE_OR_LIST.match(following)


def without_bullet(text):
    return BULLET.sub("", text, count=1).strip()


def split_updates(story, blocks, *, month_first=False, reference=None):
    """Fill ``story``'s paragraphs and updates from ``blocks`` in order.

    ``blocks`` are ``DraftParagraph`` (``update`` unset). A paragraph that starts with an update
    marker opens a ``DraftUpdate``, dated from the marker (against ``reference``, the version's
    date, for a weekday or "yesterday"); the paragraphs after it belong to that update, the
    marker's own text on its line being the first of them.

    A marker above all the text ("Updated 3 April 2016" under the headline) or with no text
    after it (a "Last updated" line at the foot) dates the page, not an update of the story:
    it gives ``story.modified_on`` where the page gave none.
    """
    sections = [(None, [])]
    for block in blocks:
        marker = update_marker(block.text) if block.kind == "text" else None
        if marker:
            sections.append((marker, []))
            if not marker.rest:
                continue
            block = DraftParagraph(text=marker.rest, kind=block.kind, url=block.url)
        sections[-1][1].append(block)
    for number, (marker, paragraphs) in enumerate(sections):
        if marker and (not paragraphs or not any(part for _, part in sections[:number])):
            printed = dates.read_date(marker.label, month_first=month_first)
            story.modified_on = story.modified_on or (None if printed.inferred else printed.date)
            marker = None
        if marker:
            story.updates.append(_dated_update(story, marker.label, month_first, reference))
        for paragraph in paragraphs:
            paragraph.update = len(story.updates) - 1 if story.updates else None
            story.paragraphs.append(paragraph)
    return story


def _dated_update(story, label, month_first, reference):
    printed = dates.read_date(label, month_first=month_first, reference=reference)
    update = DraftUpdate(label=label, published_on=printed.date, date_readings=printed.readings)
    update.date_is_inferred = printed.inferred
    if printed.date is None and reference is not None:
        update.published_on, update.date_is_inferred = reference, True
    if printed.warning:
        story.warnings.append(f"{label}: {printed.warning}")
    if update.date_is_inferred:
        story.warnings.append(
            f"{label}: the date {update.published_on:%-d %B %Y} was worked out from the "
            "page, not printed with the update."
        )
    elif update.published_on is None:
        story.warnings.append(f"{label}: no date printed; please give the update's date.")
    return update
