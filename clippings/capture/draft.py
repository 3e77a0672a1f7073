"""What a clipped page or text reads as, before anything is saved: plain data, no database."""

import datetime
from dataclasses import asdict, dataclass, field


@dataclass
class DraftUpdate:
    """A later update the text marks ("Update Sunday 03/04/2016:", "UPDATE:", "Correction:")."""

    label: str
    published_on: datetime.date | None = None
    #: The date was not printed with the marker but taken from the context (a weekday, the page).
    date_is_inferred: bool = False
    #: A numeric date that reads both ways (03/04/2016): every reading, for the editor to choose.
    date_readings: list[datetime.date] = field(default_factory=list)
    headline: str = ""

    @property
    def date_is_ambiguous(self):
        return len(self.date_readings) > 1


@dataclass
class DraftParagraph:
    text: str
    kind: str = "text"  # a Paragraph.Kind value: text, related_link, embed
    url: str = ""
    #: Index into ``ClippedStory.updates``; None for the original post.
    update: int | None = None


@dataclass
class ProposedQuote:
    """A quotation the text attributes, as proposed to the editor."""

    paragraph: int  # index into ClippedStory.paragraphs
    words: str  # verbatim, a substring of the paragraph's text
    kind: str  # a Quote.Kind value: full, partial, reported
    speaker: str  # who said it, resolved as a reader would ("Serzh Sarksyan", not "he")
    speaker_as_printed: str = ""  # as the sentence names the speaker ("he", "the ministry")
    cue: str = ""  # the speech verb or phrase: "said", "told", "according to"
    channel: str = "unspecified"  # a Quote.Channel value
    channel_as_printed: str = ""  # "in a statement posted on its website"
    channel_source: str = ""  # the outlet named by the channel, e.g. "Al Jazeera"
    intermediary: str = ""  # who relayed the words, if the text says
    said_on_as_printed: str = ""  # "on Saturday"
    speaker_id: int | None = None  # the archive's Speaker the name matched, if any


@dataclass
class ClippedStory:
    """One clipped version of a story: the original post and its marked updates."""

    source: str  # the address, file name or "-" it was clipped from
    headline: str = ""
    url: str = ""  # the page's canonical address, if known
    published_on: datetime.date | None = None
    #: The page prints no date for the original post: ``published_on`` was worked out.
    published_on_is_inferred: bool = False
    published_on_note: str = ""  # how it was worked out
    modified_on: datetime.date | None = None
    site_name: str = ""
    byline: str = ""
    tags: list[str] = field(default_factory=list)  # keywords, proposed as tags
    filed_under_as_printed: str = ""  # the keyword line as printed, if the text prints one
    #: The sources the story credits, as printed ("Sources: Sputnik, RT.COM").
    credits: list[str] = field(default_factory=list)
    comment_count: int | None = None  # as the page's comment footer says, if it does
    comments_closed: bool = False
    updates: list[DraftUpdate] = field(default_factory=list)
    paragraphs: list[DraftParagraph] = field(default_factory=list)
    quotes: list[ProposedQuote] = field(default_factory=list)
    #: What the editor must check: an ambiguous date, a missing headline, ...
    warnings: list[str] = field(default_factory=list)
    #: The fetched page (``fetch.FetchedPage``) when the story came from an address.
    capture: object = field(default=None, repr=False, compare=False)

    def as_json(self):
        """The ``clip --dry-run --format json`` object: dates as ISO 8601 strings."""
        data = asdict(self)
        del data["capture"]
        return _iso_dates(data)


def _iso_dates(value):
    if isinstance(value, dict):
        return {key: _iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso_dates(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
