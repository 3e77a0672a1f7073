"""Fetching a page for clipping: what comes back, and what is refused with which message."""

import gzip
import hashlib
import re
import socket

import pytest

from clippings.capture import fetch
from clippings.capture.fetch import FetchError, fetch_page

PAGE = "<!doctype html><title>Clashes</title><p>Fighting broke out on Saturday.</p>"


@pytest.fixture
def no_connection(monkeypatch):
    """Fails the test if the fetcher opens a connection anywhere."""

    def refuse(*args, **kwargs):
        pytest.fail(f"connected to {args}")

    monkeypatch.setattr(fetch, "connect", refuse)


@pytest.fixture
def dns(monkeypatch):
    """Stubbed resolution: ``dns["name"] = [addresses]``; other names resolve as usual."""
    names = {}
    real = fetch.resolve
    monkeypatch.setattr(fetch, "resolve", lambda host, port: names.get(host) or real(host, port))
    return names


@pytest.fixture
def connections(monkeypatch):
    """Every address the fetcher connects to, in order."""
    addresses = []
    real = fetch.connect

    def record(scheme, address, port, **options):
        addresses.append(address)
        return real(scheme, address, port, **options)

    monkeypatch.setattr(fetch, "connect", record)
    return addresses


def test_fetched_page_keeps_the_exchange_and_the_text(site):
    site.add(
        "/story", PAGE, headers={"ETag": '"v1"', "Last-Modified": "Sat, 02 Apr 2016 10:00:00 GMT"}
    )

    page = fetch_page(site.url("/story"))

    assert page.status == 200
    assert page.url == page.final_url == site.url("/story")
    assert page.text == PAGE
    assert page.body == PAGE.encode()
    assert page.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert page.etag == '"v1"'
    assert page.last_modified == "Sat, 02 Apr 2016 10:00:00 GMT"
    assert page.fetched_at.tzinfo is not None
    assert ("Content-Type", "text/html; charset=utf-8") in page.headers
    assert page.request_line == "GET /story HTTP/1.1"
    assert page.not_modified is False


def test_fetch_sends_the_archives_user_agent(site, settings):
    settings.CAPTURE_USER_AGENT = "ClippingArchive/test (+https://archive.example/about)"
    site.add("/", PAGE)

    fetch_page(site.url("/"))

    assert site.requests[-1].headers["User-Agent"] == settings.CAPTURE_USER_AGENT


def test_text_is_decoded_with_the_declared_charset(site):
    site.add(
        "/latin", "<p>Défense</p>".encode("latin-1"), content_type="text/html; charset=iso-8859-1"
    )

    assert fetch_page(site.url("/latin")).text == "<p>Défense</p>"


def test_text_is_decoded_with_the_charset_the_page_declares_in_a_meta_tag(site):
    body = '<meta charset="windows-1251"><p>Министерство</p>'.encode("cp1251")
    site.add("/cyrillic", body, content_type="text/html")

    assert "Министерство" in fetch_page(site.url("/cyrillic")).text


def test_a_page_labelled_latin_1_is_read_as_browsers_read_it(site):
    body = "<p>The minister’s words — “no”.</p>".encode("cp1252")
    site.add("/quotes", body, content_type="text/html; charset=ISO-8859-1")

    assert fetch_page(site.url("/quotes")).text == "<p>The minister’s words — “no”.</p>"


def test_text_is_decoded_with_the_encoding_an_xml_declaration_names(site):
    body = '<?xml version="1.0" encoding="iso-8859-15"?><p>Prix : 5 €</p>'.encode("iso-8859-15")
    site.add("/xhtml", body, content_type="application/xhtml+xml")

    assert fetch_page(site.url("/xhtml")).text.endswith("<p>Prix : 5 €</p>")


def test_plain_text_and_xhtml_are_pages(site):
    site.add("/a.txt", "Headline\n\nParagraph.", content_type="text/plain")
    site.add("/b", PAGE, content_type="application/xhtml+xml")

    assert fetch_page(site.url("/a.txt")).text == "Headline\n\nParagraph."
    assert fetch_page(site.url("/b")).content_type == "application/xhtml+xml"


def test_a_page_without_a_content_type_is_read_when_it_reads_as_html(site):
    site.add("/bare", PAGE, content_type=None)

    assert fetch_page(site.url("/bare")).content_type == "text/html"


def test_compressed_page_is_decompressed_and_kept_as_received(site):
    compressed = gzip.compress(PAGE.encode())
    site.add("/gz", compressed, headers={"Content-Encoding": "gzip"})

    page = fetch_page(site.url("/gz"))

    assert page.text == PAGE
    assert page.payload == compressed
    assert page.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()


def test_redirects_are_followed_to_the_final_address(site):
    site.redirect("/old", "/moved", status=301)
    site.redirect("/moved", site.url("/story"))
    site.add("/story", PAGE)

    page = fetch_page(site.url("/old"))

    assert page.url == site.url("/old")
    assert page.final_url == site.url("/story")
    assert page.redirects == [site.url("/old"), site.url("/moved")]
    assert page.text == PAGE


def test_too_many_redirects_are_refused(site, settings):
    settings.CAPTURE_MAX_REDIRECTS = 5
    for hop in range(6):
        site.redirect(f"/r{hop}", f"/r{hop + 1}")
    site.add("/r6", PAGE)

    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch_page(site.url("/r0"))
    assert len(site.requests) == 6


def test_a_redirect_loop_is_refused(site):
    site.redirect("/loop", "/loop")

    with pytest.raises(FetchError, match="redirects more than"):
        fetch_page(site.url("/loop"))


def test_conditional_request_with_etag_gets_not_modified(site):
    site.add("/story", PAGE, headers={"ETag": '"v1"'})

    page = fetch_page(site.url("/story"), etag='"v1"')

    assert page.not_modified is True
    assert page.status == 304
    assert page.body == b""
    assert site.requests[-1].headers["If-None-Match"] == '"v1"'


def test_conditional_request_with_last_modified_gets_not_modified(site):
    stamp = "Sat, 02 Apr 2016 10:00:00 GMT"
    site.add("/story", PAGE, headers={"Last-Modified": stamp})

    page = fetch_page(site.url("/story"), last_modified=stamp)

    assert page.not_modified is True
    assert site.requests[-1].headers["If-Modified-Since"] == stamp


def test_a_page_that_changed_comes_back_in_full_to_a_conditional_request(site):
    site.versions("/story", "<p>First version.</p>", "<p>Second version.</p>")
    first = fetch_page(site.url("/story"))

    second = fetch_page(site.url("/story"), etag=first.etag)

    assert second.not_modified is False
    assert second.text == "<p>Second version.</p>"
    assert second.etag != first.etag
    assert fetch_page(site.url("/story"), etag=second.etag).not_modified is True


def test_a_slow_page_is_abandoned_at_the_time_limit(site, settings):
    settings.CAPTURE_TIMEOUT_SECONDS = 0.2
    site.slow("/slow", seconds=30)

    with pytest.raises(FetchError, match="did not answer in time"):
        fetch_page(site.url("/slow"))


def test_the_deadline_bounds_the_whole_fetch(site, settings):
    settings.CAPTURE_TIMEOUT_SECONDS = 30
    settings.CAPTURE_DEADLINE_SECONDS = 0.2
    site.slow("/slow", seconds=30)

    with pytest.raises(FetchError, match="did not answer in time"):
        fetch_page(site.url("/slow"))


def test_reading_stops_at_the_size_limit_without_content_length(site, settings):
    settings.CAPTURE_MAX_BYTES = 10 * 1024 * 1024
    site.stream("/huge", 50 * 1024 * 1024)

    with pytest.raises(FetchError, match=r"larger than 10 MB: the archive stops reading there"):
        fetch_page(site.url("/huge"))
    assert site.bytes_sent("/huge") < 25 * 1024 * 1024


def test_an_announced_oversized_page_is_refused_before_reading(site):
    site.stream("/huge", 50 * 1024 * 1024, announce=True)

    with pytest.raises(FetchError, match="larger than 10 MB"):
        fetch_page(site.url("/huge"))
    assert site.bytes_sent("/huge") < 25 * 1024 * 1024


def test_a_compressed_page_that_unpacks_past_the_size_limit_is_refused(site, settings):
    settings.CAPTURE_MAX_BYTES = 1024 * 1024
    bomb = gzip.compress(b"<p>" + b" " * (20 * 1024 * 1024))
    site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})

    with pytest.raises(FetchError, match="larger than 1 MB"):
        fetch_page(site.url("/bomb"))


@pytest.mark.parametrize(
    ("content_type", "message"),
    [
        ("application/pdf", "is a PDF (application/pdf), not a web page"),
        ("image/png", "is an image (image/png), not a web page"),
        ("application/vnd.ms-excel", "is a file (application/vnd.ms-excel), not a web page"),
    ],
)
def test_an_answer_that_is_not_a_web_page_is_refused(site, content_type, message):
    site.add("/file", b"%PDF-1.7 binary", content_type=content_type)

    with pytest.raises(FetchError, match=re.escape(message)) as refused:
        fetch_page(site.url("/file"))
    assert str(refused.value).startswith(f"The page at {site.url('/file')} ")


def test_an_empty_page_is_refused(site):
    site.add("/empty", "  \n")

    with pytest.raises(FetchError, match="is empty"):
        fetch_page(site.url("/empty"))


def test_a_page_that_is_not_readable_in_its_charset_is_refused(site):
    site.add("/broken", b"<p>\xff\xfe\xfa</p>", content_type="text/html; charset=utf-8")

    with pytest.raises(FetchError, match="not readable text in utf-8"):
        fetch_page(site.url("/broken"))


def test_a_page_in_an_unknown_charset_is_refused(site):
    site.add("/odd", "<p>x</p>", content_type="text/html; charset=klingon-8")

    with pytest.raises(FetchError, match=r"character set the archive does not know \(klingon-8\)"):
        fetch_page(site.url("/odd"))


def test_binary_bytes_without_a_content_type_are_refused(site):
    site.add("/blob", b"\x89PNG\r\n\x1a\n\x00\x00", content_type=None)

    with pytest.raises(FetchError, match="does not read as a web page"):
        fetch_page(site.url("/blob"))


@pytest.mark.parametrize(
    ("status", "wording"), [(404, "404 Not Found"), (503, "503 Service Unavailable")]
)
def test_an_http_error_is_refused_with_its_status(site, status, wording):
    site.add("/gone", "<p>No</p>", status=status)

    with pytest.raises(FetchError, match=wording):
        fetch_page(site.url("/gone"))


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/story", "file:///etc/passwd", "javascript:alert(1)", "example.org/story"],
)
def test_only_http_and_https_addresses_are_fetched(url, no_connection, monkeypatch):
    monkeypatch.setattr(fetch, "resolve", lambda host, port: pytest.fail("resolved"))

    with pytest.raises(FetchError, match="only http:// and https:// addresses"):
        fetch_page(url)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.0.0.5", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:10.0.0.5", "private"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("2002:a00:5::1", "private"),  # 6to4, carrying 10.0.0.5
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not a public address"),
    ],
)
def test_a_host_resolving_to_a_non_public_address_is_refused_before_connecting(
    address, kind, dns, no_connection
):
    dns["intranet.example"] = [address]

    with pytest.raises(FetchError, match=kind) as refused:
        fetch_page("https://intranet.example/admin")
    assert f"leads to {address}" in str(refused.value)


def test_a_host_with_one_private_address_among_public_ones_is_refused(dns, no_connection):
    dns["mixed.example"] = ["93.184.216.34", "10.0.0.5"]

    with pytest.raises(FetchError, match="private"):
        fetch_page("http://mixed.example/")


def test_loopback_is_refused_unless_allowed(site, settings, no_connection):
    settings.CAPTURE_ALLOW_LOOPBACK = False
    site.add("/", PAGE)

    with pytest.raises(FetchError, match="loopback"):
        fetch_page(site.url("/"))
    assert site.requests == []


def test_a_redirect_to_a_private_address_is_refused_without_connecting_to_it(
    site, dns, connections
):
    dns["intranet.example"] = ["10.0.0.5"]
    site.redirect("/story", "http://intranet.example/secrets")

    with pytest.raises(FetchError, match=r"leads to 10\.0\.0\.5, a private address"):
        fetch_page(site.url("/story"))
    assert connections == ["127.0.0.1"]


def test_the_connection_goes_to_the_checked_address_with_the_sites_host_name(
    site, dns, connections
):
    dns["news.example"] = ["127.0.0.1"]
    site.add("/story", PAGE)
    port = site.server.server_address[1]

    page = fetch_page(f"http://news.example:{port}/story")

    assert connections == ["127.0.0.1"]
    assert site.requests[-1].headers["Host"] == f"news.example:{port}"
    assert page.final_url == f"http://news.example:{port}/story"


def test_https_connections_check_the_certificate_of_the_sites_host_name():
    pool = fetch.connect("https", "93.184.216.34", 443, host="news.example", timeout=1)

    assert pool.host == "93.184.216.34"
    assert pool.conn_kw["server_hostname"] == "news.example"
    assert pool.assert_hostname == "news.example"
    assert pool.cert_reqs == "CERT_REQUIRED"


def test_an_unknown_host_is_a_clear_message(monkeypatch, no_connection):
    def unknown(host, port):
        raise OSError("Name or service not known")

    monkeypatch.setattr(fetch, "resolve", unknown)

    with pytest.raises(FetchError, match=r"The host nowhere\.example .* could not be found"):
        fetch_page("http://nowhere.example/")


def test_a_site_that_refuses_the_connection_is_a_clear_message(settings):
    settings.CAPTURE_ALLOW_LOOPBACK = True
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]

    with pytest.raises(FetchError, match=r"could not be fetched .*Connection refused") as refused:
        fetch_page(f"http://127.0.0.1:{port}/story")
    assert "object at 0x" not in str(refused.value)


def test_a_page_over_https_is_fetched_from_the_checked_address_as_its_host(tls_site):
    tls_site.add("/story", PAGE)
    port = tls_site.server.server_address[1]

    page = fetch_page(f"https://news.example:{port}/story")

    assert page.text == PAGE
    assert page.final_url == tls_site.url("/story")
    assert tls_site.requests[-1].headers["Host"] == f"news.example:{port}"


def test_a_certificate_for_another_name_is_refused(tls_site):
    tls_site.add("/story", PAGE)
    port = tls_site.server.server_address[1]

    with pytest.raises(FetchError, match=r"The secure connection to wrong-name\.example failed"):
        fetch_page(f"https://wrong-name.example:{port}/story")
    assert tls_site.requests == []
