"""Finding a speaker by any of their names, and suggesting names when none matches.

A name matches a speaker when every word of it begins a word of the speaker's name or one
of their aliases, after folding case, accents, punctuation and British/American spelling.
So "Putin", "vladimir putin" and "V. Putin" (an initial) find Vladimir Putin, and
"azeri defence ministry" finds the ministry whose aliases print "Azeri Defense Ministry" and
"Azerbaijani Defence Ministry".
"""

from rapidfuzz import fuzz, process

from .text import fold, name_words

MIN_PREFIX = 3  # a word this long may be the start of a longer one; "V" is an initial


def speaker_names():
    """Every (speaker id, name) pair of the public speakers: canonical names and aliases.

    A speaker only drafts use is neither matched nor suggested.
    """
    from clippings.models import Speaker, SpeakerAlias

    speakers = Speaker.objects.public()
    return [
        *speakers.values_list("pk", "name"),
        *SpeakerAlias.objects.filter(speaker__in=speakers).values_list("speaker_id", "name"),
    ]


def speaker_words(names=None):
    """Each speaker's id with the words of all their names (``speaker_names()`` unless
    ``names`` is given), ready to match many queries against."""
    words_by_speaker = {}
    for speaker_id, name in speaker_names() if names is None else names:
        words_by_speaker.setdefault(speaker_id, set()).update(name_words(name))
    return words_by_speaker


def matching_speaker_ids(query, names=None, *, words_by_speaker=None):
    """Ids of the speakers the name ``query`` designates (among ``words_by_speaker``, from
    ``speaker_words()``, when given)."""
    wanted = name_words(query)
    if not wanted:
        return set()
    if words_by_speaker is None:
        words_by_speaker = speaker_words(names)
    return {
        speaker_id
        for speaker_id, words in words_by_speaker.items()
        if all(_word_matches(word, words) for word in wanted)
    }


def _word_matches(word, words):
    if 1 < len(word) < MIN_PREFIX:
        return word in words
    return any(candidate.startswith(word) for candidate in words)


def closest_names(query, limit=5, names=None):
    """The speaker names and aliases closest to ``query``, best first, one per speaker."""
    names = speaker_names() if names is None else names
    matches = process.extract(
        fold(query),
        {index: fold(name) for index, (_, name) in enumerate(names)},
        scorer=fuzz.WRatio,
        limit=limit * 4,
        score_cutoff=50,
    )
    suggestions, seen = [], set()
    for _, _, index in matches:
        speaker_id, name = names[index]
        if speaker_id not in seen:
            seen.add(speaker_id)
            suggestions.append(name)
    return suggestions[:limit]
