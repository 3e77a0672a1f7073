"""A clipped story kept as JSON-ready data between two requests (the review page) or until an
editor reviews it (a newer version found by ``recheck_clippings``), and read back as it was.

The fetched page travels with the story: its bytes base64-encoded, its times in ISO 8601.
"""

import base64
import dataclasses
import datetime

from .draft import ClippedStory, DraftParagraph, DraftUpdate, ProposedQuote


def story_to_data(story):
    """``story`` as plain JSON-ready data, the fetched page included."""
    data = _encode(dataclasses.asdict(dataclasses.replace(story, capture=None)))
    del data["capture"]
    page = story.capture
    if page is not None:
        fields = {f.name: getattr(page, f.name) for f in dataclasses.fields(page)}
        data["capture"] = {"type": _dotted(type(page)), "fields": _encode(fields)}
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
    module, _, name = data["type"].rpartition(".")
    if module != "clippings.capture.fetch":
        raise ValueError(f"Not a fetched page: {data['type']}")
    from . import fetch

    return getattr(fetch, name)(**data["fields"])


def _dotted(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


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
