"""A story's versions on a time axis, each marked with the size of its change: the picture the
evolution and clipping pages draw, as the Wayback Machine's calendar draws a page's captures.

Each version (the original post, then each update: ``evolution.versions_of``) is a bar at its
date, on an axis from the first version's date to the last one's, so dates far apart stand far
apart. Above the axis the bar is as tall as the words the version added; below it, as deep as
the words it removed; a rewritten paragraph counts both. Both come from the comparison with
the version before (``evolution.compare``); the original post adds its whole text.

Places and widths along the axis are percentages of the picture's width, heights are pixels:
the picture takes any width without stretching its lettering or overflowing. Versions on the
same day, or on days too close for their bars to stand apart, are spread evenly around their
dates, each at least ``STEP`` from the next; as a percentage that holds at any width.
"""

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from django.template.defaultfilters import pluralize
from django.utils.formats import date_format
from django.utils.text import capfirst

from .evolution import compare

#: Along the axis, in percent of the picture's width: the margin at each end, the widest a bar
#: is, and the least distance from one bar's middle to the next.
MARGIN = 1.0
BAR = 2.2
STEP = 3.4
#: Up and down, in pixels: the picture's height, where the axis runs, and the room above it
#: (for words added) and below it (for words removed) that the largest figure fills.
HEIGHT = 104
AXIS = 70
ROOM_ABOVE = 64
ROOM_BELOW = 30
#: Pixels: the shortest bar drawn for a change of at least one word, and the mark on the axis
#: every version has, changed words or not.
LEAST_BAR = 2
MARK = 4


@dataclass
class Mark:
    """One version on the picture: ``change`` is what it changed from the version before
    (None for the original post). ``x`` is the middle of its bar, ``width`` its width (both in
    percent); the heights are in pixels."""

    version: object
    change: object
    x: float = 0.0
    width: float = BAR
    added_height: float = 0.0
    removed_height: float = 0.0

    @property
    def words_added(self):
        return self.change.words_added if self.change else self.version.word_count

    @property
    def words_removed(self):
        return self.change.words_removed if self.change else 0

    @property
    def what_changed(self):
        """The comparison's summary sentence; for the original post, what it printed."""
        if self.change is None:
            paragraphs, quotes = len(self.version.blocks), len(self.version.quotes)
            return f"{counted(paragraphs, 'paragraph')}, {counted(quotes, 'quote')}."
        return self.change.sentence or "No change to the text."

    @property
    def words(self):
        """The words the bar stands for: "640 words", "812 words added, 3 removed"."""
        added, removed = self.words_added, self.words_removed
        if self.change is None:
            return counted(added, "word")
        if not added and not removed:
            return "no word changed"
        return f"{counted(added, 'word')} added, {removed or 'none'} removed"

    @cached_property
    def description(self):
        """What the bar says, as a sentence: its version, date, change and words."""
        date = date_format(self.version.date, "j F Y")
        return f"{self.version.label}, {date}: {self.what_changed} {capfirst(self.words)}."

    @property
    def left(self):
        return round(self.x - self.width / 2, 2)

    @property
    def added_top(self):
        return AXIS - self.added_height

    @property
    def mark_top(self):
        return AXIS - MARK / 2


@dataclass
class Timeline:
    """Every version of a story as a ``Mark``, oldest first, and the axis they stand on."""

    marks: list

    height = HEIGHT
    axis = AXIS
    mark_height = MARK

    @property
    def first(self):
        return min(mark.version.date for mark in self.marks)

    @property
    def last(self):
        return max(mark.version.date for mark in self.marks)

    @property
    def days(self):
        return (self.last - self.first).days

    @property
    def duration(self):
        """How long the story ran from its first version to its last, in words."""
        return span(self.first, self.last)

    def comparison(self, before, after):
        """What changed from version ``before`` to version ``after`` (``evolution.compare``):
        the comparison a mark already holds when ``after`` directly follows ``before``, so a
        page that draws the timeline and shows that change compares the two once."""
        for mark in self.marks:
            if mark.change and mark.change.before is before and mark.change.after is after:
                return mark.change
        return compare(before, after)


def timeline_of(versions):
    """The ``Timeline`` of ``versions`` (``versions_of()``'s, oldest first, at least one)."""
    changes = [None, *(compare(before, after) for before, after in pairwise(versions))]
    marks = [Mark(version, change) for version, change in zip(versions, changes, strict=True)]
    _place(marks)
    _size(marks)
    return Timeline(marks)


def _place(marks):
    """Each mark's bar at its date's place on the axis, spread around it where bars crowd."""
    first = min(mark.version.date for mark in marks)
    days = (max(mark.version.date for mark in marks) - first).days
    low, high = MARGIN + BAR / 2, 100 - MARGIN - BAR / 2
    by_date = sorted(marks, key=lambda mark: (mark.version.date, mark.version.number))
    wanted = [
        low + (high - low) * ((mark.version.date - first).days / days if days else 0.5)
        for mark in by_date
    ]
    places, step = spread(wanted, STEP, low, high)
    for mark, place in zip(by_date, places, strict=True):
        mark.x = round(place, 2)
        mark.width = round(min(BAR, step * 2 / 3), 2)


def _size(marks):
    """Bar heights on one scale for words added and removed: the largest figure fills its
    room, and a change of one word still shows."""
    most_added = max(mark.words_added for mark in marks)
    most_removed = max(mark.words_removed for mark in marks)
    scale = min(
        ROOM_ABOVE / most_added if most_added else ROOM_ABOVE,
        ROOM_BELOW / most_removed if most_removed else ROOM_BELOW,
    )
    for mark in marks:
        mark.added_height = _height(mark.words_added, scale)
        mark.removed_height = _height(mark.words_removed, scale)


def _height(words, scale):
    return round(max(words * scale, LEAST_BAR), 1) if words else 0.0


@dataclass
class _Run:
    """Places kept ``step`` apart from ``start`` on: ``count`` of them, wanted at ``total``
    in all."""

    start: float
    count: int
    total: float

    def end(self, step):
        return self.start + self.count * step


def spread(wanted, step, low, high):
    """Places as near as may be to ``wanted`` (ascending, each between ``low`` and ``high``),
    each at least ``step`` from the next, all between ``low`` and ``high``: a run of places
    too close together is spread evenly around where its places are wanted on average. If
    they cannot all fit ``step`` apart, ``step`` narrows until they do. Returns the places and
    the step."""
    if len(wanted) > 1:
        step = min(step, (high - low) / (len(wanted) - 1))
    runs = []
    for place in wanted:
        runs.append(_Run(place, 1, place))
        while True:
            run = runs[-1]
            middle = run.total / run.count - (run.count - 1) * step / 2
            run.start = min(max(middle, low), high - (run.count - 1) * step)
            if len(runs) == 1 or runs[-2].end(step) <= run.start + 1e-9:
                break
            before = runs.pop(-2)
            run.count += before.count
            run.total += before.total
    return [run.start + n * step for run in runs for n in range(run.count)], step


def counted(number, thing):
    """``number`` of ``thing``, plural unless one: "1 word", "3 words"."""
    return f"{number} {thing}{pluralize(number)}"


def span(first, last):
    """How long from date ``first`` to date ``last``, in words: "the same day", "1 day",
    "3 years and 2 days" (whole years from one anniversary to the next)."""
    years = last.year - first.year - ((last.month, last.day) < (first.month, first.day))
    days = (last - _years_after(first, years)).days
    parts = [counted(years, "year")] if years > 0 else []
    if days or not parts:
        parts.append(counted(days, "day") if days else "the same day")
    return " and ".join(parts)


def _years_after(date, years):
    """The anniversary of ``date`` ``years`` later: 29 February's is 1 March in other years."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, month=3, day=1)
