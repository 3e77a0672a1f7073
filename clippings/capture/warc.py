"""Keeping what was fetched as a WARC file (ISO 28500, WARC/1.1), written and read by warcio.

``write_warc(page)`` turns a ``fetch.FetchedPage`` into one gzipped WARC file of three records:

- ``warcinfo``: what wrote the file;
- ``response``: the HTTP status line and headers as received, then the body as received (any
  Content-Encoding kept; a body sent in chunks written as one chunk, so that the message reads
  as its ``Transfer-Encoding`` header says), ``WARC-Target-URI`` the address that
  answered, ``WARC-Date`` the moment it answered, with ``WARC-Payload-Digest`` and
  ``WARC-Block-Digest`` in SHA-256 (base32, as warcio writes digests);
- ``request``: the request line and headers sent for that address, concurrent to the response.

``read_response(data)`` reads a WARC file back: the response's address, status, headers and
body (decompressed), so a clipping can be checked against the page it came from. Any WARC
tool reads the file too (``warcio index``, ``warcio check``, pywb, the Wayback Machine's).
"""

import datetime
import io

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

#: The media type a WARC file is served with (ISO 28500 annex, IANA registration).
WARC_CONTENT_TYPE = "application/warc"


class SHA256WARCWriter(WARCWriter):
    """warcio's writer, its digests SHA-256 rather than its default SHA-1."""

    @staticmethod
    def _create_digester():
        return Digester("sha256")


def write_warc(page):
    """The gzipped WARC file of a fetched page (``fetch.FetchedPage``), as bytes."""
    output = io.BytesIO()
    writer = SHA256WARCWriter(output, gzip=True, warc_version="1.1")
    writer.write_record(
        writer.create_warcinfo_record(
            "",
            {
                "software": "Clipping Archive (warcio)",
                "format": "WARC File Format 1.1",
                "http-header-user-agent": dict(page.request_headers).get("User-Agent", ""),
            },
        )
    )
    payload = _framed(page)
    response = writer.create_warc_record(
        page.final_url,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),
        warc_headers_dict={"WARC-Date": _warc_date(page.fetched_at)},
        http_headers=StatusAndHeaders(
            f"{page.status} {page.reason}".rstrip(),
            list(page.headers),
            protocol=page.http_version,
        ),
    )
    request = writer.create_warc_record(
        page.final_url,
        "request",
        http_headers=StatusAndHeaders(
            page.request_line, list(page.request_headers), is_http_request=True
        ),
    )
    writer.write_request_response_pair(request, response)
    return output.getvalue()


def read_response(data):
    """``(url, status, headers, body)`` of the first response in the WARC file ``data``:
    headers as received, a list of (name, value) pairs; the body decompressed."""
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type == "response":
            return (
                record.rec_headers.get_header("WARC-Target-URI"),
                int(record.http_headers.get_statuscode()),
                list(record.http_headers.headers),
                record.content_stream().read(),
            )
    raise ValueError("The WARC file holds no response record.")


def _framed(page):
    """The body as the message carried it: http.client undoes a chunked transfer coding, which
    the headers still name, so the body goes back in one chunk."""
    if "chunked" not in page.header("Transfer-Encoding").lower():
        return page.payload
    chunk = b"%x\r\n%s\r\n" % (len(page.payload), page.payload) if page.payload else b""
    return chunk + b"0\r\n\r\n"


def _warc_date(moment):
    """WARC/1.1's date: UTC, to the microsecond."""
    utc = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return datetime_to_iso_date(utc, use_micros=True)
