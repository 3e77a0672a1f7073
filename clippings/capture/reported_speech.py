"""Speech cues in a sentence ("said", "told", "urged", "according to"), who each names as
the speaker, and what the writer reports was said.

Pure text: a sentence in, ``Cue`` records out, each with character offsets into the sentence.
"""

import re
from dataclasses import dataclass

from clippings.text import word_list

from .sentences import within
from .speech_verbs import (
    ACCORDING_TO,
    AMBIGUOUS,
    CLAIM_THAT,
    CUE,
    FINDER,
    FINDINGS,
    HEDGE,
    INVERTIBLE,
    NOMINAL,
    PARTICIPLE_INTRODUCERS,
    PASSIVE_BY,
    PROGRESSIVE,
    SAYING,
    VERB_FORMS,
)

_BOUNDARY = re.compile(
    r"(?:[,;:—–―]|\((?![DRI]-)|\s--?\s|[“”\"]|''|\b(?:and|but|that|while|because|as|when|"
    r"after|before|although|though|since|if|so|who|which|where|whom|whose|than|or|then|"
    r"also)\b)",
    re.IGNORECASE,
)
_AUX = re.compile(
    r"(?:\s+(?:has|have|had|would|will|could|should|might|may|must|can|did|does|do|also|later|"
    r"then|previously|repeatedly|recently|publicly|privately|once|often|earlier|further|"
    r"separately|however|too|again|already|still|reportedly|even|just|only|never|not|always|"
    r"frequently|been|is|was|were|are|be|being|openly|long|all|both|each|don[’']t|doesn[’']t|didn[’']t|won[’']t|"
    r"wouldn[’']t|can[’']t|couldn[’']t|isn[’']t|wasn[’']t|well|probably|likely|strongly|clearly|"
    r"personally|largely|seemed to|seems to|appeared to|appears to|wants to|wanted to|"
    r"continues to|continued to|went on to|tried to|tries to|sought to|seeks to|began|"
    r"begins|started|starts|keeps|kept|[’']s|[’']re|[’']ve|[’']d|[’']ll|flatly|angrily|quickly|bluntly|simply|"
    r"first|subsequently|initially|specifically|explicitly|famously|falsely|wrongly|"
    r"correctly|rightly|loudly|quietly|directly|immediately|ultimately|eventually|"
    r"once again|in turn|in response|on \w+day|last \w+|this \w+)|(?<=\w)[’'](?:s|ve|re|d))+\s*$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^(?:(?:the|a|an|his|her|its|their|this|these|those|some|many|most|several|other|both|"
    r"all|one|two|three|four|five|six|top|senior|[A-Z][\w’'.&-]*[’']s?)\s+)*"
    r"[\w’'.&/%-]+(?:\s+(?:of|for|at|on|in|to|and|&)?\s*[\w’'.&()/%-]+){0,7}$"
)
_NOT_SUBJECT_END = set(
    word_list(
        """
    to of for in on at by with from about as into than the a an and or but is was were be been
    being are has have had that this there here it's not no which who whom what when where why
    how if so very more less much such just
    """
    )
)
_SPEAKER_NOUNS = re.compile(
    r"\b(?:officials?|spokes(?:man|woman|person|people)|ministry|ministers?|president|"
    r"government|campaign|statement|reports?|polls?|surveys?|study|studies|analysis|analyses|"
    r"data|experts?|filings|"
    r"analysts?|critics?|supporters?|aides?|advisers?|advisors?|sources?|people|voters?|"
    r"leaders?|lawmakers?|senators?|members?|democrats?|republicans?|candidates?|nominee|"
    r"committee|department|agency|administration|white house|court|judge|lawyers?|attorneys?|"
    r"group|organization|company|firm|paper|newspaper|article|letter|memo|document|"
    r"documents|filing|records?|researchers?|scientists?|economists?|strategists?|"
    r"pollsters?|residents?|activists?|protesters?|witnesses?|police|military|army|"
    r"account|website|network|media|press|clinton|trump|he|she|they|it|i|we|you|"
    r"chairman|chairwoman|chair|director|secretary|governor|mayor|senator|rep|"
    r"representative|congressman|congresswoman|speaker|leader|party|council|office|"
    r"authorities|investigators|prosecutors?|officers?|workers?|employees?|students?|"
    r"parents?|families|family|friends?|colleagues?|allies|opponents?|rivals?|"
    r"observers?|commentators?|columnists?|writers?|authors?|book|speech|ad|ads|"
    r"advertisement|commercial|video|tweet|post|message|email|e-mails?|emails|"
    r"transcript|interview|survey|findings|figures|numbers|estimates?|projections?|"
    r"models?|forecasts?|team|staff|percent|respondents|participants|residents|executives|founders|ladies|majorities|unions|"
    r"conservatives|liberals|progressives|evangelicals|donors|delegates|superdelegates|"
    r"millennials|americans|veterans|immigrants|farmers|owners|customers|consumers|investors|"
    r"scholars|historians|pundits|reporters|journalists|editors|hosts|fans|followers|backers|"
    r"lobbyists|companies|firms|banks|governments|agencies|parties|campaigns|citizens|"
    r"taxpayers|parents|teachers|doctors|nurses|police|soldiers|troops|officers|diplomats|"
    r"negotiators|mediators|judges|justices|courts|prosecutors|defendants|plaintiffs|majority|minority|half|third|quarter|spokeswoman|man|woman|men|women|someone|everyone|"
    r"nobody|many|most|some|others|both|each|all|few|none|who)\b",
    re.IGNORECASE,
)
PRONOUN_SUBJECTS = {"he", "she", "they", "it", "i", "we", "you"}
_TOLD_OBJECT = re.compile(
    r"\s*(?:(?:the|a|an|his|her|its|their)\s+)?(?:(?:[a-z]+\s+){1,2}(?=[A-Z]))?(?:(?:[A-Z][\w’'.&-]*|of|and|&)\s+)*"
    r"(?:[A-Z][\w’'.&-]*|reporters|journalists|supporters|voters|a crowd|crowds?|"
    r"an audience|audiences?|lawmakers|members|students|him|her|them|us|me|[a-z]+ (?:meeting|"
    r"conference|briefing|rally|audience|crowd|hearing|interviewer|newspaper|station|"
    r"program|show|radio|television|channel|network|magazine|paper|agency|site))\b"
    r"(?:\s+(?:meeting|conference|briefing|rally|hearing|session|summit|audience|crowd))?"
)
_OBJECT_VERBS = re.compile(
    r"^(?:told|tells|tell|telling|urged|urges|urge|urging|warned|warns|warn|warning|asked|"
    r"asks|ask|asking|reminded|reminds|assured|assures|informed|informs|advised|advises|"
    r"accused|accuses|accusing|called on|calls on)$",
    re.IGNORECASE,
)
# A longer source, up to where the sentence pauses: "according to a new poll by the Harvard
# University Institute of Politics", "according to a Suffolk University Poll released Sunday".
_SOURCE_AFTER = re.compile(r"\s*((?:[\w’'.&/%-]+\s+){0,13}[\w’'&/%-]+)(?=\s*(?:[,;:!?)]|\.|$))")
_RELEASED = re.compile(r"\s(?:released|published|conducted|issued|taken|out)\b")
_NAME_AFTER = re.compile(
    r"\s*((?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'.&-]+\s+){0,6}?[\w’'.&-]+?)"
    r"(?=\s*(?:[,;:!?)]|\.(?!\s*[A-Z][a-z])|$|\s(?:in|on|at|during|who|which|told|said|says|"
    r"of a|last|this)\b))"
)


@dataclass
class Cue:
    """One speech cue in a sentence; ``None`` spans where the sentence has no such part."""

    start: int
    end: int
    speaker: tuple | None = None  # (start, end) of the speaker as printed
    content: tuple | None = None  # (start, end) of what the writer reports was said
    inverted: bool = False  # "…, said Trump": the speaker follows the cue

    def text(self, sentence):
        return sentence[self.start : self.end]


def find_cues(sentence, quoted=()):
    """The cues of one sentence, outside the quoted spans ``quoted`` ((start, end) pairs)."""
    cues = []
    for match in ACCORDING_TO.finditer(sentence):
        if within(match.start(), quoted):
            continue
        cue = _according_to(sentence, match, quoted)
        if cue:
            cues.append(cue)
    for match in _IN_A_POLL.finditer(sentence):
        if within(match.start(), quoted):
            continue
        speaker = (match.start("poll"), match.end("poll"))
        if match.start() == _skip_space(sentence, 0):  # "In a Register poll last month, …"
            comma = sentence.find(",", match.end("poll"))
            content = _trim(sentence, (comma + 1, len(sentence))) if comma >= 0 else None
        else:  # "… remains fourth in most surveys."
            rest = sentence[match.end() :].strip(" .;")
            content = None if rest else _trim(sentence, (0, match.start()))
        if content:
            cues.append(Cue(match.start(), match.start() + 2, speaker, content))
    for match in NOMINAL.finditer(sentence):
        if within(match.start(), quoted):
            continue
        content = _stop_at_clause(sentence, match.end())
        if content:
            speaker = (match.start("who"), match.end("who"))
            cues.append(Cue(match.start("cue"), match.end("cue"), speaker, content))
    viewpoint = _VIEWPOINT.match(sentence)
    if viewpoint and not within(viewpoint.start("who"), quoted):
        # "To Sexton, Tuesday marked a turning point": how it looks to someone
        content = _stop_at_trailing(sentence, viewpoint.end())
        if content:
            cue_start, cue_end = viewpoint.span("cue")
            cues.append(Cue(cue_start, cue_end, viewpoint.span("who"), content))
    asked = _ASKED.match(sentence)
    if asked and not within(asked.start("cue"), quoted):
        # "Asked why the plan failed, Earnest said …": what the question asked, by whom
        content = _stop_at_clause(sentence, asked.end())
        asker = asked.span("who") if asked.group("who") else None
        if content:
            cues.append(Cue(*asked.span("cue"), asker, content))
    passives = _passive_cues(sentence, quoted)
    cues.extend(passives)
    for match in CUE.finditer(sentence):
        if within(match.start(), quoted) or any(c.start <= match.start() < c.end for c in cues):
            continue
        if any(match.start() < c.end and c.start < match.end() for c in passives):
            continue  # "was strongly opposed by the NRA": the NRA opposed
        if match.group(0)[:1].isupper() and not _headline_cue(sentence, match):
            continue  # "Casualties Reported": a headline's capitals, not a cue
        if any(c.speaker and c.speaker[0] <= match.start() < c.speaker[1] for c in cues):
            continue
        cue = _verb_cue(sentence, match, quoted, cues)
        if cue:
            cue.speaker = _without_subordinator(sentence, cue.speaker)
            if _NOT_A_SPEAKER.fullmatch(sentence[cue.speaker[0] : cue.speaker[1]]):
                continue
            cues.append(cue)
    cues.extend(_unnamed_cues(sentence, quoted, cues))
    cues.sort(key=lambda cue: cue.start)
    return cues


_VIEWPOINT = re.compile(
    r"\s*(?P<cue>To|For)\s+(?P<who>(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
    r"|(?:many|most|some)\s+[a-z]+s)"
    r"(?=\s*,)(?<!\bJanuary)(?<!\bMonday)(?<!\bExample)(?<!\bInstance)(?<!\bNow)(?<!\bYears)"
    r"(?:,\s*[^,]{0,80}?,)?\s*,?\s*"
)


_ASKED = re.compile(
    r"\s*(?:When\s+|After\s+being\s+|After\s+)?(?P<cue>[Aa]sked)\s+(?:on\s+\w+day\s+)?"
    r"(?:by\s+(?P<who>[^,]{1,60}?)\s+)?(?=(?:about|whether|why|if|what|how|who|when|where|to|"
    r"for|on)\b)"
)


def _passive_cues(sentence, quoted):
    """ "The plan was criticized by the unions", "a practice criticized by Miller": the
    speaker follows "by", what was said of is the noun before."""
    found = []
    for match in PASSIVE_BY.finditer(sentence):
        who = match.group("who")
        if within(match.start(), quoted) or not _is_subject(who):
            continue
        before = sentence[: match.start("cue")]
        aux = re.search(
            r"(?:\s+(?:is|are|was|were|been|being|be|has|have|had|\w+ly|not))+\s*$", before
        )
        end = aux.start() if aux else len(before.rstrip(" ,"))
        content = _trim(sentence, (_clause_start(sentence, end), end))
        if content is None:
            continue
        speaker = (match.start("who"), match.end("who") - who.endswith("."))
        found.append(Cue(match.start("cue"), match.end("cue"), speaker, content))
    return found


def _unnamed_cues(sentence, quoted, cues):
    """Sayings the sentence names without a speaker before a verb: "complaints that …",
    "an admission from Warren that …" and the writer's "X seems to …", "X is expected to …"
    (``speaker`` ``None``: no one named)."""
    found = []

    def taken(index):
        return within(index, quoted) or any(
            c.start <= index < c.end or (c.content and c.content[0] <= index < c.content[1])
            for c in cues + found
        )

    for match in CLAIM_THAT.finditer(sentence):
        if taken(match.start()):
            continue
        content = _stop_at_clause(sentence, match.end())
        if content is None or len(sentence[content[0] : content[1]].split()) < 4:
            continue  # "the claim that he made": what describes the claim, not what it holds
        speaker = (match.start("who"), match.end("who")) if match.group("who") else None
        if speaker is None:
            owner = re.search(r"\b(his|her|their|its)\s+(?:\w+\s+)?$", sentence[: match.start()])
            speaker = owner.span(1) if owner else _leading_subject(sentence)
        found.append(Cue(match.start("cue"), match.end("cue"), speaker, content))
    for match in HEDGE.finditer(sentence):
        if taken(match.start()) or (match.start() and match.group(0)[:1].isupper()):
            continue  # "Crash Seems Like": a headline's capitals
        start = _clause_start(sentence, match.start())
        content = _stop_at_trailing(sentence, start)
        if content and len(sentence[content[0] : content[1]].split()) >= 4:
            found.append(Cue(match.start(), match.end(), None, content))
    return found


_NAMED_THING = re.compile(
    r"\b(?:the|a|an|his|her|their|its)\s+(?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*\s*$"
)


# What a poll found, printed as where it was found: "In a CNN poll released Monday, …".
_IN_A_POLL = re.compile(
    r"\b[Ii]n\s+(?P<poll>(?:(?:a|an|the|most|several|recent|many|two|three|all|just about "
    r"every|every|each|both|some|national|statewide|state|early|late|new|[A-Z][\w/-]*)\s+"
    r"[^,;.]{0,80}?|)"
    r"\b(?:polls?|surveys?|studies|study|exit polls?|averages? of [^,;.]{0,40}?polls))\b"
    r"(?:\s+(?:released|conducted|published|taken)\s[^,;.]{0,40})?"
)


def _stop_at_clause(sentence, start):
    """What a nominal cue reports: up to the end of its clause."""
    stop = re.search(r"[,;:.!?—–―(]|\s-\s|\s(?:and|but|which|who)\s", sentence[start:])
    end = start + stop.start() if stop else len(sentence)
    span = _trim(sentence, (start, end))
    if span and len(sentence[span[0] : span[1]].split()) >= 2:
        return span
    return None


# Words a clause may open with that never name a speaker.
_NOT_A_SPEAKER = re.compile(
    r"(?:Yet|Or|Nor|Later|Then|That|This|Also|Still|But|And|So|However|Instead|Meanwhile|"
    r"Indeed|Even|Now|Here|There|Today|Yesterday|Earlier|Thus|Hence|Otherwise|Finally|"
    r"Eventually|Ultimately|Again|Once|Soon|Afterward|Afterwards)",
    re.IGNORECASE,
)


_HEADLINE_CUES = {
    "Says",
    "Said",
    "Tells",
    "Told",
    "Warns",
    "Urges",
    "Claims",
    "Slams",
    "Blasts",
    "Calls",
    "Denies",
    "Insists",
    "Vows",
    "Admits",
    "Defends",
    "Endorses",
    "Praises",
    "Rips",
    "Thinks",
    "Wants",
    "Accuses",
    "Backs",
    "Rejects",
    "Questions",
    "Mocks",
    "Attacks",
}


def _headline_cue(sentence, match):
    """ "Hillary Clinton Says EgyptAir Crash Seems Like …": a headline printed in the body,
    its cue in capitals after a name."""
    before = sentence[: match.start()].split()
    return (
        match.group(0) in _HEADLINE_CUES
        and 1 <= len(before) <= 4
        and all(word[:1].isupper() for word in before)
    )


def _without_subordinator(sentence, span):
    """ "When Nega" is Nega, "Then Brafman" Brafman."""
    start, end = span
    opening = _SUBORDINATOR.match(sentence[start:end])
    if opening and opening.end() < end - start:
        start += opening.end()
    return (start, end)


def _according_to(sentence, match, quoted):
    after = _NAME_AFTER.match(sentence, match.end()) or _SOURCE_AFTER.match(sentence, match.end())
    if not after or not after.group(1).strip():
        return None
    speaker = (after.start(1), after.end(1))
    released = _RELEASED.search(sentence, *speaker)
    if released:  # "a Suffolk University Poll released Sunday": the poll
        speaker = (speaker[0], released.start())
    before = sentence[: match.start()].rstrip(" ,")
    if len(before.split()) >= 3:
        content = (_skip_space(sentence, 0), len(before))
    else:
        rest_start = speaker[1]
        comma = sentence.find(",", rest_start)
        content = (comma + 1, len(sentence)) if comma >= 0 else None
    return Cue(match.start(), match.end(), speaker, _trim(sentence, content))


def _verb_cue(sentence, match, quoted, earlier):
    cue_text = match.group(0).lower()
    before = sentence[: match.start()]
    subject = _subject_before(sentence, match.start(), quoted, earlier)
    inverted = False
    if (
        cue_text.split()[0].endswith("ing")
        and not cue_text.startswith("was quoted")
        and not PROGRESSIVE.search(before)
    ):
        # "…, saying …" and "by saying": the speaker is that of the clause before.
        if not PARTICIPLE_INTRODUCERS.search(before):
            noun = cue_text in _DESCRIBING_CUES and _noun_before(
                sentence, len(before.rstrip()), person=True
            )
            if not noun or within(noun[0], quoted):
                return None
            return Cue(match.start(), match.end(), noun, _content_after(sentence, match, quoted))
        previous = [cue for cue in earlier if cue.speaker]
        leading = _leading_subject(sentence)
        if leading and sentence[leading[0] : leading[1]].lower() in {"it", "that", "this"}:
            leading = None  # "It wasn't just …, pointing to": no one is "it"
        speaker = previous[-1].speaker if previous else leading
        speaker = speaker or _first_subject(sentence, quoted)
        if speaker is None:
            return None
        return Cue(match.start(), match.end(), speaker, _content_after(sentence, match, quoted))
    if subject is None and _THAT_FOLLOWS.match(sentence, match.end()):
        subject = _long_subject(sentence, match.start(), quoted)
    closing = _closing_attribution(sentence, match)
    if subject is None and (cue_text in _STRONG or closing):
        subject = _long_subject(sentence, match.start(), quoted, described=True, closing=closing)
    if subject is None:
        subject = _speaker_after(sentence, match, quoted)
        inverted = subject is not None
    if subject is None:
        return None
    speaker_text = sentence[subject[0] : subject[1]]
    if cue_text in FINDINGS and not FINDER.search(speaker_text):
        return None  # "the poll showed", "a study found"; not "Trump showed his dexterity"
    if cue_text in AMBIGUOUS and not (closing or _plausible_speaker(speaker_text)):
        return None
    if (
        cue_text.endswith("s")
        and _NAMED_THING.search(before)
        and not _THAT_FOLLOWS.match(sentence, match.end())
    ):
        return None  # "the Paris attacks", "the Friday attacks": a noun and what it is about
    if (
        not inverted
        and cue_text.endswith("ed")
        and re.search(r"\b(?:is|was|were|are|be|been|being|get|got)\s+$", before)
    ):
        return None  # "was accused", passive of a cue: the subject is not the speaker
    after_quote = sentence[: subject[0]].rstrip().endswith(("”", '"', "''"))
    if inverted or (after_quote and _no_content_after(sentence, match, quoted)):
        # "“…,” said Trump" / "“…,” Luay Sami said with a grin": what was said is before.
        content = _content_before(sentence, min(subject[0], match.start()), quoted)
    elif _AFTER_CLOSING.match(sentence, match.end()) and sentence[: subject[0]].rstrip().endswith(
        ","
    ):
        # "Such a move could alienate his backers, Clinton allies believe — backers …"
        content = _content_before(sentence, subject[0], quoted)
    else:
        content = _content_after(sentence, match, quoted)
        if content is None or content[1] - content[0] < 2:
            content = _content_before(sentence, subject[0], quoted)
    return Cue(match.start(), match.end(), subject, content, inverted)


def _no_content_after(sentence, match, quoted):
    """ "“…,” Trump told Fox News host Sean Hannity earlier this month.": after a quotation,
    "told" and a few words with no "that" say to whom, not what."""
    content = _content_after(sentence, match, quoted)
    if content is None:
        return True
    rest = sentence[match.end() :].strip(" .")
    return (
        match.group(0).lower().startswith(_TELLING)
        and len(rest.split()) <= AUDIENCE_WORDS
        and not re.search(r"\bthat\b|[,;:“\"]", rest)
    )


AUDIENCE_WORDS = 8
_AFTER_CLOSING = re.compile(r"\s*(?:[—–]|--|[.!?]?\s*$)")


_THAT_FOLLOWS = re.compile(r"\s+that\s+(?!is\b|was\b|are\b|were\b|has\b|have\b|had\b)")
# "done by", "released by": a participle describing the speaker, not the verb of the clause.
_DESCRIBING_PARTICIPLE = re.compile(r"\b\w+ed\s+(?=by\b)")


# Cues so plainly of saying that the words before them are their speaker, however long.
_STRONG = {"said", "says", "say", "told", "tells", "tell", *FINDINGS}
# Where a subject's head ends and what describes it begins: "officials who spoke with",
# "activists clamoring to".
_DESCRIPTION = re.compile(r"\s(?:who|that|which|whom|\w+ing|\w+ed)\s")


def _long_subject(sentence, cue_start, quoted, described=False, closing=False):
    """A subject longer than a name, as a cue followed by "that" allows: "A study by Michael
    Greenstone and Thomas Covert of the University of Chicago concluded that", "a report
    released by the agency estimated that"; ``described``: with what describes it, before a
    plain cue of saying: "Current and former officials who spoke with the paper said"."""
    text = sentence[:cue_start]
    aux = _AUX.search(text)
    end = len(text[: aux.start()] if aux else text.rstrip())
    opening = max(sentence.rfind(mark, 0, end) for mark in ",;:—–(")
    start = _skip_space(sentence, opening + 1)
    candidate = _SUBORDINATOR.sub("", sentence[start:end])
    start = end - len(candidate)
    if described:
        description = _DESCRIPTION.search(candidate)
        if description and description.start() > 0:
            candidate = candidate[: description.start()]
    end = start + len(candidate.rstrip())
    words = candidate.split()
    if not 1 <= len(words) <= 16 or within(start, quoted) or within(end - 1, quoted):
        return None
    if words[-1].lower() in _NOT_SUBJECT_END or _NOT_SUBJECT_START.match(candidate):
        return None
    if described and not (closing or _plausible_speaker(candidate)):
        return None
    if _VERB_LIKE.search(_DESCRIBING_PARTICIPLE.sub("", candidate)):
        return None
    if any(word in VERB_FORMS or word.lower() in PRONOUN_SUBJECTS for word in words):
        return None
    first = words[0]
    if not (
        first[:1].isupper()
        or first[:1].isdigit()
        or first.lower() in DETERMINERS
        or FINDER.search(candidate)  # "exit polls in New Hampshire and Iowa indicated that"
    ):
        return None
    return (start, end)


def _closing_attribution(sentence, match):
    """ "…, his brother added." / "…, disclosures filed on Sunday revealed, and …": a cue of
    saying closing the words it reports, whoever its subject."""
    if match.group(0).lower() not in INVERTIBLE | SAYING | FINDINGS | {"revealed", "showed"}:
        return False
    after = sentence[match.end() :].strip()
    if after not in {"", ".", "!", "?"} and not after.startswith((", and", ", but", ";")):
        return False
    return re.search(r",\s*(?:[\w’'.%-]+\s+){1,12}$", sentence[: match.start()]) is not None


def _plausible_speaker(text):
    words = text.split()
    return bool(words) and (
        words[-1][:1].isupper()
        or _SPEAKER_NOUNS.fullmatch(words[-1].lower()) is not None
        or _PEOPLE.fullmatch(words[-1]) is not None
    )


# Plural nouns of people by their ending: "politicians", "organizers", "pastors", "economists".
_PEOPLE = re.compile(
    r"[a-z]{3,}(?:ians|ists|ers|ors|ants|ents|ees)(?<!numbers)(?<!papers)(?<!orders)"
    r"(?<!centers)(?<!matters)(?<!letters)(?<!waters)(?<!others)(?<!comments)(?<!events)"
)


def _noun_before(sentence, end, person=False):
    """The noun phrase ending at ``end``, as a speaker: "said Borges, who predicted",
    "centrists who were angry", "farmers opposing the levy"; ``person``: the noun is
    someone's ("fund managers who think"), whatever it is."""
    words = sentence[:end].split()[-3:]
    for size in (3, 2, 1):
        tail = " ".join(words[-size:])
        if (
            len(words) >= size
            and _is_subject(tail)
            and tail.lower() not in _NOT_SUBJECT_END | DETERMINERS | {"any", "each", "every"}
        ):
            return (end - len(tail), end)
    head = words[-1] if person and words else ""
    if _PLAIN_NOUN.fullmatch(head) and head not in _NOT_SUBJECT_END | VERB_FORMS:
        return (end - len(head), end)
    return None


# A plural noun, the people a relative clause or a participle describes: "managers", "groups".
_PLAIN_NOUN = re.compile(
    r"(?!(?:those|these|this|was|has|is|its|his|hers|ours|yours|theirs|"
    r"always|perhaps|nevertheless|sometimes|towards|afterwards|besides|whereas|unless)$)"
    r"[a-z]{2,}[^s\W]s"
)
# Participles of demand and opposition that describe the noun before them: "farmers opposing
# the levy", "staff members suggesting someone should …" ("backing", "supporting" are as often
# nouns' company: "any backing from").
_DESCRIBING_CUES = set(
    word_list(
        """
    opposing endorsing urging seeking suggesting demanding criticizing
    praising advocating alleging claiming arguing insisting warning accusing favoring
    """
    )
)


def _subject_across(sentence, start, quoted, earlier):
    """No subject between the boundary and the cue: "organizations that have endorsed him
    say" (the noun the relative clause is about), "Trump blasted Apple and said" (the
    subject of the clause before)."""
    boundary = re.search(r"(\w+)\s*$", sentence[:start])
    word = boundary.group(1).lower() if boundary else ""
    if word in {"who", "that", "which"}:
        end = len(sentence[: boundary.start()].rstrip(" ,"))
        begin = _clause_start(sentence, end)
        candidate = sentence[begin:end].strip()
        candidate = _SUBORDINATOR.sub("", candidate)
        if candidate and _is_subject(candidate):
            return (end - len(candidate), end)
        # "said Borges, who predicted", "centrists who were angry": the words just before.
        return _noun_before(sentence, end, person=word == "who")
    if word in {"and", "but", "or", "then"}:
        previous = [cue for cue in earlier if cue.speaker and cue.speaker[1] <= start]
        if previous:
            return previous[-1].speaker
        return _leading_subject(sentence)
    return None


_LEADING = re.compile(
    r"\s*((?:(?:the|a|an)\s+)?(?:[A-Z][\w’'.&-]*\s+){0,5}[A-Z][\w’'.&-]*|he|she|they|it|He|She|They|It)"
    r"\s+(?=[a-z])"
)


def _leading_subject(sentence):
    """The subject a sentence opens with, after a short opening phrase ("In April, Trump")."""
    opening = re.match(r"[^,]{0,80},\s*", sentence)
    match = _LEADING.match(sentence)
    if opening and not (match and _is_subject(match.group(1))):
        match = _LEADING.match(sentence, opening.end())
    if match and _is_subject(_SUBORDINATOR.sub("", match.group(1))):
        return (match.end(1) - len(_SUBORDINATOR.sub("", match.group(1))), match.end(1))
    return None


def _subject_before(sentence, cue_start, quoted, earlier=()):
    """The speaker named just before the cue: "The Azeri Defense Ministry said", "Maria
    Titzian, a lecturer at the American University of Armenia, told"."""
    end = cue_start
    text = sentence[:end]
    aux = _AUX.search(text)
    if aux:
        end = aux.start()
        text = sentence[:end]
    text = text.rstrip()
    end = len(text)
    if not text or text[-1] in '”"' or text.endswith("''"):
        return None
    if text[-1] == ",":
        return _appositive_subject(sentence, end, quoted)
    dash = re.search(r"(--|—|–)$", text)
    if dash:  # "The justice -- who has been in a scuffle with the nominee -- said"
        opening = text.rfind(dash.group(1), 0, dash.start())
        if opening > 0:
            name_end = len(text[:opening].rstrip())
            begin = _clause_start(sentence, name_end)
            candidate = sentence[begin:name_end].strip()
            if _is_subject(candidate):
                return (name_end - len(candidate), name_end)
        return None
    start = _clause_start(sentence, end)
    candidate = sentence[start:end]
    if not candidate.strip():
        return _subject_across(sentence, start, quoted, earlier)
    stripped = candidate.lstrip(" ,")
    start += len(candidate) - len(stripped)
    stripped = re.sub(r"^(?:on|in|at|last|earlier|later)\s+[\w ]+?,\s*", "", stripped)
    stripped = _SUBORDINATOR.sub("", stripped)
    start = end - len(stripped)
    if not _is_subject(stripped) or _relative_predicate(sentence, start, stripped):
        return None
    if within(start, quoted):
        return None
    return (start, end)


def _relative_predicate(sentence, start, candidate):
    """ "workers who spoke with the Gazette said": the workers said, not the Gazette."""
    words = candidate.split()
    return (
        re.search(r"\b(?:who|which|that)\s+$", sentence[:start]) is not None
        and words[0][:1].islower()
        and words[0].lower() not in DETERMINERS
        and words[-1][:1].isupper()
    )


_SUBORDINATOR = re.compile(
    r"^(?:(?:That|When|If|While|As|Because|Although|Though|After|Before|Since|But|And|So|Yet|"
    r"Still|Now|Then|Instead|Meanwhile|However|Indeed|Also|Even|Once|Until|Unless|Where|Why|"
    r"How|Here|There|Today|Yesterday|Later|Earlier|Having|Being)\s+)+"
)


def _clause_start(sentence, end):
    start = 0
    for match in _BOUNDARY.finditer(sentence, 0, end):
        word = match.group(0).lower()
        if word == "and":
            left = sentence[: match.start()].split()[-1:] or [""]
            right = sentence[match.end() : end].split()[:1] or [""]
            if left[0][:1].isupper() and right[0][:1].isupper():
                continue  # "Lavrov and Shoigu": one subject
            if left[0][:1].isupper() and _is_subject(sentence[start : match.start()].strip()):
                continue  # "Politicians and even some technologists say": one subject
        if word == "also":
            continue
        start = match.end()
    return start


def _appositive_subject(sentence, end, quoted):
    """ "Maria Titzian, a lecturer at …, told", "Another pollster, David Woodard of Clemson
    University, said", "Sen. Jack Reed (D-R.I.), said": the name the appositives describe."""
    limit = max((e for s, e in quoted if e <= end), default=0)
    pieces = sentence[limit:end].rstrip(",").split(",")
    located = False
    fallback = None
    for count in range(1, min(len(pieces), 5) + 1):
        piece = pieces[-count].strip()
        if not piece:
            return None
        name_end = limit + len(",".join(pieces[: len(pieces) - count + 1]))
        start = name_end - len(pieces[-count].lstrip())
        subordinate = _SUBORDINATOR.match(piece)
        if subordinate:
            start += subordinate.end()
            piece = piece[subordinate.end() :]
        if not piece:
            return None
        place = len(pieces) > count and _is_place(piece, pieces[-count - 1], count == 1)
        if place:
            located = True  # "in Columbus, Ohio, said": the state of a place, not a speaker
            continue
        is_subject = (count > 1 or located) and piece[0].isalpha() and _is_subject(piece)
        if _is_name(piece):
            return (start, name_end)
        if is_subject and fallback is None:
            fallback = (start, name_end)  # "chief executive of CloudFlare": a name may precede
        if not (_describes(piece) or count == 1 or is_subject):
            return fallback
    return fallback


def _is_place(piece, before, last):
    """ "in Columbus, Ohio": the state of a place. Further from the cue only after "in", "at",
    "near" or "from": "in Aurora, Colorado, in July, said"; not "a lawyer for Trump, Cohen"."""
    words, previous = piece.split(), before.split()
    return (
        len(words) == 1
        and words[0][:1].isupper()
        and len(previous) > 1
        and previous[-1][:1].isupper()
        and previous[-2][:1].islower()
        and (last or previous[-2] in {"in", "at", "near", "from", "outside"})
    )


def _describes(piece):
    """An appositive or relative clause: "a lecturer at …", "who teaches at …", "21"."""
    return bool(piece) and (
        piece.split()[0].lower() in {"a", "an", "the", "who", "whose", "which", "including"}
        or piece[0].islower()
        or piece[0].isdigit()
        or piece.split()[0].lower() in {"former", "chief", "president", "director", "senior"}
    )


def _is_name(piece):
    words = piece.split()
    return (
        0 < len(words) <= 8
        and words[0][:1].isupper()
        and words[0].lower() not in {"the", "a", "an", "but", "and", "in", "on", "at", "as"}
        and not _VERB_LIKE.search(piece)
    )


_VERB_LIKE = re.compile(
    r"(?<![\w-])(?:have|has|had|is|was|are|were|will|would|can|could|should|must|might|may|"
    r"shall|do|does|did|[a-z]+ed|"
    r"\w+n[’']t|takes|makes|gets|goes)(?![\w-])(?<!\bpolled)(?<!\bsurveyed)(?<!\binterviewed)"
    r"(?<!\bquestioned)(?<!\bconcerned)(?<!\binvolved)(?<!\belected)(?<!\bretired)"
    r"(?<!\bunnamed)(?<!\bunidentified)(?<!\bbased)(?<!\barmed)(?<!\brelated)"
)


_PREPOSITIONS = {"into", "to", "in", "on", "at", "for", "by", "with", "from", "about"}
_NOT_SUBJECT_START = re.compile(
    r"(?:When|If|While|As|Because|Although|Though|After|Before|Since|Let|Early|Once|Until|"
    r"Unless|Where|Why|How|What|Whether|Even|Just|Only|In|On|At|For|With|To|By|From|Of|During|"
    r"After|Before|Under|Over|Among|Despite|Through|Following|Like|Unlike|Amid|Within)\b"
    r"|[A-Z][a-z]+ing\b"
)


_NAME_IN_ING = re.compile(r"[A-Z][a-z]+ing")  # "Ebeling said": a name; "Walking to" is not


def _is_subject(text):
    words = text.split()
    if not words or len(words) > 8:
        return False
    if any(word in VERB_FORMS for word in words) or _VERB_LIKE.search(text):
        return False
    if words[-1].lower().strip(",") in _NOT_SUBJECT_END:
        return False
    if len(words) == 1 and words[0].lower() in PRONOUN_SUBJECTS:
        return True
    if not _SUBJECT.match(text):
        return False
    head = words[-1]
    if _SPEAKER_NOUNS.fullmatch(head.lower().strip(".,’'")) is not None and len(words) <= 6:
        return (
            not _VERB_LIKE.search(text)
            and head.lower() not in PRONOUN_SUBJECTS
            and not words[0].endswith("ing")
            and not any(word.lower() in _PREPOSITIONS for word in words)
        )
    if _NOT_SUBJECT_START.match(text) and not _NAME_IN_ING.fullmatch(text):
        return False
    if any(word.lower() in PRONOUN_SUBJECTS for word in words):
        return False  # "the welcome they": a clause, not a speaker
    first = words[0]
    return (
        first[:1].isupper()
        or first[:1].isdigit()
        or first.lower() in DETERMINERS
        or (words[-1][:1].isupper() and len(words) <= 5)
    )


DETERMINERS = set(
    word_list(
        """
    the a an his her its their some many most several other both all one two three top senior
    this these those former
    """
    )
)


def _first_subject(sentence, quoted):
    for match in CUE.finditer(sentence):
        subject = _subject_before(sentence, match.start(), quoted)
        if subject:
            return subject
    return None


def _speaker_after(sentence, match, quoted):
    """ "…,” said Trump" / "said the ministry": the speaker after the cue."""
    if match.group(0).lower() not in INVERTIBLE:
        return None
    before = sentence[: match.start()].rstrip()
    if before and before[-1] not in ",”\"'—–:" and not before.endswith((",”", ',"')):
        return None
    after = _NAME_AFTER.match(sentence, match.end())
    if not after:
        return None
    text = after.group(1)
    if not _is_subject(text) or within(after.start(1), quoted):
        return None
    return (after.start(1), after.end(1))


def _content_after(sentence, match, quoted):
    start = match.end()
    cue_text = match.group(0)
    lowered = cue_text.lower()
    if _OBJECT_VERBS.match(cue_text) and lowered.startswith(_TELLING):
        obj = _TOLD_OBJECT.match(sentence, start)
        if obj:
            start = obj.end()
    elif lowered in SAYING:
        audience = _AUDIENCE.match(sentence, start)
        if audience:
            start = audience.end()
    that = re.match(r"\s*[,:]?\s*(?:that\b|,)?", sentence[start:])
    start += that.end() if that else 0
    if that and "that" in that.group(0):
        return _stop_at_trailing(sentence, start)
    if "," in that.group(0) and _ASIDE.match(sentence, start) and lowered.split()[0] in SAYING:
        return None  # "…, he said, invoking the 2008 race": what he did as he said it
    adverbs = _ADVERBS.match(sentence, start)
    if adverbs:
        start = adverbs.end()  # "said repeatedly they …"
    when = _WHEN_FIRST.match(sentence, start)
    if when and not sentence[when.end() :].strip(" .,;"):
        return None  # "…, the airline said Thursday.": what was said is before
    if when:
        start = when.end()
        that = re.match(r"\s*that\b", sentence[start:])
        if that:  # "told reporters last month that …"
            return _stop_at_trailing(sentence, start + that.end())
    if _PREPOSITION.match(sentence, start):
        later_that = re.search(r"\bthat\b", sentence[start : start + 120])
        if later_that and not within(start + later_that.start(), quoted):
            start += later_that.end()
        elif lowered.split()[0] in SAYING:
            return None  # "said in a statement", "told reporters on Monday": no more than how
    return _stop_at_trailing(sentence, start)


# After "said,": a participle of what the speaker did, or the source of the report.
_ASIDE = re.compile(
    r"(?:[a-z]+ing\b(?<!\bnothing)(?<!\bsomething)(?<!\beverything)|according to\b)"
)


def _stop_at_trailing(sentence, start):
    """What was said, from ``start`` to the end of the sentence or the attribution that
    closes it ("…, according to …")."""
    end = len(sentence)
    tail = re.search(
        r",\s*(?:according to|he said|she said|they said|it said)\b|;", sentence[start:]
    )
    if tail:
        end = start + tail.start()
    return _trim(sentence, (start, end))


_PREPOSITION = re.compile(
    r"\s*(?:in|on|at|during|from|via|after|before|through|by|"
    r"earlier|yesterday|today|late|when|while|as|with|up|recently|later|then|and|but|"
    r"pointing|again|repeatedly|often|publicly|privately|of|in response|afterward|"
    r"afterwards|so|too|also|back)\b",
    re.IGNORECASE,
)
_ADVERBS = re.compile(r"(?:\s*,?\s*(?:\w+ly|again|often|also|too|later)\b,?)+(?=\s)")
_WHEN_FIRST = re.compile(
    r"\s*(?:(?:on|last|this|earlier|late)\s+)*(?:\w+day|yesterday|today|tonight|"
    r"(?:last|this|next|earlier this|late last|early last)\s+(?:week|weekend|month|year|"
    r"spring|summer|fall|autumn|winter|night|morning))"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b\s*,?"
)


_TELLING = ("told", "tell", "asked", "ask", "inform", "remind", "assur")
# "said to a raucous crowd", "spoke to reporters": whom the words were said to.
_AUDIENCE = re.compile(
    r"\s+to\s+(?:[\w’'.-]+\s+){0,5}?(?:[\w’'.-]+)(?=\s*(?:[,.;:]|$|\s(?:that|on|in|at|after|before|during|when|as)\b))"
)
_CIRCUMSTANCE_FIRST = re.compile(
    r"(?:In|On|At|As|During|After|Before|When|While|Since|From|With|Without|For|Among|"
    r"Regarding|Following|Like|Unlike|Despite|Through|Under|Over|By|To|Although|Though|If|"
    r"Because|Of|Asked|Speaking|Writing|Appearing)\b"
)


def _content_before(sentence, end, quoted):
    text = sentence[:end].rstrip(" ,—–")
    if _CIRCUMSTANCE_FIRST.match(text.lstrip()) and "," not in text:
        return None  # "In a 1963 speech, Cruz declared": where, not what
    return _trim(sentence, (0, len(text)))


_EDGE = " \t,;:.—–-“”\"'‘’()"


def _trim(sentence, span):
    if span is None:
        return None
    start, end = span
    while start < end and sentence[start] in _EDGE:
        start += 1
    while end > start and sentence[end - 1] in _EDGE:
        end -= 1
    if end - start < 3:
        return None
    return (start, end)


def _skip_space(sentence, index):
    while index < len(sentence) and sentence[index].isspace():
        index += 1
    return index
