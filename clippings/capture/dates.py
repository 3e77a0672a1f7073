"""Dates as a page prints them: numeric dates read by the page's locale, weekdays and "yesterday"
resolved against the version's date.

A numeric date such as 03/04/2016 reads day first (3 April) on most of the world's sites and month
first (4 March) on American ones. The page says which where it can: ``lang="en-US"``, an
``en_US`` locale, or another date on the page that only reads one way (25/12/2016). A date that
still reads both ways keeps both readings so the editor confirms it; a weekday printed beside it
(Sunday 03/04/2016) settles it.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
WEEKDAYS |= {name.lower(): number for number, name in enumerate(calendar.day_abbr)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9

_WEEKDAY = r"(?P<weekday>" + "|".join(calendar.day_name) + r"|" + "|".join(calendar.day_abbr)
_WEEKDAY += r")\b\.?,?"
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})\b")
ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")
DAY_MONTH_NAME = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>"
    + _MONTH
    + r")(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
MONTH_NAME_DAY = re.compile(
    r"\b(?P<month>" + _MONTH + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
WEEKDAY = re.compile(r"\b" + _WEEKDAY, re.IGNORECASE)
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
RELATIVE_DAY = re.compile(r"\b(?P<word>" + "|".join(RELATIVE_DAYS) + r")\b", re.IGNORECASE)
AMERICAN_LOCALE = re.compile(r"^en[-_]us\b", re.IGNORECASE)


@dataclass
class PrintedDate:
    """What a piece of text says about its date."""

    date: datetime.date | None = None
    #: Every date a numeric date could stand for; more than one when it reads both ways.
    readings: list[datetime.date] = field(default_factory=list)
    #: Taken from the context (a weekday, "yesterday") rather than printed as a date.
    inferred: bool = False
    warning: str = ""


def is_american(*, lang="", text=""):
    """Whether numeric dates on this page read month first.

    ``lang`` is the page's language tag or locale (``en-US``, ``en_US``); otherwise a numeric date
    in ``text`` that can only be read month first (12/25/2016) says so, and one that can only be
    read day first (25/12/2016) says the opposite. Day first when nothing tells.
    """
    if lang:
        return bool(AMERICAN_LOCALE.match(lang.strip()))
    for match in NUMERIC_DATE.finditer(text):
        first, second = int(match["a"]), int(match["b"])
        if first <= 12 < second <= 31:
            return True
        if second <= 12 < first <= 31:
            return False
    return False


def numeric_readings(first, second, year):
    """The real dates ``first/second/year`` can stand for, day-first reading first."""
    year = int(year)
    if year < 100:
        year += 2000 if year < 70 else 1900
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            date = datetime.date(year, int(month), int(day))
        except ValueError:
            continue
        if date not in readings:
            readings.append(date)
    return readings


def read_date(text, *, month_first=False, reference=None):
    """The date ``text`` prints or implies (the first one found), as a ``PrintedDate``.

    Numeric dates are read by the locale (``month_first``); one that reads both ways keeps both
    readings, picks the one a printed weekday agrees with or else the locale's, and says so in
    ``warning``. Dates with a month name and ISO dates read one way. A weekday alone or
    "yesterday" is resolved against ``reference`` (the version's date): the latest such day on
    or before it, marked inferred.
    """
    weekday = WEEKDAY.search(text)
    weekday_number = WEEKDAYS[weekday["weekday"].lower()] if weekday else None
    if match := ISO_DATE.search(text):
        date = _date(match["year"], match["month"], match["day"])
        if date:
            return PrintedDate(date, [date])
    if match := NUMERIC_DATE.search(text):
        readings = numeric_readings(match["a"], match["b"], match["year"])
        if readings:
            return _choose(match[0], readings, month_first=month_first, weekday=weekday_number)
    for pattern in (DAY_MONTH_NAME, MONTH_NAME_DAY):
        if (match := pattern.search(text)) and (date := _named_month_date(match, reference)):
            return date
    if reference is None:
        return PrintedDate()
    if match := RELATIVE_DAY.search(text):
        date = reference + datetime.timedelta(days=RELATIVE_DAYS[match["word"].lower()])
        return PrintedDate(date, [date], inferred=True)
    if weekday_number is not None:
        date = reference - datetime.timedelta(days=(reference.weekday() - weekday_number) % 7)
        return PrintedDate(date, [date], inferred=True)
    return PrintedDate()


def _choose(printed, readings, *, month_first, weekday):
    if len(readings) == 1:
        return PrintedDate(readings[0], readings)
    by_weekday = [date for date in readings if date.weekday() == weekday]
    if len(by_weekday) == 1:
        chosen, why = by_weekday[0], "the weekday printed with it"
    else:
        chosen = readings[1] if month_first else readings[0]
        why = "the page's month-first (American) dates" if month_first else "day-first dates"
    others = ", ".join(f"{date:%-d %B %Y}" for date in readings if date != chosen)
    warning = (
        f"The date {printed} reads both ways: taken as {chosen:%-d %B %Y} ({why}), "
        f"not {others}. Please confirm."
    )
    return PrintedDate(chosen, readings, warning=warning)


def _named_month_date(match, reference):
    month = MONTHS[match["month"].lower().rstrip(".")]
    if match["year"]:
        date = _date(match["year"], month, match["day"])
        return PrintedDate(date, [date]) if date else None
    if reference is None:
        return None
    date = _date(reference.year, month, match["day"])
    if date and date > reference:
        date = _date(reference.year - 1, month, match["day"])
    return PrintedDate(date, [date], inferred=True) if date else None


def _date(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_iso(value):
    """A date from an ISO 8601 date or timestamp (structured data, meta tags), else None."""
    if not value or not isinstance(value, str):
        return None
    match = ISO_DATE.match(value.strip())
    return _date(match["year"], match["month"], match["day"]) if match else None
