"""Any query string on any public URL gets a clear answer, never a server error.

Hypothesis writes the query strings: the known filter names and random keys, with any Unicode
text (NUL included), very long values, huge numbers, malformed dates and broken percent-escapes.
A 200 is a page, a 400 names what is wrong in an alert, a 404 says there is no such page; a 500
fails the test (Django's test client raises the view's exception, and Hypothesis shrinks it to
the smallest query string that does it).
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

SLUG = "armenia-azerbaijan-karabakh-conflict-escalates"

PUBLIC_URLS = [
    "/",
    f"/articles/{SLUG}/",
    f"/articles/{SLUG}/evolution/",
    f"/articles/{SLUG}/versions/original/",
    "/sources/rt/",
    "/tags/nagorno-karabakh/",
    "/speakers/vladimir-putin/",
    "/quotes/",
    "/speakers/",
    "/feeds/",
    "/sitemap.xml",
    f"/articles/{SLUG}/cite/original.bib",
    f"/articles/{SLUG}/cite/original.json",
]

# The parameters the pages read (index filters, pagination, the evolution form), and a few
# that look like them.
KNOWN_KEYS = [
    "tag",
    "source",
    "speaker",
    "q",
    "published_after",
    "published_before",
    "has_updates",
    "sort",
    "page",
    "p",
    "before",
    "after",
    "view",
    "format",
    "date_after",
    "date_before",
    "kind",
    "channel",
    "affiliation",
    "article",
    "said_after",
    "said_before",
]
GOOD_VALUES = [
    "azeri defence ministry",
    "csv",
    "json",
    "partial",
    "interview",
    "Armenia",
    "nagorno-karabakh",
    "rt",
    "vladimir-putin",
    "original",
    "update-1",
    "side",
    "inline",
    "yes",
    "no",
    "newest",
    "most-quoted",
    "2016-04-02",
    "1",
    "2",
    "",
    # Hyphens, which join words the searches index whole too.
    "cease-fire",
    "cease\u2013fire",
    "-fire",
    "cease-",
    "--",
    "a-b-c-d-e-f",
    "-".join(["fire"] * 40),
]
MALFORMED_DATES = [
    "2016-02-30",
    "2016-13-01",
    "2016-00-10",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "-2016-04-02",
    "2016/04/02",
    "02/04/2016",
    "2016-04-02T25:61",
    "2016-4-2",
    "２０１６-０４-０２",  # full-width digits
]
# Percent-escapes that decode to invalid UTF-8, or do not decode at all.
RAW_FRAGMENTS = [
    "%",
    "%zz",
    "%C3",
    "%ff%fe",
    "%00",
    "=",
    "&&",
    "a=%E2%80",
    "tag=%C0%AF",
    "q=%ED%A0%80",
]

dates = st.one_of(
    st.sampled_from(MALFORMED_DATES),
    st.builds(
        "{}-{:02}-{:02}".format,
        st.integers(-1, 100_000),
        st.integers(-1, 99),
        st.integers(-1, 99),
    ),
)
numbers = st.one_of(
    st.integers().map(str),
    st.integers(2**63 - 2, 2**64 + 2).map(str),  # around the databases' integer limits
    st.integers(10**100, 10**400).map(str),
    st.integers(1, 20).map(lambda thousands: "9" * 1000 * thousands),  # past int()'s limit
)
values = st.one_of(
    st.sampled_from(GOOD_VALUES),
    st.text(),  # any Unicode except surrogates, which cannot be encoded in a URL
    st.text().map(lambda text: f"{text}\x00{text}"),
    st.text(min_size=1, max_size=8).map(lambda text: text * 1500),  # long values
    numbers,
    dates,
    st.sampled_from(["NaN", "inf", "-0", "1e309", "0x10", " 1 ", "1.5", "١٢"]),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=20))
encoded_queries = st.lists(st.tuples(keys, values), max_size=6).map(urlencode)
raw_queries = st.lists(
    st.one_of(st.sampled_from(RAW_FRAGMENTS), encoded_queries), min_size=1, max_size=4
).map("&".join)
query_strings = st.one_of(encoded_queries, raw_queries)

EXPECTED_STATUSES = {200, 400, 404}


@pytest.mark.parametrize("path", PUBLIC_URLS)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=query_strings)
@example(query="")
def test_any_query_string_gets_a_page_an_explained_400_or_a_404_never_a_500(
    client, karabakh, path, query
):
    """Without a query string the page is there (200), or the fuzzing would prove nothing.

    Every example reads the same database: the requests change nothing.
    """
    url = f"{path}?{query}" if query else path
    response = client.get(url, follow=True)  # empty filters move to an address without them
    event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
    for target, _ in response.redirect_chain:
        assert target.split("?")[0] == path, f"GET {url} moved to {target}"
    if not query:
        assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    assert response.status_code in EXPECTED_STATUSES, f"GET {url} answered {response.status_code}"
    if response.status_code == 400 and response["Content-Type"].startswith("text/html"):
        assert 'role="alert"' in response.content.decode(), f"GET {url}: a 400 with no message"
