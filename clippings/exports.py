"""Quote search results as CSV and JSON, streamed in chunks of whole rows.

The columns are a public contract (README, "Exporting quotes"): add new ones at the end,
never rename or reorder.

A spreadsheet opening the CSV would run any cell that begins like a formula, and the archive
holds text as printed, so a speaker named ``=HYPERLINK(...)`` would become a live link. As
OWASP's "CSV Injection" advice has it, a CSV cell beginning with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a single quote (``'``) in front, which spreadsheets read as
"this is text". The JSON keeps every value verbatim.

A full export runs to a million rows, so each row is read as a tuple of exactly the columns
it needs (one joined query, read in batches through ``iterator()``: a server-side cursor on
PostgreSQL), its link is built from the clipping page's address worked out once, and the rows
go out in chunks of about ``CHUNK_CHARACTERS``, not one write to the socket per row. Memory
stays bounded by a batch and a chunk, whatever the number of rows.
"""

import csv
import io
import json

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

#: Rows read from the database at a time.
FETCH_ROWS = 2000
#: About how much text one chunk of the response holds.
CHUNK_CHARACTERS = 64 * 1024
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

TEXT, DATE, FLAG = "text", "date", "flag"
#: The columns, in order: name, the field read (``None``: made of the clipping's slug and the
#: quote's anchor, or of the quote's primary key) and the kind of value. Text and dates are
#: empty, never null, when missing.
COLUMNS = [
    ("quote_id", None, TEXT),  # <article slug>#<quote anchor>
    ("words", "words", TEXT),
    ("kind", "kind", TEXT),
    ("speaker", "speaker__name", TEXT),
    ("speaker_slug", "speaker__slug", TEXT),
    ("speaker_role", "speaker__role", TEXT),
    ("speaker_affiliation", "speaker__affiliation", TEXT),
    ("speaker_as_printed", "speaker_as_printed", TEXT),
    ("intermediary", "intermediary__name", TEXT),
    ("channel", "channel", TEXT),
    ("channel_source", "channel_source__name", TEXT),
    ("channel_as_printed", "channel_as_printed", TEXT),
    ("said_on", "said_on", DATE),
    ("said_on_as_printed", "said_on_as_printed", TEXT),
    ("said_on_is_inferred", "said_on_is_inferred", FLAG),
    ("article_slug", "article__slug", TEXT),
    ("article_headline", "article__headline", TEXT),
    ("article_published_on", "article__published_on", DATE),
    ("update_label", "paragraph__update__label", TEXT),
    ("update_published_on", "paragraph__update__published_on", DATE),
    ("paragraph", "paragraph__anchor", TEXT),
    ("url", None, TEXT),  # absolute link to the quote in its clipping
    ("article_outlet", "article__outlet__name", TEXT),
    ("permalink", None, TEXT),  # absolute link to the quote's own page
]
COLUMN_NAMES = [name for name, _, _ in COLUMNS]
READ = [(field, kind) for _, field, kind in COLUMNS if field]
FIELDS = ["article__slug", "anchor", "pk", *(field for field, _ in READ)]
#: The columns made of other values are ``quote_id`` (the first), ``url`` and ``permalink``
#: (the last); ``url`` stands after this many of the columns read.
URL_AT = COLUMN_NAMES.index("url") - 1


def _rows(quotes, request):
    """Each quote of ``quotes``, in their order, as the tuple of its columns' values: text
    (empty where there is none), dates as ``YYYY-MM-DD`` (or empty) and flags as booleans.

    Every link differs from the first clipping page's only by the slug, and every permalink
    from the first quote's only by its primary key, so the addresses are worked out once,
    with the request's scheme, host and script prefix, rather than through ``reverse()`` and
    ``build_absolute_uri()`` for each of a million rows.
    """
    page_before, page_after = _address(request, "clippings:article-detail", slug="slug")
    quote_before, quote_after = _address(request, "clippings:quote-detail", pk=12345)
    dates = [index for index, (_, kind) in enumerate(READ) if kind == DATE]
    texts = [index for index, (_, kind) in enumerate(READ) if kind == TEXT]
    for slug, anchor, pk, *values in quotes.values_list(*FIELDS).iterator(chunk_size=FETCH_ROWS):
        for index in dates:
            value = values[index]
            values[index] = value.isoformat() if value else ""
        for index in texts:
            if values[index] is None:
                values[index] = ""
        yield (
            f"{slug}#{anchor}",
            *values[:URL_AT],
            f"{page_before}{slug}{page_after}#{anchor}",
            *values[URL_AT:],
            f"{quote_before}{pk}{quote_after}",
        )


def _address(request, name, **kwargs):
    """The absolute address of URL ``name`` split around its one argument's value."""
    [(_, placeholder)] = kwargs.items()
    address = request.build_absolute_uri(reverse(name, kwargs=kwargs))
    return address.rsplit(str(placeholder), 1)


def _csv_cell(value):
    """``value`` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    if value is True or value is False:
        return "true" if value else "false"
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_chunks(quotes, request):
    """The header at once, then the rows as the ``csv`` module writes them, a chunk of about
    ``CHUNK_CHARACTERS`` at a time: a million rows are a few thousand writes to the socket."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMN_NAMES)
    yield _emptied(buffer)  # before the rows' query has run: the download starts at once
    for row in _rows(quotes, request):
        if buffer.tell() >= CHUNK_CHARACTERS:
            yield _emptied(buffer)
        writer.writerow([_csv_cell(value) for value in row])
    yield _emptied(buffer)


def _json_chunks(quotes, request):
    """A JSON list of one object per row, as ``json.dumps()`` writes it, in chunks of about
    ``CHUNK_CHARACTERS``."""
    yield "[\n"
    buffer = io.StringIO()
    separator = ""
    for row in _rows(quotes, request):
        if buffer.tell() >= CHUNK_CHARACTERS:
            yield _emptied(buffer)
        buffer.write(separator)
        buffer.write(json.dumps(dict(zip(COLUMN_NAMES, row, strict=True)), ensure_ascii=False))
        separator = ",\n"
    buffer.write("\n]\n")
    yield _emptied(buffer)


def _emptied(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def export_response(quotes, request, export_format, filename="quotes"):
    """A streaming download of ``quotes`` as ``csv`` or ``json``."""
    if export_format == "csv":
        response = StreamingHttpResponse(
            _csv_chunks(quotes, request), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            _json_chunks(quotes, request), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    # Never kept by a cache, in the site or on the way: a download reads the archive as it is
    # now, and a copy of hundreds of MB is not worth keeping.
    add_never_cache_headers(response)
    return response
