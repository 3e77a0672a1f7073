"""Speakers ranked over the whole archive: by how many quotes of theirs the published clippings
hold, or by the date of their latest.

Ranking means tallying every published quote (a grouped pass over a million of them takes
0.4 to 5 s), so the tally is made once a generation of the archive (``clippings.changes``)
and a list of speakers is put in order from it, not by the database.
"""

import datetime

from clippings.changes import for_this_generation

SPEAKER_ORDERS = {
    "most-quoted": "Most quotes first",
    "latest-quote": "Latest quote first",
}

_NO_QUOTE = (0, None)


def speaker_standings():
    """``{speaker id: (number of published quotes, date of the latest)}``, for every speaker
    quoted in a published clipping."""
    return for_this_generation("speaker-standings", _tally)


def _tally():
    from clippings.models import Quote

    return {
        speaker: (count, latest)
        for speaker, count, latest in Quote.objects.published().tally_by_speaker()
    }


def in_speaker_order(keys, order, standings):
    """The speakers' primary keys ``keys`` in ``order`` (a key of ``SPEAKER_ORDERS``), by
    ``standings`` (``speaker_standings()``), most first; speakers that rank alike keep the
    order they came in."""
    if order == "most-quoted":
        return sorted(keys, key=lambda key: standings.get(key, _NO_QUOTE)[0], reverse=True)
    return sorted(
        keys, key=lambda key: standings.get(key, _NO_QUOTE)[1] or datetime.date.min, reverse=True
    )


def with_standings(speakers, standings):
    """``speakers``, each given ``quote_count`` and ``latest_quote_on`` from ``standings``, as
    ``with_published_quote_count()`` and ``with_latest_published_quote()`` would: for a page
    of a ranked list, whose busiest speakers would cost the database seconds to count again."""
    for speaker in speakers:
        speaker.quote_count, speaker.latest_quote_on = standings.get(speaker.pk, _NO_QUOTE)
        yield speaker
