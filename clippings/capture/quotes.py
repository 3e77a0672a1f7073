"""Every quotation of a clipped story, proposed to the editor with its speaker.

``propose_quotes(story)`` reads the story's paragraphs in order and proposes:

- each passage in quotation marks: *full* when it is a sentence of its own (or follows a colon
  or "said,"), *partial* when it is a phrase inside the writer's sentence; a quotation that runs
  over several paragraphs is one proposal per paragraph, all with the same speaker;
- each report of speech, the writer's words for what was said after a cue ("said that",
  "told", "urged", "according to", "denied", ...), as *reported*.

Each comes with its speaker resolved (``speakers.SpeakerResolver``), its cue, its channel and
the day it was said where the sentence prints them (``channels``), and the archive's speaker
its name designates (``speakers.match_archive_speakers``, the one database read).
"""

import re
from dataclasses import dataclass

from .channels import channel_in, said_on_in
from .draft import ProposedQuote
from .quote_marks import marked_passages, opens_with_mark, words_of
from .reported_speech import find_cues
from .sentences import sentences
from .speakers import SpeakerResolver, is_pronoun, match_archive_speakers
from .speech_verbs import SAYING

MIN_REPORTED_WORDS = 2
MIN_TRANSCRIPT_WORDS = 4
_TITLE = re.compile(
    r"(?:(?:[A-Z0-9][\w’'.&:-]*|of|the|and|a|an|in|on|at|for|to|with|vs\.?)\s+){0,7}"
    r"[A-Z0-9][\w’'.&-]*"
)
_ON_A_TITLE = re.compile(r"(?:\b(?:on|in|at|from)|[’']s)$")
_QUOTE_ENDS = ("”", '"', "’", "''")
_SPEAKER_LABEL = re.compile(r"([A-Z][\w.’' -]{1,30}[\w.]):\s+(\S.*\S)", re.S)
_HANDLE = re.compile(r"@?\w*\d\w*|@\w+|#\w+|[a-z]+[A-Z]\w*")
_BROKEN_OFF = re.compile(r"\b(?:has|have|had|is|was|are|were|will|would)\s*$", re.I)
_AFTER_QUOTE = re.compile(r"^(?:but|and|or)?\s*that\b", re.I)
_TRAILING_CONNECTIVE = re.compile(
    r"(?:[\s,;:—–-]+(?:and|but|or|while|as|because|so)\b)+[\s,;:—–-]*$", re.I
)
_LEADING_CONNECTIVE = re.compile(r"^(?:(?:but|and|or|that|then|also)\b[\s,]*)+", re.I)


def propose_quotes(story, speaker_names=None):
    """Propose the story's quotations, set them as ``story.quotes`` and return them.

    ``speaker_names``: the archive's (speaker id, name) pairs, read from the database when
    not given.
    """
    quotes = read_quotes(story.paragraphs)
    match_archive_speakers(quotes, names=speaker_names)
    story.quotes = quotes
    return quotes


def read_quotes(paragraphs):
    """The proposals for a list of ``DraftParagraph``: pure text reading, no database."""
    return _StoryReader().read(paragraphs)


@dataclass
class _Proposal:
    quote: ProposedQuote
    start: int
    group: int | None = None  # proposals of one quotation running over several paragraphs
    attributed: bool = False
    unnamed: bool = False  # a saying no one is named for: no speaker to lend a quotation


@dataclass
class _Cue:
    speaker: object  # speakers.Speaker
    printed: str
    cue: str
    channel: object
    said_on: str
    start: int
    end: int
    speaker_start: int
    content: tuple | None
    trailing: bool = False


class _StoryReader:
    def __init__(self):
        self.resolver = SpeakerResolver()
        self.proposals = []
        self.open_group = None
        self.groups = 0

    def read(self, paragraphs):
        for index, paragraph in enumerate(paragraphs):
            if getattr(paragraph, "kind", "text") != "text" or not paragraph.text.strip():
                self.open_group = None
                continue
            self._read_paragraph(index, paragraph.text)
        self._fill_groups()
        return [proposal.quote for proposal in self.proposals]

    def _read_paragraph(self, index, text):
        self.resolver.read(text)
        passages = marked_passages(text)
        if not passages and self._transcript_line(index, text):
            return
        protected = [passage.span for passage in passages]
        group = self.open_group if self.open_group is not None and opens_with_mark(text) else None
        self.open_group = None
        here = []
        for sentence_start, sentence_end in sentences(text, protected):
            sentence = text[sentence_start:sentence_end]
            quoted = [
                (max(start - sentence_start, 0), min(end, sentence_end) - sentence_start)
                for start, end in protected
                if start < sentence_end and end > sentence_start
            ]
            cues = self._cues(sentence, quoted)
            inside = [p for p in passages if sentence_start <= p.span[0] < sentence_end]
            for passage in inside:
                proposal = self._passage(index, text, passage, sentence, sentence_start, cues)
                if proposal is None:
                    continue
                if (
                    passage is passages[0]
                    and group is not None
                    and passage.span[0] <= len(text) - len(text.lstrip())
                ):
                    proposal.group = group
                if not passage.closed:
                    if proposal.group is None:
                        self.groups += 1
                        proposal.group = self.groups
                    self.open_group = proposal.group
                here.append(proposal)
            for cue in cues:
                here.extend(
                    self._reported(index, text, sentence, sentence_start, cue, cues, quoted)
                )
        self._fill_unattributed(here)
        here.sort(key=lambda proposal: proposal.start)
        self.proposals.extend(here)

    def _transcript_line(self, index, text):
        """ "TAPPER: And obviously, you're supporting Donald Trump …": the speaker's words."""
        label = _SPEAKER_LABEL.match(text)
        if not label or not self.resolver.is_label(label.group(1)):
            return False
        if len(label.group(2).split()) < MIN_TRANSCRIPT_WORDS:
            return False  # "Kasich: Now or never.": a heading on the man, not his words
        speaker = self.resolver.resolve(label.group(1).title())
        quote = ProposedQuote(
            paragraph=index,
            words=label.group(2),
            kind="full",
            speaker=speaker.name,
            speaker_as_printed=label.group(1),
        )
        self.proposals.append(_Proposal(quote, label.start(2), attributed=True))
        return True

    def _cues(self, sentence, quoted):
        plain = _blank(sentence, quoted)
        found = []
        cues = find_cues(sentence, quoted)
        if not cues:
            return []
        said_on, sentence_channel = said_on_in(plain), channel_in(plain)
        for cue in cues:
            if cue.speaker is None:
                found.append(_unnamed(sentence, cue, plain, said_on))
                continue
            printed = sentence[cue.speaker[0] : cue.speaker[1]]
            nested = [outer for outer in cues if _nested(sentence, cue, outer)]
            if nested and (
                not is_pronoun(printed) or any(o.content[0] == cue.speaker[0] for o in nested)
            ):
                continue  # "said that Azerbaijan attacked …": what was said, not a saying
            channel = sentence_channel if cue.inverted else channel_in(plain[cue.start :])
            if channel.channel == "unspecified":
                channel = sentence_channel
            speaker = self.resolver.resolve(printed, channel.channel)
            if speaker is None:
                continue
            between = sentence[: cue.speaker[0]].rstrip()
            reported_before = cue.content is not None and cue.content[1] <= cue.start
            trailing = cue.inverted or (
                (between.endswith(_QUOTE_ENDS) or between.endswith(",")) and reported_before
            )
            found.append(
                _Cue(
                    speaker=speaker,
                    printed=printed,
                    cue=cue.text(sentence),
                    channel=channel,
                    said_on=said_on,
                    start=cue.start,
                    end=cue.end,
                    speaker_start=min(cue.speaker[0], cue.start),
                    content=cue.content,
                    trailing=trailing,
                )
            )
        return [
            cue
            for number, cue in enumerate(found)
            if not any(_said_by(cue, other, number > place) for place, other in enumerate(found))
        ]

    def _passage(self, index, text, passage, sentence, sentence_start, cues):
        cues = [cue for cue in cues if cue.speaker is not None]
        start, end = words_of(text, passage)
        if end <= start:
            return None
        local = passage.span[0] - sentence_start
        before = [cue for cue in cues if cue.end <= local]
        after = [cue for cue in cues if cue.speaker_start >= local]
        lead = sentence[: max(local, 0)].strip()
        words = text[start:end]
        if _ON_A_TITLE.search(lead) and _TITLE.fullmatch(words.rstrip(".!?")):
            return None  # “Shark Tank”, “The Walking Dead”: a title, not a quotation
        full = (not lead or (lead.endswith((":", ",")) and bool(before))) and words[:1].isupper()
        full = full or (not lead and words[:1].isupper()) or local < 0
        cue = None
        intermediary = ""
        if before and not (full and after):
            cue = before[-1]
            trailing = [candidate for candidate in after if candidate.trailing]
            if trailing and trailing[0].speaker is not cue.speaker:
                intermediary = trailing[0].speaker.name
        elif after:
            cue = after[0]
        quote = ProposedQuote(
            paragraph=index, words=words, kind="full" if full else "partial", speaker=""
        )
        if cue is not None:
            _attribute(quote, cue)
            quote.intermediary = intermediary
        elif not full and _HANDLE.fullmatch(words):
            return None  # a word in marks with no one saying it: "so-called", a handle, an id
        return _Proposal(quote, start, attributed=cue is not None)

    def _reported(self, index, text, sentence, sentence_start, cue, cues, quoted):
        if cue.content is None:
            return []
        start, end = cue.content
        inner = [other for other in cues if other is not cue and start <= other.start < end]
        if inner and cue.trailing:
            return []  # "X urged …, Y said": Y relays X's words, proposed as X's
        for other in inner:
            end = min(end, other.speaker_start if other.speaker_start > start else other.start)
        if inner and _BROKEN_OFF.search(sentence[start:end]):
            return []  # "Trump has posted …, according to X": the other cue's words, cut short
        pieces, cursor = [], start
        for quote_start, quote_end in sorted(quoted):
            if quote_end <= start or quote_start >= end:
                continue
            pieces.append((cursor, max(cursor, quote_start)))
            cursor = max(cursor, quote_end)
        pieces.append((cursor, end))
        proposals = []
        for number, (piece_start, piece_end) in enumerate(pieces):
            piece = sentence[piece_start:piece_end]
            stripped = piece.strip(" ,;:—–-")
            if number and not _AFTER_QUOTE.match(stripped):
                continue  # "… “an ultimate resolution” of the conflict": the sentence goes on
            stripped = _LEADING_CONNECTIVE.sub("", stripped).strip(" ,;:")
            stripped = _TRAILING_CONNECTIVE.sub("", stripped)
            shortest = MIN_REPORTED_WORDS + (1 if len(pieces) > 1 else 0)
            if len(stripped.split()) < shortest:
                continue
            offset = sentence_start + piece_start + piece.find(stripped)
            quote = ProposedQuote(paragraph=index, words=stripped, kind="reported", speaker="")
            _attribute(quote, cue)
            proposals.append(_Proposal(quote, offset, attributed=True, unnamed=cue.speaker is None))
        return proposals

    def _fill_unattributed(self, here):
        """A quotation with no cue in its sentence is the speaker's quoted nearest to it."""
        ordered = sorted(here, key=lambda proposal: proposal.start)
        for proposal in ordered:
            if proposal.attributed or (proposal.group is not None and proposal.quote.speaker):
                continue
            sources = [p for p in ordered if p.attributed and not p.unnamed]
            source = next((p for p in reversed(sources) if p.start < proposal.start), None)
            source = source or next((p for p in sources if p.start > proposal.start), None)
            if (
                source is None
                and self.proposals
                and proposal.group is None
                and proposal.quote.kind == "full"
            ):
                source = self.proposals[-1] if self.proposals[-1].attributed else None
            if source is not None:
                _copy_attribution(proposal.quote, source.quote)
                proposal.attributed = True

    def _fill_groups(self):
        groups = {}
        for proposal in self.proposals:
            if proposal.group is not None:
                groups.setdefault(proposal.group, []).append(proposal)
        for members in groups.values():
            source = next((p for p in members if p.attributed), None)
            if source is None:
                continue
            for member in members:
                if member is not source:
                    _copy_attribution(member.quote, source.quote)


def _nested(sentence, cue, outer):
    """Whether ``cue`` lies in what ``outer`` reports was said, and is neither ``outer``'s own
    "…, saying" (same speaker) nor an attribution after a quotation ("…,” Peskov said)."""
    if outer is cue or outer.inverted or outer.content is None or cue.speaker == outer.speaker:
        return False
    before = sentence[: cue.speaker[0]].rstrip()
    if before.endswith(_QUOTE_ENDS):
        return False
    if before.endswith(",") and (cue.text(sentence).split() or [""])[0].lower() in SAYING:
        return False  # "…, Kremlin spokesman Dmitry Peskov was quoted as saying"
    if outer.content[0] > outer.start:  # reported after the cue, not before it
        return outer.content[0] <= cue.start < outer.content[1]
    return False


def _unnamed(sentence, cue, plain, said_on):
    """A saying no one is named for: "complaints that …", "X is expected to …"."""
    return _Cue(
        speaker=None,
        printed="",
        cue=cue.text(sentence),
        channel=channel_in(plain[cue.start :]),
        said_on=said_on,
        start=cue.start,
        end=cue.end,
        speaker_start=cue.start,
        content=cue.content,
    )


def _said_by(cue, other, later):
    """ "said in a statement that …": what the statement says is what the speaker said; the
    cue is the other's again if it names no one the other does not, and comes later."""
    return (
        cue is not other
        and cue.content is not None
        and other.content is not None
        and cue.content[0] == other.content[0]
        and ((cue.speaker is None and other.speaker is not None) or later)
        and cue.speaker in (None, other.speaker)
    )


def _attribute(quote, cue):
    quote.speaker = cue.speaker.name if cue.speaker is not None else ""
    quote.speaker_as_printed = cue.printed
    quote.cue = cue.cue
    quote.channel = cue.channel.channel
    quote.channel_as_printed = cue.channel.as_printed
    quote.channel_source = cue.channel.source
    quote.said_on_as_printed = cue.said_on


def _copy_attribution(quote, source):
    for name in (
        "speaker",
        "speaker_as_printed",
        "cue",
        "channel",
        "channel_as_printed",
        "channel_source",
        "intermediary",
        "said_on_as_printed",
    ):
        setattr(quote, name, getattr(source, name))


def _blank(sentence, spans):
    """The sentence with its quoted spans blanked out, offsets kept."""
    chars = list(sentence)
    for start, end in spans:
        for position in range(max(start, 0), min(end, len(chars))):
            chars[position] = " "
    return "".join(chars)
