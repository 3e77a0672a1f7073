"""Finding a speaker by any of their names, and suggesting names when none matches.

A name matches a speaker when every word of it begins a word of the speaker's name or one
of their aliases, after folding case, accents, punctuation and British/American spelling.
So "Putin", "vladimir putin" and "V. Putin" (an initial) find Vladimir Putin, and
"azeri defence ministry" finds the ministry whose aliases print "Azeri Defense Ministry" and
"Azerbaijani Defence Ministry". A word of two letters matches only a whole word ("US").

The database answers: each word of every name is stored folded (``SpeakerNameWord``), in an
index on the word, so each typed word is one range scan of that index and a name is the
intersection of its words' speakers, narrowed to the public ones. The rows are written when
a speaker or alias is saved (raw saves of ``loaddata`` included: ``connect()``), deleted with
it, filled in bulk by ``rebuild_speaker_name_words()`` (migration 0008, ``generate_archive``,
``manage.py rebuild_speaker_names``) and compared with the names by ``check_archive``
(``speakers_with_stale_name_words()``).

``speaker_names()``, ``speaker_words()`` and the ``names``/``words_by_speaker`` arguments
match in memory instead, for the clipping tools that match a whole story's names at once or
against names of their own.
"""

from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Case, Max, Q, Value, When
from django.db.models.signals import post_save
from rapidfuzz import fuzz, process

from .text import fold, name_words

MIN_PREFIX = 3  # a word this long may be the start of a longer one; "V" is an initial
#: How close (``fuzz.ratio``, 0-100) a stored word must be to a word typed for the names it
#: belongs to to be suggested, and how many such words each typed word brings at most.
CLOSE_WORD_SCORE = 70
CLOSE_WORDS = 10
#: Names ranked first that are compared whole with the name typed, per suggestion.
CANDIDATES_PER_SUGGESTION = 20
#: Rows written or read at a time when filling the stored words in bulk.
CHUNK_SIZE = 2000


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
    """Ids of the public speakers the name ``query`` designates: one query, on the stored
    words. Among ``names`` ((speaker id, name) pairs) or ``words_by_speaker`` (from
    ``speaker_words()``) instead, when given."""
    wanted = name_words(query)
    if not wanted:
        return set()
    if names is not None or words_by_speaker is not None:
        if words_by_speaker is None:
            words_by_speaker = speaker_words(names)
        return {
            speaker_id
            for speaker_id, words in words_by_speaker.items()
            if all(_word_matches(word, words) for word in wanted)
        }
    from clippings.models import Speaker

    speakers = Speaker.objects.filter(pk__in=speaker_ids_named(wanted))
    return set(speakers.public().order_by().values_list("pk", flat=True))


def aliases_matched(query, speaker_ids, limit=5):
    """``[(alias, speaker)]``: for each speaker of ``speaker_ids`` (the ones ``query``
    designates) whose filed name ``query`` does not match, the alias it matched; asked only of
    ``limit`` speakers at most, so that a broad query reads no more."""
    from clippings.models import Speaker

    if not speaker_ids or len(speaker_ids) > limit:
        return []
    matched = []
    for speaker in Speaker.objects.filter(pk__in=speaker_ids).prefetch_related("aliases"):
        if matching_speaker_ids(query, names=[(speaker.pk, speaker.name)]):
            continue
        for alias in speaker.aliases.all():
            if matching_speaker_ids(query, names=[(speaker.pk, alias.name)]):
                matched.append((alias.name, speaker))
                break
    return matched


def speaker_ids_named(words, *, as_typed=False):
    """A subquery of the ids of the speakers, public or not, each of whose ``words`` (from
    ``name_words()``) matches a stored word of their names: as ``matching_speaker_ids()``
    reads them, or, ``as_typed``, each word as the start of a word whatever its length (a
    name still being typed: "pu" is on its way to "Putin")."""
    from clippings.models import SpeakerNameWord

    vendor = _vendor(SpeakerNameWord)
    having = [
        SpeakerNameWord.objects.filter(_designating(word, vendor, as_typed))
        .order_by()
        .values("speaker_id")
        for word in dict.fromkeys(words)
    ]
    # INTERSECT: the database narrows the speakers word by word before it checks, for the
    # few left, that a published clipping quotes them (chained IN conditions let
    # PostgreSQL's planner check that first, for every speaker of one word).
    return having[0].intersection(*having[1:])


def _word_matches(word, words):
    if 1 < len(word) < MIN_PREFIX:
        return word in words
    return any(candidate.startswith(word) for candidate in words)


def _designating(word, vendor, as_typed=False):
    """The stored words the typed ``word`` matches, as a condition the index answers."""
    if 1 < len(word) < MIN_PREFIX and not as_typed:
        return Q(word=word)
    if vendor == "postgresql":
        # LIKE 'put%' reads the index's pattern operator class (exact for any collation).
        return Q(word__startswith=word)
    # SQLite compares text by code point (BINARY): the words beginning with "put" are those
    # from "put" up to, not including, "puu". (SQLite's LIKE ignores case and the index.)
    return Q(word__gte=word, word__lt=word[:-1] + chr(ord(word[-1]) + 1))


def _vendor(model):
    return connections[router.db_for_read(model)].vendor


def closest_names(query, limit=5, names=None):
    """The speaker names and aliases closest to ``query``, best first, one per speaker and
    each name once.

    Among the public speakers' names that have a word close to one typed (as stored, not
    folded again), or among ``names`` ((speaker id, name) pairs) when given.
    """
    if names is None:
        names = _names_with_close_words(name_words(query), limit * CANDIDATES_PER_SUGGESTION)
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
        if speaker_id not in seen and name not in suggestions:
            seen.add(speaker_id)
            suggestions.append(name)
    return suggestions[:limit]


def _names_with_close_words(typed, count):
    """(speaker id, name) of at most ``count`` public speakers' names, those with words
    close to the most of ``typed``: a few queries, and no name folded again.

    The stored words are few beside the names (a surname is shared): each typed word is
    compared with each of them, and the names are ranked in the database by how many typed
    words they have a close word for.
    """
    from clippings.models import Speaker, SpeakerAlias, SpeakerNameWord

    typed = list(dict.fromkeys(word for word in typed if len(word) > 1))
    if not typed:
        return []
    vendor = _vendor(SpeakerNameWord)
    initials = Q()
    for initial in {word[0] for word in typed}:
        initials |= _designating(initial, vendor)
    # A typing mistake is rarely in the first letter: the words compared begin with one.
    stored = list(
        SpeakerNameWord.objects.filter(initials)
        .order_by("word")
        .values_list("word", flat=True)
        .distinct()
    )
    close = [
        [
            found
            for found, _, _ in process.extract(
                word, stored, scorer=fuzz.ratio, limit=CLOSE_WORDS, score_cutoff=CLOSE_WORD_SCORE
            )
        ]
        for word in typed
    ]
    close = [words for words in close if words]
    if not close:
        return []
    covered = sum((Max(Case(When(word__in=words, then=1), default=0)) for words in close), Value(0))
    best = list(
        SpeakerNameWord.objects.filter(word__in={word for words in close for word in words})
        .values("speaker_id", "alias_id")
        .annotate(covered=covered)
        .order_by("-covered", "speaker_id", "alias_id")
        .values_list("speaker_id", "alias_id")[:count]
    )
    speakers = dict(
        Speaker.objects.public()
        .filter(pk__in={speaker_id for speaker_id, _ in best})
        .order_by()
        .values_list("pk", "name")
    )
    aliases = dict(
        SpeakerAlias.objects.filter(pk__in={alias_id for _, alias_id in best if alias_id})
        .order_by()
        .values_list("pk", "name")
    )
    return [
        (speaker_id, aliases[alias_id] if alias_id else speakers[speaker_id])
        for speaker_id, alias_id in best
        if speaker_id in speakers and (alias_id is None or alias_id in aliases)
    ]


# Keeping the stored words in step ---------------------------------------------------------


def connect():
    """Write a speaker's or alias's words whenever it is saved (raw saves included)."""
    from clippings.models import Speaker, SpeakerAlias

    post_save.connect(speaker_saved, sender=Speaker, dispatch_uid="speaker_name_words")
    post_save.connect(alias_saved, sender=SpeakerAlias, dispatch_uid="speaker_alias_name_words")


def speaker_saved(instance, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if update_fields is None or "name" in update_fields:
        _write_words(
            {"speaker_id": instance.pk, "alias_id": None},
            _words_of(instance.pk, None, instance.name),
            using,
        )


def alias_saved(instance, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if update_fields is None or {"name", "speaker"} & set(update_fields):
        _write_words(
            {"alias_id": instance.pk},
            _words_of(instance.speaker_id, instance.pk, instance.name),
            using,
        )


def _words_of(speaker_id, alias_id, name):
    """The stored form of a name's words: (speaker id, alias id, word) triples."""
    return {(speaker_id, alias_id, word) for word in name_words(name)}


def _write_words(owner, wanted, using):
    """Make the rows of one name (``owner``: the fields that select them) be ``wanted``,
    writing only what differs: saving a name unchanged writes nothing."""
    from clippings.models import SpeakerNameWord

    rows = SpeakerNameWord.objects.using(using)
    stored, stale = set(), []
    for pk, *key in rows.filter(**owner).values_list("pk", "speaker_id", "alias_id", "word"):
        key = tuple(key)
        if key in wanted and key not in stored:
            stored.add(key)
        else:
            stale.append(pk)
    if stale:
        rows.filter(pk__in=stale).delete()
    rows.bulk_create(
        SpeakerNameWord(speaker_id=speaker_id, alias_id=alias_id, word=word)
        for speaker_id, alias_id, word in sorted(wanted - set(stored), key=_sort_key)
    )


def _sort_key(row):
    speaker_id, alias_id, word = row
    return speaker_id, alias_id or 0, word


def expected_name_words(speaker_model, alias_model, using=DEFAULT_DB_ALIAS):
    """Every (speaker id, alias id, word) the names of ``speaker_model`` and
    ``alias_model`` (the models, or a migration's versions of them) call for, name by name."""
    speakers = speaker_model.objects.using(using).order_by("pk").values_list("pk", "name")
    for speaker_id, name in speakers.iterator(CHUNK_SIZE):
        yield from sorted(_words_of(speaker_id, None, name), key=_sort_key)
    aliases = alias_model.objects.using(using).order_by("pk")
    for alias_id, speaker_id, name in aliases.values_list("pk", "speaker_id", "name").iterator(
        CHUNK_SIZE
    ):
        yield from sorted(_words_of(speaker_id, alias_id, name), key=_sort_key)


def rebuild_speaker_name_words(
    speaker_model=None, alias_model=None, word_model=None, using=DEFAULT_DB_ALIAS
):
    """Write every speaker's and alias's words afresh, in bulk (for rows written without
    ``save()``: ``bulk_create()``, raw SQL, a rule of ``name_words()`` changed). Outside a
    migration (``word_model`` not given) the rewrite is a change of the archive: the quote
    search by speaker may answer differently, so cached pages are left behind."""
    outside_migration = word_model is None
    if outside_migration:
        from clippings.models import Speaker, SpeakerAlias, SpeakerNameWord

        speaker_model, alias_model, word_model = Speaker, SpeakerAlias, SpeakerNameWord
    rows = word_model.objects.using(using)
    rows.all().delete()
    chunk = []
    for speaker_id, alias_id, word in expected_name_words(speaker_model, alias_model, using):
        chunk.append(word_model(speaker_id=speaker_id, alias_id=alias_id, word=word))
        if len(chunk) == CHUNK_SIZE:
            rows.bulk_create(chunk)
            chunk = []
    rows.bulk_create(chunk)
    if outside_migration:
        from clippings.changes import archive_changed

        archive_changed(using)


def speakers_with_stale_name_words(using=DEFAULT_DB_ALIAS):
    """Ids of the speakers whose stored words differ from those of their names."""
    from clippings.models import Speaker, SpeakerAlias, SpeakerNameWord

    expected, stored = defaultdict(set), defaultdict(set)
    for speaker_id, alias_id, word in expected_name_words(Speaker, SpeakerAlias, using):
        expected[speaker_id].add((alias_id, word))
    rows = SpeakerNameWord.objects.using(using).order_by("pk")
    for speaker_id, alias_id, word in rows.values_list("speaker_id", "alias_id", "word").iterator(
        CHUNK_SIZE
    ):
        stored[speaker_id].add((alias_id, word))
    return sorted(
        speaker_id
        for speaker_id in expected.keys() | stored.keys()
        if expected[speaker_id] != stored[speaker_id]
    )
