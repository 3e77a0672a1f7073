"""Quote search results as CSV and JSON, streamed row by row.

The columns are a public contract (README, "Exporting quotes"): add new ones at the end,
never rename or reorder.

A spreadsheet opening the CSV would run any cell that begins like a formula, and the archive
holds text as printed, so a speaker named ``=HYPERLINK(...)`` would become a live link. As
OWASP's "CSV Injection" advice has it, a CSV cell beginning with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a single quote (``'``) in front, which spreadsheets read as
"this is text". The JSON keeps every value verbatim.
"""

import csv
import json

from django.http import StreamingHttpResponse

CHUNK_SIZE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _date(value):
    return value.isoformat() if value else ""


COLUMNS = [
    ("quote_id", lambda q: f"{q.article.slug}#{q.anchor}"),
    ("words", lambda q: q.words),
    ("kind", lambda q: q.kind),
    ("speaker", lambda q: q.speaker.name),
    ("speaker_slug", lambda q: q.speaker.slug),
    ("speaker_role", lambda q: q.speaker.role),
    ("speaker_affiliation", lambda q: q.speaker.affiliation),
    ("speaker_as_printed", lambda q: q.speaker_as_printed),
    ("intermediary", lambda q: q.intermediary.name if q.intermediary_id else ""),
    ("channel", lambda q: q.channel),
    ("channel_source", lambda q: q.channel_source.name if q.channel_source_id else ""),
    ("channel_as_printed", lambda q: q.channel_as_printed),
    ("said_on", lambda q: _date(q.said_on)),
    ("said_on_as_printed", lambda q: q.said_on_as_printed),
    ("said_on_is_inferred", lambda q: q.said_on_is_inferred),
    ("article_slug", lambda q: q.article.slug),
    ("article_headline", lambda q: q.article.headline),
    ("article_published_on", lambda q: _date(q.article.published_on)),
    ("update_label", lambda q: q.paragraph.update.label if q.paragraph.update_id else ""),
    (
        "update_published_on",
        lambda q: _date(q.paragraph.update.published_on) if q.paragraph.update_id else "",
    ),
    ("paragraph", lambda q: q.paragraph.anchor),
    ("url", None),  # absolute, needs the request
]
COLUMN_NAMES = [name for name, _ in COLUMNS]


def _rows(quotes, request):
    for quote in quotes.iterator(chunk_size=CHUNK_SIZE):
        row = {name: get(quote) for name, get in COLUMNS if get}
        row["url"] = request.build_absolute_uri(quote.get_absolute_url())
        yield row


def _csv_cell(value):
    """``value`` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` hands back what it is given (Django's CSV recipe)."""

    def write(self, value):
        return value


def _csv_lines(quotes, request):
    writer = csv.DictWriter(_Echo(), fieldnames=COLUMN_NAMES)
    yield writer.writeheader()
    for row in _rows(quotes, request):
        yield writer.writerow({name: _csv_cell(value) for name, value in row.items()})


def _json_chunks(quotes, request):
    yield "[\n"
    separator = ""
    for row in _rows(quotes, request):
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def export_response(quotes, request, export_format, filename="quotes"):
    """A streaming download of ``quotes`` as ``csv`` or ``json``."""
    if export_format == "csv":
        response = StreamingHttpResponse(
            _csv_lines(quotes, request), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            _json_chunks(quotes, request), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    return response
