"""Fetching a web page safely, for clipping and re-checking.

``fetch_page(url)`` gets one page and returns it as a ``FetchedPage``, or raises ``FetchError``
with a message an editor can act on. The server fetches what an editor types, so it guards
itself:

- only ``http`` and ``https`` addresses;
- each host name is resolved first (``resolve``), every address it resolves to is checked
  (``refusal``): loopback, private, link-local, multicast, reserved and unspecified addresses,
  and IPv6 forms of them, are refused before any connection is made. The connection then goes
  to the address checked (``connect``), sending the page's host name as ``Host`` and as the TLS
  server name, so a second, different answer from DNS cannot slip in;
- a time limit per connection and per read, and a deadline for the whole fetch;
- at most ``CAPTURE_MAX_REDIRECTS`` redirects, each new address checked as the first was;
- no more than ``CAPTURE_MAX_BYTES`` read (or decompressed), whatever the server announces;
- only web pages (HTML, XHTML, plain text): a PDF, an image, an empty or unreadable answer or
  an HTTP error is a ``FetchError``.

Re-checking passes the ``etag`` and ``last_modified`` a capture kept: a server that has nothing
new answers 304, and the page comes back with ``not_modified`` set and no body.
"""

import codecs
import datetime
import hashlib
import ipaddress
import re
import socket
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils import timezone

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
DEFAULT_PORTS = {"http": 80, "https": 443}
CHUNK_SIZE = 64 * 1024

#: What a refused type is called in the message, by its MIME type or its top-level type.
TYPE_NAMES = {
    "application/pdf": "a PDF",
    "application/json": "JSON data",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a file to download",
    "text/css": "a style sheet",
    "text/javascript": "a script",
    "application/javascript": "a script",
    "image": "an image",
    "video": "a video",
    "audio": "a sound file",
    "font": "a font",
}

META_CHARSET = re.compile(
    rb"""<(?:meta[^>]*?charset|\?xml[^>]*?encoding)\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE
)
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
#: Charsets that pages declare but mean a superset of, as browsers read them (the WHATWG
#: Encoding Standard): "iso-8859-1" pages hold Windows-1252 quotation marks and dashes. By the
#: name Python's codecs give the declared charset.
READ_AS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "gb2312": "gbk"}
HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<!--")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class FetchError(Exception):
    """A page that cannot be clipped; the message says why, for the editor."""

    def __init__(self, message, *, url=""):
        super().__init__(message)
        self.url = url


@dataclass
class FetchedPage:
    """One fetched page: the exchange as sent and received, and the page's text."""

    url: str  # the address asked for
    final_url: str  # the address that answered, after redirects
    status: int
    headers: list[tuple[str, str]]  # as received, in order, repeated names kept
    body: bytes  # the page's bytes (any Content-Encoding undone); empty when not modified
    text: str  # the body decoded with its declared or sniffed charset
    content_type: str  # the MIME type alone, lower case: "text/html"
    fetched_at: datetime.datetime  # when the answer came (aware, UTC)
    not_modified: bool = False  # the server answered 304 to a conditional request
    etag: str = ""  # as the server sent them, for the next conditional request
    last_modified: str = ""
    sha256: str = ""  # hex SHA-256 of ``body``
    charset: str = ""  # the codec ``text`` was decoded with
    reason: str = ""  # the status line's reason phrase, as received
    http_version: str = "HTTP/1.1"
    #: The request sent for ``final_url``: "GET /path?query HTTP/1.1" and its headers.
    request_line: str = ""
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    #: The body as it came over the wire when the server compressed it (Content-Encoding);
    #: None when that is ``body`` itself.
    raw_body: bytes | None = field(default=None, repr=False)
    redirects: list[str] = field(default_factory=list)  # the addresses that redirected, in order

    @property
    def status_line(self):
        return f"{self.http_version} {self.status} {self.reason}".rstrip()

    @property
    def payload(self):
        """The body exactly as received, which is what a WARC response record holds."""
        return self.body if self.raw_body is None else self.raw_body

    def header(self, name, default=""):
        """The first value of a received header, by case-insensitive name."""
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), default)


@dataclass(frozen=True)
class Target:
    """Where one request goes: the address as given, split into what a connection needs."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or address, without brackets
    port: int
    request_uri: str  # path and query, percent-encoded

    @property
    def host_header(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def resolve(host, port):
    """Every address ``host`` resolves to, in the resolver's order (``socket.getaddrinfo``)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def refusal(address):
    """Why the archive does not connect to ``address`` (an IP address as text), or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and (ip.ipv4_mapped or ip.sixtofour):
        ip = ip.ipv4_mapped or ip.sixtofour
    if ip.is_loopback:
        return None if settings.CAPTURE_ALLOW_LOOPBACK else "a loopback address (this machine)"
    for kind in ("unspecified", "link_local", "private", "multicast", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"a {kind.replace('_', '-')} address"
    if not ip.is_global:
        return "not a public address"
    return None


def connect(scheme, address, port, *, host, timeout):
    """A connection pool to the checked ``address``, speaking to it as ``host``."""
    options = {"timeout": timeout, "retries": False, "maxsize": 1}
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            **options,
        )
    return urllib3.HTTPConnectionPool(address, port, **options)


def fetch_page(url, *, etag=None, last_modified=None):
    """Fetch the page at ``url`` by the rules above; conditional when given ``etag`` or
    ``last_modified`` (as a server sent them)."""
    deadline = time.monotonic() + settings.CAPTURE_DEADLINE_SECONDS
    current, redirects = url, []
    for _hop in range(settings.CAPTURE_MAX_REDIRECTS + 1):
        target = _target(current)
        addresses = _checked_addresses(target)
        request_headers = _request_headers(target, etag=etag, last_modified=last_modified)
        response = _send(target, addresses, request_headers, deadline)
        try:
            if response.status not in REDIRECT_STATUSES:
                return _page(url, target, request_headers, response, deadline, redirects)
            location = response.headers.get("Location", "").strip()
            if not location:
                raise FetchError(
                    f"The page at {current} redirects ({response.status}) without saying where.",
                    url=current,
                )
            redirects.append(current)
            current = urljoin(current, location)
        finally:
            response.close()
    raise FetchError(
        f"The page at {url} redirects more than {settings.CAPTURE_MAX_REDIRECTS} times "
        f"(last to {current}); the archive stops following there.",
        url=url,
    )


def _target(url):
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            raise FetchError(
                f"{url} is not a web address: only http:// and https:// addresses can be fetched.",
                url=url,
            )
        if not parts.hostname:
            raise FetchError(f"{url} names no host to fetch from.", url=url)
        port = parts.port or DEFAULT_PORTS[scheme]
        host = parts.hostname.encode("idna").decode("ascii")
        request_uri = urllib3.util.parse_url(url.strip()).request_uri
    except (ValueError, UnicodeError, urllib3.exceptions.LocationParseError) as error:
        raise FetchError(f"{url} is not a valid web address ({error}).", url=url) from None
    return Target(url=url, scheme=scheme, host=host, port=port, request_uri=request_uri)


def _checked_addresses(target):
    try:
        addresses = resolve(target.host, target.port)
    except (OSError, UnicodeError):
        addresses = []
    if not addresses:
        raise FetchError(
            f"The host {target.host} of {target.url} could not be found.", url=target.url
        )
    for address in addresses:
        reason = refusal(address)
        if reason:
            raise FetchError(
                f"The address {target.url} leads to {address}, {reason}: the archive does not "
                "fetch from loopback, private, link-local or reserved networks.",
                url=target.url,
            )
    return addresses


def _request_headers(target, *, etag, last_modified):
    headers = [
        ("Host", target.host_header),
        ("User-Agent", settings.CAPTURE_USER_AGENT),
        ("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"),
        ("Accept-Encoding", "gzip, deflate"),
    ]
    if etag:
        headers.append(("If-None-Match", etag))
    if last_modified:
        headers.append(("If-Modified-Since", last_modified))
    return headers


def _timeout(deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return None
    seconds = min(settings.CAPTURE_TIMEOUT_SECONDS, remaining)
    return urllib3.Timeout(connect=seconds, read=seconds)


def _too_slow(url):
    return FetchError(
        f"The page at {url} did not answer in time (the archive waits "
        f"{settings.CAPTURE_TIMEOUT_SECONDS} seconds for each part of an answer, "
        f"{settings.CAPTURE_DEADLINE_SECONDS} in all).",
        url=url,
    )


def _send(target, addresses, request_headers, deadline):
    """The response of the first address that answers, its body not yet read."""
    failure = None
    for address in addresses:
        timeout = _timeout(deadline)
        if timeout is None:
            raise _too_slow(target.url)
        pool = connect(target.scheme, address, target.port, host=target.host, timeout=timeout)
        try:
            return pool.urlopen(
                "GET",
                target.request_uri,
                headers=dict(request_headers),
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
                timeout=timeout,
            )
        except (urllib3.exceptions.HTTPError, OSError) as error:
            failure = _failure(target, error)
    raise failure


def _failure(target, error):
    """The FetchError for a connection or request that failed with ``error``."""
    # urllib3's NewConnectionError (refused, unreachable) is a ConnectTimeoutError too.
    if isinstance(error, urllib3.exceptions.TimeoutError | TimeoutError) and not isinstance(
        error, urllib3.exceptions.NewConnectionError
    ):
        return _too_slow(target.url)
    if isinstance(error, urllib3.exceptions.SSLError):
        return FetchError(
            f"The secure connection to {target.host} failed ({error}).", url=target.url
        )
    return FetchError(
        f"The page at {target.url} could not be fetched ({_plain(error)}).", url=target.url
    )


def _plain(error):
    """An exception's message without urllib3's object addresses."""
    return re.sub(r"<[^>]*>: ", "", str(error)) or type(error).__name__


def _page(url, target, request_headers, response, deadline, redirects):
    status, current = response.status, target.url
    received = _received_headers(response)
    page = FetchedPage(
        url=url,
        final_url=current,
        status=status,
        headers=received,
        body=b"",
        text="",
        content_type="",
        fetched_at=timezone.now(),
        not_modified=status == 304,
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
        reason=response.reason or "",
        http_version="HTTP/1.0" if response.version == 10 else "HTTP/1.1",
        request_line=f"GET {target.request_uri} HTTP/1.1",
        request_headers=request_headers,
        redirects=redirects,
    )
    if page.not_modified:
        page.sha256 = hashlib.sha256(b"").hexdigest()
        return page
    if not 200 <= status < 300:
        raise FetchError(
            f"The page at {current} answered {page.status_line.split(' ', 1)[1]}"
            f"{': it does not exist (any more)' if status in (404, 410) else ''}.",
            url=current,
        )
    declared_type = response.headers.get("Content-Type", "")
    page.content_type = declared_type.split(";", 1)[0].strip().lower()
    if page.content_type:
        _check_type(current, page.content_type)
    raw = _read_limited(current, response, deadline)
    body = _decoded(current, raw, response.headers.get("Content-Encoding", ""))
    if body is not raw:
        page.raw_body = raw
    if not body.strip():
        raise FetchError(f"The page at {current} is empty.", url=current)
    if not page.content_type:
        if not body.lstrip()[:20].lower().startswith(HTML_START):
            raise FetchError(
                f"The page at {current} does not say what it is, and does not read as a web page.",
                url=current,
            )
        page.content_type = "text/html"
    page.body = body
    page.sha256 = hashlib.sha256(body).hexdigest()
    page.charset, page.text = _text(current, body, declared_type)
    return page


def _received_headers(response):
    """The headers in the order and spelling received: http.client's message keeps them so,
    where urllib3's dictionary puts repeated names together."""
    message = getattr(getattr(response, "_original_response", None), "msg", None)
    return list(message.items()) if message is not None else list(response.headers.items())


def _check_type(url, content_type):
    if content_type in PAGE_TYPES:
        return
    name = TYPE_NAMES.get(content_type) or TYPE_NAMES.get(content_type.split("/")[0], "a file")
    raise FetchError(f"The page at {url} is {name} ({content_type}), not a web page.", url=url)


def _megabytes(count):
    return f"{count / (1024 * 1024):g} MB"


def _too_large(url):
    limit = settings.CAPTURE_MAX_BYTES
    return FetchError(
        f"The page at {url} is larger than {_megabytes(limit)}: the archive stops reading there.",
        url=url,
    )


def _read_limited(url, response, deadline):
    """The body as received, read no further than the size limit and the deadline allow."""
    limit = settings.CAPTURE_MAX_BYTES
    announced = response.headers.get("Content-Length", "")
    if announced.strip().isdecimal() and int(announced) > limit:
        raise _too_large(url)
    chunks, size = [], 0
    try:
        while chunk := response.read1(CHUNK_SIZE, decode_content=False):
            size += len(chunk)
            if size > limit:
                raise _too_large(url)
            if time.monotonic() > deadline:
                raise _too_slow(url)
            chunks.append(chunk)
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        raise _too_slow(url) from None
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise FetchError(
            f"The connection to {url} broke before the page was complete ({_plain(error)}).",
            url=url,
        ) from None
    return b"".join(chunks)


def _decoded(url, raw, content_encoding):
    """``raw`` with its Content-Encoding undone (gzip, deflate), within the size limit."""
    encodings = [
        coding.strip().lower()
        for coding in content_encoding.split(",")
        if coding.strip().lower() not in ("", "identity")
    ]
    data = raw
    for coding in reversed(encodings):
        if coding in ("gzip", "x-gzip"):
            wbits = 16 + zlib.MAX_WBITS
        elif coding == "deflate":
            wbits = zlib.MAX_WBITS if data[:1] == b"\x78" else -zlib.MAX_WBITS
        else:
            raise FetchError(
                f"The page at {url} came in an encoding the archive cannot read ({coding}).",
                url=url,
            )
        decompressor = zlib.decompressobj(wbits)
        try:
            data = decompressor.decompress(data, settings.CAPTURE_MAX_BYTES + 1)
        except zlib.error as error:
            raise FetchError(
                f"The page at {url} is not readable: its {coding} compression is broken ({error}).",
                url=url,
            ) from None
        if len(data) > settings.CAPTURE_MAX_BYTES or decompressor.unconsumed_tail:
            raise _too_large(url)
    return data


def _text(url, body, content_type_header):
    """(codec, text): the body decoded by its byte-order mark, its declared charset, a
    ``<meta charset>`` or, failing all, as UTF-8 and then Windows-1252."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            candidates = [codec]
            break
    else:
        declared = HEADER_CHARSET.search(content_type_header) or META_CHARSET.search(body[:4096])
        if declared:
            name = declared.group(1)
            name = name.decode("ascii") if isinstance(name, bytes) else name
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                raise FetchError(
                    f"The page at {url} is written in a character set the archive does not "
                    f"know ({name}).",
                    url=url,
                ) from None
            candidates = [READ_AS[codec], codec] if codec in READ_AS else [codec]
        else:
            candidates = ["utf-8", "cp1252"]
    for codec in candidates:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return codec, text
    raise FetchError(
        f"The page at {url} is not readable text in {' or '.join(candidates)}.", url=url
    )
