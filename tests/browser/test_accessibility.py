"""Every main page passes axe-core's WCAG 2.1 A and AA rules, as rendered by Chromium."""

from clippings.models import Quote

from .conftest import SLUG

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# (screenshot name, path, status): each page a reader reaches, in the states that differ.
PAGES = [
    ("index", "/", 200),
    ("index-filtered", "/?tag=nagorno-karabakh&source=rt", 200),
    ("index-no-results", "/?q=zzzzqqqq", 200),
    ("index-bad-filter", "/?published_after=2016-13-45", 400),
    ("index-typed-speaker", "/?speaker=putin", 200),
    ("index-unknown-speaker", "/?speaker=Nobody+Atall", 400),
    ("clipping", f"/articles/{SLUG}/", 200),
    ("evolution", f"/articles/{SLUG}/evolution/", 200),
    ("evolution-side-by-side", f"/articles/{SLUG}/evolution/?view=side", 200),
    ("evolution-bad-choice", f"/articles/{SLUG}/evolution/?before=no-such-version", 400),
    ("version-original", f"/articles/{SLUG}/versions/original/", 200),
    ("version-update-1", f"/articles/{SLUG}/versions/update-1/", 200),
    ("tag", "/tags/nagorno-karabakh/", 200),
    ("source", "/sources/rt/", 200),
    ("source-with-quotes", "/sources/interfax/", 200),
    ("speaker", "/speakers/vladimir-putin/", 200),
    ("quotes", "/quotes/?speaker=azeri+defence+ministry", 200),
    ("quotes-words-marked", "/quotes/?q=helicopter", 200),
    ("quotes-no-speaker", "/quotes/?speaker=Vladimir+Puttin", 200),
    ("quotes-bad-filter", "/quotes/?kind=sarcastic", 400),
    ("speakers", "/speakers/", 200),
    ("not-found", "/no-such-page/", 404),
    ("feed-about", "/feeds/about/", 200),
    ("changes", "/changes/", 200),
]
# (screenshot name, anchor): quotes' own pages, whose addresses hold the quote's id.
QUOTE_PAGES = [
    ("quote", "q14"),  # a quotation relayed through a channel
    ("quote-reported", "q1"),  # reported speech
]


def pages():
    """``PAGES``, then each of ``QUOTE_PAGES`` at its address in the loaded clipping."""
    yield from PAGES
    for name, anchor in QUOTE_PAGES:
        yield name, Quote.objects.get(article__slug=SLUG, anchor=anchor).get_absolute_url(), 200


def describe(violations):
    """One block per rule: what it checks, how bad, where, and how to fix it."""
    lines = [f"{len(violations)} axe-core violation(s):"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - at {' '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:300]}")
            lines.extend(
                f"    * {check['message']}"
                for check in node.get("any", []) + node.get("all", []) + node.get("none", [])
            )
    return "\n".join(lines)


def test_every_main_page_has_no_wcag_21_aa_violations(page, site, axe, screenshot, subtests):
    """One browser page and one database for all of them; each page is its own subtest."""
    for name, path, status in pages():
        with subtests.test(msg=name, path=path):
            response = page.goto(site + path)
            assert response.status == status, f"GET {path} answered {response.status}"
            screenshot(name)
            results = axe.run(page, options=AXE_OPTIONS)
            violations = results.response["violations"]
            assert not violations, f"GET {path}\n{describe(violations)}"
