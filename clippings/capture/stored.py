"""A clipped story kept as JSON-ready data between two requests (the review page) or until an
editor reviews it (a newer version found by ``recheck_clippings``), and read back as it was.

The fetched page travels with the story: its bytes base64-encoded, its times in ISO 8601.
"""

import base64
import dataclasses
import datetime

from .draft import ClippedStory, DraftParagraph, DraftUpdate, ProposedQuote
from .fetch import FetchedPage

#: What the kept page is, as the data names it.
PAGE_TYPE = f"{FetchedPage.__module__}.{FetchedPage.__qualname__}"


def story_to_data(story):
    """``story`` as plain JSON-ready data, the fetched page included."""
    data = _encode(dataclasses.asdict(dataclasses.replace(story, capture=None)))
    del data["capture"]
    if story.capture is not None:
        data["capture"] = {"type": PAGE_TYPE, "fields": _encode(dataclasses.asdict(story.capture))}
    return data


def story_from_data(data):
    """The ``ClippedStory`` that ``story_to_data()`` turned into ``data``."""
    data = _decode(data)
    return ClippedStory(
        **{
            **{key: value for key, value in data.items() if key in _STORY_FIELDS},
            "updates": [DraftUpdate(**item) for item in data.get("updates", [])],
            "paragraphs": [DraftParagraph(**item) for item in data.get("paragraphs", [])],
            "quotes": [ProposedQuote(**item) for item in data.get("quotes", [])],
            "capture": _page(data.get("capture")),
        }
    )


_STORY_FIELDS = {field.name for field in dataclasses.fields(ClippedStory)}


def _page(data):
    if not data:
        return None
    if data["type"] != PAGE_TYPE:
        raise ValueError(f"Not a fetched page: {data['type']}")
    return FetchedPage(**data["fields"])


def _encode(value):
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


def _decode(value):
    if isinstance(value, dict):
        if value.keys() == {"bytes"}:
            return base64.b64decode(value["bytes"])
        if value.keys() == {"datetime"}:
            return datetime.datetime.fromisoformat(value["datetime"])
        if value.keys() == {"date"}:
            return datetime.date.fromisoformat(value["date"])
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value
