"""A fetched page kept as a WARC file that WARC tools read and that gives the page back."""

import base64
import gzip
import hashlib
import io

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_datetime

from clippings.capture.fetch import fetch_page
from clippings.capture.warc import read_response, write_warc

PAGE = "<!doctype html><title>Clashes</title><p>Fighting broke out on Saturday.</p>"


@pytest.fixture
def page(site):
    site.add(
        "/story",
        PAGE,
        headers=[("Set-Cookie", "a=1"), ("X-Served-By", "cache-1"), ("set-cookie", "b=2")],
    )
    return fetch_page(site.url("/story"))


def records(data):
    """Every record of a WARC file, read as warcio reads it, digests checked as it goes."""
    read = []
    for record in ArchiveIterator(io.BytesIO(data), check_digests="raise"):
        body = record.content_stream().read()
        read.append((record, body))
    return read


def sha256_digest(data):
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode()


def test_warc_file_is_gzipped_and_holds_info_response_and_request(page):
    data = write_warc(page)

    assert data[:2] == b"\x1f\x8b"
    assert [record.rec_type for record, _ in records(data)] == ["warcinfo", "response", "request"]


def test_response_record_holds_the_headers_in_the_order_and_spelling_received(page):
    (response, body) = records(write_warc(page))[1]

    assert response.rec_headers.protocol == "WARC/1.1"
    assert response.rec_headers.get_header("WARC-Target-URI") == page.final_url
    assert response.http_headers.protocol == "HTTP/1.1"
    assert response.http_headers.get_statuscode() == "200"
    assert response.http_headers.headers == page.headers
    received = [(name, value) for name, value in page.headers if name.lower() != "date"]
    assert received[1:5] == [  # after the Server header
        ("Content-Type", "text/html; charset=utf-8"),
        ("Set-Cookie", "a=1"),
        ("X-Served-By", "cache-1"),
        ("set-cookie", "b=2"),
    ]
    assert body == PAGE.encode()


def test_response_record_is_dated_when_the_page_answered(page):
    (response, _) = records(write_warc(page))[1]

    warc_date = iso_date_to_datetime(response.rec_headers.get_header("WARC-Date"))
    assert warc_date == page.fetched_at.replace(tzinfo=None)


def test_response_record_carries_sha256_digests_that_check(page):
    (response, _) = records(write_warc(page))[1]

    assert response.rec_headers.get_header("WARC-Payload-Digest") == sha256_digest(page.body)
    assert response.rec_headers.get_header("WARC-Block-Digest").startswith("sha256:")
    assert response.digest_checker.passed is True


def test_a_tampered_warc_file_fails_its_digest_check(page):
    data = gzip.decompress(write_warc(page)).replace(b"Fighting", b"Peace ok")

    with pytest.raises(Exception, match="digest failed"):
        records(data)


def test_request_record_holds_what_was_sent(page):
    read = records(write_warc(page))
    (response, _), (request, _) = read[1], read[2]

    assert request.http_headers.protocol == "GET"
    assert request.http_headers.statusline == "/story HTTP/1.1"
    assert request.http_headers.get_header("User-Agent") == dict(page.request_headers)["User-Agent"]
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header(
        "WARC-Record-ID"
    )


def test_read_response_gives_back_the_page(page):
    url, status, headers, body = read_response(write_warc(page))

    assert (url, status, headers, body) == (page.final_url, 200, page.headers, page.body)
    assert hashlib.sha256(body).hexdigest() == page.sha256


def test_a_compressed_page_is_kept_compressed_and_read_back_decompressed(site):
    site.add("/gz", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    page = fetch_page(site.url("/gz"))
    data = write_warc(page)

    (response, _) = records(data)[1]
    assert response.rec_headers.get_header("WARC-Payload-Digest") == sha256_digest(page.payload)
    assert read_response(data)[3] == PAGE.encode()


def test_a_redirected_page_is_kept_under_the_address_that_answered(site):
    site.redirect("/old", "/story")
    site.add("/story", PAGE)
    page = fetch_page(site.url("/old"))

    assert read_response(write_warc(page))[0] == site.url("/story")


@pytest.mark.parametrize("body", [PAGE, "12\r\nTwelve lines of news\r\n0\r\n\r\n"])
def test_a_page_sent_in_chunks_is_read_back_whole(site, body):
    site.add("/chunked", body, content_type="text/plain; charset=utf-8", chunked=True)
    page = fetch_page(site.url("/chunked"))
    data = write_warc(page)

    assert ("Transfer-Encoding", "chunked") in read_response(data)[2]
    assert read_response(data)[3] == body.encode()
    assert [record.rec_type for record, _ in records(data)][1] == "response"
