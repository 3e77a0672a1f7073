"""Who said it, as a reader works it out: names, titles, pronouns and descriptions.

``SpeakerResolver`` reads a story in order. It remembers every full name printed so far, so a
surname alone ("Sarksyan") is the full name printed earlier ("Serzh Sarksyan"), and every
speaker named so far, so a pronoun ("she", "it") or a description ("the ministry", "the
president", "the statement") is the speaker last named that it fits. Titles are taken off a
name and kept as its role ("President Vladimir Putin" is Vladimir Putin, President).
No database here: ``match_archive_speakers`` is the one function that reads the archive.
"""

import re
from dataclasses import dataclass

from clippings.text import fold, word_list

#: How far back "the statement" or "the account" may point: a few paragraphs.
RECENT_PARAGRAPHS = 3
#: "Read: …", "Update: …", "Sources: …": labels of a page, not of a speaker.
NOT_LABELS = set(
    word_list(
        """
    read update updated correction note editor editors photo photos video watch related source
    sources see also more breaking exclusive live listen opinion analysis disclosure credit
    credits caption image graphic chart map warning q a
    """
    )
)
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
_NOT_NAME_WORDS = set(
    word_list(
        """
    if when while as after before because although though since unless until where what why
    how then so yet still now even once also for with by from to of like unlike during under
    over among but and or the a an in on at nor instead meanwhile however indeed despite
    """
    )
)
PERSON_PRONOUNS = {"he", "she", "him", "her"}
#: What tells a person's gender: the honorific or role printed with the name, else the first
#: personal pronoun after it ("Ruth Okafor, who lost her shop").
GENDERS = {
    "he": "he", "him": "he", "his": "he", "mr": "he", "mr.": "he", "spokesman": "he",
    "chairman": "he", "congressman": "he", "king": "he", "prince": "he", "sir": "he",
    "she": "she", "her": "she", "hers": "she", "mrs": "she", "mrs.": "she", "ms": "she",
    "ms.": "she", "spokeswoman": "she", "chairwoman": "she", "congresswoman": "she",
    "queen": "she", "lady": "she",
}  # fmt: skip
#: A pronoun that can only be the name's: "Ruth Okafor, who lost her shop", "Okafor said she",
#: "Okafor said that her"; not "apologized to Ruth Okafor for his".
_HONORIFICS_TOLD = {"mr", "mr.", "mrs", "mrs.", "ms", "ms."}
_GENDERED_PRONOUN = re.compile(
    r"(?:,\s+who\s+(?:\w+\s+){0,3}?|\s+(?!(?:to|for|with|at|of|from|by|and|or|but|in|on)\s)"
    r"[a-z]+\s+(?:that\s+)?)(?P<pronoun>he|his|she|her)\b"
)
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them"}
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | {"i", "we", "you"}
DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "this", "that", "these", "those"}

#: Words that make a capitalised phrase a body, not a person.
BODY_WORDS = set(
    word_list(
        """
    ministry department government party committee campaign council agency office commission
    court police army military navy university institute center centre times post news network
    foundation association union group inc corp co company bureau house kremlin pentagon senate
    congress parliament administration service services board bank fund organization
    organisation federation league coalition press journal magazine television tv radio cnn bbc
    reuters afp ap tass interfax department's state's republicans democrats gop school college
    hospital club alliance forces force guard corps staff team media agency's commission's watch
    institute's project initiative authority authorities council's secretariat cabinet embassy
    mission command headquarters
    """
    )
)
#: Titles and offices printed before a name: taken off as the speaker's role.
TITLE_WORDS = set(
    word_list(
        """
    president vice prime minister secretary foreign defence defense interior finance state
    senator sen sen. rep rep. representative gov gov. governor mayor chancellor king queen
    prince general gen gen. lt col col. colonel major maj capt captain sgt sergeant admiral
    commander chief justice judge attorney speaker leader chairman chairwoman chair director
    ambassador spokesman spokeswoman spokesperson minister's mr mr. mrs mrs. ms ms. dr dr. rev
    rev. sir lord lady pope cardinal bishop archbishop sheikh former acting deputy assistant
    undersecretary under lawmaker congressman congresswoman candidate nominee presidential
    republican democratic democrat independent gop u.s. us national security adviser advisor
    press first professor prof prof. economist analyst official officials executive ceo founder
    co-founder head manager coach senior majority minority whip house senate campaign strategist
    pollster
    """
    )
)
_PARTY_TAG = re.compile(r"\s*\([DRI]-[^)]*\)")
_COMPLEMENT = {"of", "for", "at", "with", "from", "to", "by", "in", "on", "close"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "rev", "rev."}
_CAPITALISED = re.compile(r"^[A-Z][\w’'.&-]*$|^[A-Z]{2,}$|^(?:de|van|von|bin|al|la|le|di|da)$")
_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass
class Speaker:
    """A speaker as resolved: the name to propose, the role the text gives, and how it reads."""

    name: str
    role: str = ""
    is_person: bool = False
    channel: str = ""  # the last channel the speaker was quoted through
    seen: int = 0  # the paragraph the speaker was last named in


def is_pronoun(text):
    return text.strip().lower() in PRONOUNS or text.strip().lower() in POSSESSIVE_PRONOUNS


def split_title(phrase):
    """``(name, role)`` of a printed speaker: "Armenian President Serzh Sarksyan" gives
    ("Serzh Sarksyan", "Armenian President")."""
    words = phrase.split()
    if not words:
        return "", ""
    if " and " in phrase or " & " in phrase:
        return _strip_determiner(phrase), ""
    if _names_a_body(words):
        return _strip_determiner(phrase), ""
    name = []
    for word in reversed(words):
        folded = fold(word).strip(",")
        if folded in TITLE_WORDS or not _CAPITALISED.match(word):
            break
        if name and word.endswith(("’s", "'s")):
            break  # "CNN's Jake Tapper": the outlet is a role, not a name
        name.insert(0, word)
    if not name or (len(name) == 1 and len(words) > 1 and fold(name[0]) in TITLE_WORDS):
        return _strip_determiner(phrase), ""
    if len(words) > len(name) and words[-len(name) - 1].lower() in _COMPLEMENT:
        return _strip_determiner(phrase), ""  # "one of the prosecutors for David Petraeus"
    role = " ".join(words[: len(words) - len(name)])
    role = " ".join(word for word in role.split() if fold(word) not in _HONORIFICS)
    return " ".join(name), _strip_determiner(role)


def _names_a_body(words):
    """ "Azeri Defense Ministry", "Department of Justice": a body's name ends with, or is built
    on, a word for a body; "Kremlin spokesman Dmitry Peskov" is a person."""
    folded = [fold(word).strip(".,’'") for word in words]
    if folded[-1] in BODY_WORDS:
        return True
    return "of" in folded and any(word in BODY_WORDS for word in folded[: folded.index("of")])


def _strip_determiner(phrase):
    words = phrase.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def looks_like_person(name):
    """Two to four capitalised words, none naming a body: "Maria Titzian", "Frank-Walter
    Steinmeier"."""
    words = name.split()
    return (
        1 <= len(words) <= 4
        and all(_CAPITALISED.match(word) for word in words)
        and not any(fold(word).strip(".,") in BODY_WORDS for word in words)
        and not words[-1].isupper()
    )


#: Capitalised runs that may be names: "Serzh Sarksyan", "Frank-Walter Steinmeier".
NAME_RUN = re.compile(
    r"\b(?:[A-Z][a-z]+\.?\s+)?(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]\.)"
    r"(?:\s+(?:(?:de|van|von|bin|al|la|di|da)\s+)?(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]\.))+"
)


class SpeakerResolver:
    """Reads a story in order and says who each printed speaker is."""

    def __init__(self):
        self.full_names = {}  # surname (folded) -> the full name printed last
        self.roles = {}  # full name -> the role printed with it
        self.speakers = []  # Speaker, in the order they were named
        self.persons = []  # full names, in the order last printed
        self.genders = {}  # full name -> "he" or "she", where the text tells
        self.told = set()  # full names whose gender no pronoun may change
        self.paragraph = 0  # the paragraph being read

    def read(self, text):
        """Learn the full names a paragraph prints, with their titles."""
        self.paragraph += 1
        runs = list(NAME_RUN.finditer(text))
        for number, match in enumerate(runs):
            run = match.group(0).split()
            title = fold(run[0]) if len(run) > 1 else ""
            while run and fold(run[0]) in _NOT_NAME_WORDS:
                run = run[1:]  # "If Anne Marie Murphy": the sentence's first word
            name, role = split_title(" ".join(run))
            words = name.split()
            if len(words) == 1 and fold(words[0]) in self.full_names and title in GENDERS:
                self.genders.setdefault(self.full_names[fold(words[0])], GENDERS[title])
            if len(words) < 2 or not looks_like_person(name):
                continue
            if words[0].lower() in {"the", "a", "an", "in", "on", "at", "but", "and"}:
                continue
            name = _POSSESSIVE.sub("", name) if name.endswith(("’s", "'s")) else name
            self.full_names[fold(name.split()[-1])] = name
            if name in self.persons:
                self.persons.remove(name)
            self.persons.append(name)
            following = runs[number + 1].start() if number + 1 < len(runs) else len(text)
            self._learn_gender(name, role, text[match.end() : following])
            if role:
                self.roles[name] = role
            before = text[max(0, match.start() - 40) : match.start()]
            role_before = re.search(
                r"([a-z][\w ]*?(?:spokesman|spokeswoman|minister|chief))\s*$", before
            )
            if role_before:
                self.roles.setdefault(name, role_before.group(1))

    def _learn_gender(self, name, role, after):
        told = [GENDERS[fold(word)] for word in role.split() if fold(word) in GENDERS]
        pronoun = _GENDERED_PRONOUN.match(after)
        if told:
            self.genders[name] = told[-1]
            self.told.add(name)
        elif pronoun and name not in self.told:
            gender = GENDERS[pronoun.group("pronoun")]
            if self.genders.setdefault(name, gender) != gender:
                self.told.add(name)  # "he" once, "she" once: the text is not telling
                self.genders.pop(name)

    def is_label(self, text):
        """Whether a paragraph's "NAME:" names who speaks, as a transcript prints it: a name in
        capitals ("TAPPER"), a full name ("Luciana Lopez") or a surname printed before."""
        words = text.split()
        if not 1 <= len(words) <= 4 or fold(words[0]) in NOT_LABELS:
            return False
        if text.isupper():
            return True
        if len(words) == 1:
            return fold(words[0]) in self.full_names
        return looks_like_person(text)

    def resolve(self, printed, channel=""):
        """The speaker a printed name, pronoun or description designates."""
        printed = printed.strip().strip(",")
        lowered = POSSESSIVE_PRONOUNS.get(printed.lower(), printed.lower())
        if not printed:
            return None
        if lowered in PRONOUNS:
            speaker = self._last(self._pronoun_fits(lowered)) or self._mentioned(lowered, printed)
        elif lowered.split()[0] in DETERMINERS and not _has_proper_name(printed):
            speaker = self._described(printed)
        else:
            speaker = self._named(printed)
        if speaker is not None:
            self._remember(speaker, channel)
        return speaker

    def _named(self, printed):
        printed = _PARTY_TAG.sub("", printed).strip(" ,")
        name, role = split_title(_POSSESSIVE.sub("", printed) if "’s " not in printed else printed)
        if not name:
            return None
        words = name.split()
        told = [GENDERS[fold(word)] for word in printed.split() if fold(word) in _HONORIFICS_TOLD]
        if len(words) == 1 and fold(words[0]) in self.full_names:
            full = self.full_names[fold(words[0])]
            if not told or self.genders.get(full, told[0]) == told[0]:
                name = full  # not "Mr. Clinton" for Hillary Clinton
        if told:
            self.genders[name] = told[0]
            self.told.add(name)
        role = role or self.roles.get(name, "")
        for speaker in reversed(self.speakers):
            if speaker.name == name:
                if role and not speaker.role:
                    speaker.role = role
                return speaker
        return Speaker(name=name, role=role, is_person=looks_like_person(name))

    def _described(self, printed):
        """ "the ministry", "the president", "the statement": the last speaker it fits.
        "A friend", "an official" bring someone new in: as printed."""
        if printed.split()[0].lower() in {"a", "an", "another", "one", "some"}:
            return Speaker(name=printed, is_person=True)
        words = [fold(word) for word in printed.split()[1:]]
        head = words[-1] if words else ""
        recent = self.paragraph - RECENT_PARAGRAPHS
        if head in {"statement", "release", "communique"}:
            fits = lambda speaker: speaker.channel == "statement" and speaker.seen >= recent  # noqa: E731
        elif head in {"account", "tweet", "post"}:
            fits = lambda speaker: speaker.channel == "social_media" and speaker.seen >= recent  # noqa: E731
        else:
            fits = lambda speaker: head in name_and_role_words(speaker)  # noqa: E731
        speaker = self._last(fits)
        if speaker is None:
            for name, role in reversed(list(self.roles.items())):
                if head and head in {fold(word) for word in role.split()}:
                    return self._named(name)
            return Speaker(name=printed, is_person=False)
        return speaker

    def _mentioned(self, pronoun, printed):
        """No speaker yet: the person last named, for "he" or "she"; else as printed."""
        if pronoun in PERSON_PRONOUNS:
            fitting = [name for name in self.persons if self._agrees(name, pronoun)]
            if fitting:
                return self._named(fitting[-1])
        return Speaker(name=printed, is_person=pronoun in PERSON_PRONOUNS)

    def _pronoun_fits(self, pronoun):
        if pronoun in PERSON_PRONOUNS:
            return lambda speaker: speaker.is_person and self._agrees(speaker.name, pronoun)
        if pronoun in THING_PRONOUNS:
            return lambda speaker: not speaker.is_person
        return lambda speaker: True

    def _agrees(self, name, pronoun):
        """Whether "he" or "she" may be ``name``: unless the text has told otherwise."""
        return self.genders.get(name, GENDERS[pronoun]) == GENDERS[pronoun]

    def _last(self, fits):
        for speaker in reversed(self.speakers):
            if fits(speaker):
                return speaker
        return None

    def _remember(self, speaker, channel):
        speaker.seen = self.paragraph
        if speaker in self.speakers:
            self.speakers.remove(speaker)
        self.speakers.append(speaker)
        if channel and channel != "unspecified":
            speaker.channel = channel


def name_and_role_words(speaker):
    words = {fold(word).strip(".,") for word in f"{speaker.name} {speaker.role}".split()}
    return words | {"defense" if word == "defence" else word for word in words}


def _has_proper_name(printed):
    """ "the New York Times" is a name; "the Twitter account", "the Azeri defense ministry"
    are descriptions: their last word is not capitalised."""
    return printed.split()[-1][:1].isupper()


def _best_match(name, names, words_by_speaker):
    """The speakers ``name`` designates; of several, the one it names exactly, if any."""
    from clippings.speaker_names import matching_speaker_ids
    from clippings.text import name_words

    ids = matching_speaker_ids(name, words_by_speaker=words_by_speaker)
    if len(ids) > 1:
        wanted = name_words(name)
        exact = {
            speaker_id
            for speaker_id, other in names
            if speaker_id in ids and name_words(other) == wanted
        }
        return exact or ids
    return ids


def match_archive_speakers(quotes, names=None):
    """Set each proposal's ``speaker_id`` to the archive's speaker its name designates.

    The same matching as the quote search (``clippings.speaker_names``), under any alias; the
    archive's names are read once for the whole story. A name that designates no speaker, or
    several, is left for the editor (a new speaker, or a choice).
    """
    from clippings.speaker_names import speaker_names, speaker_words

    if not quotes:
        return quotes
    names = speaker_names() if names is None else names
    words_by_speaker = speaker_words(names)
    found = {}
    for quote in quotes:
        for name in (quote.speaker, quote.speaker_as_printed):
            if not name or is_pronoun(name):
                continue
            if name not in found:
                found[name] = _best_match(_strip_determiner(name), names, words_by_speaker)
            if len(found[name]) == 1:
                quote.speaker_id = next(iter(found[name]))
                break
    return quotes
