"""Citing a clipping as it stood at one version, and describing the clipping page to machines.

A citation names one version of a story (the original post, or the story after an update):
its permalink, its date, the outlet that published it where the clipping says, and the
SHA-256 of the version's text (``Version.text``), so that a reader can check later that the
text they cite is the text the archive holds. A quote's citation is that of the version that
first printed it, with the quote's own permalink, its words and its speaker, and a line of
ready-to-paste text. Citations are offered as BibTeX (a biblatex ``@online`` entry) and as
CSL-JSON.

Everything here works on an article fetched with ``Article.objects.with_versions()`` (or
``with_page_content()``) and on its ``versions_of()``, so it costs no queries.
"""

import json
from dataclasses import dataclass

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe

ARCHIVE_NAME = "Clipping Archive"

# LaTeX for the characters BibTeX or LaTeX treat specially. Braces become macros, not ``\{``:
# BibTeX counts a brace even after a backslash, so a lone ``\{`` would unbalance the entry.
# Macros go in braces, ``{\textbackslash}``, so BibTeX styles take each for one character.
_BIBTEX_SPECIALS = str.maketrans(
    {
        "\\": r"{\textbackslash}",
        "{": r"{\textbraceleft}",
        "}": r"{\textbraceright}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"{\textasciitilde}",
        "^": r"{\textasciicircum}",
        '"': r"{\textquotedbl}",
        "<": r"{\textless}",
        ">": r"{\textgreater}",
        "|": r"{\textbar}",
    }
)

# What a JSON value must not contain inside an HTML <script> element, as in Django's
# ``json_script``: no ``</script>`` or ``<!--`` can then end or confuse the element.
_JSON_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def bibtex_escape(text):
    """``text`` as a BibTeX field value: one line, LaTeX special characters escaped."""
    return " ".join(text.split()).translate(_BIBTEX_SPECIALS)


def version_path(article, version):
    """The version's permalink, without scheme and host: the page of the story as it stood."""
    return reverse(
        "clippings:article-version", kwargs={"slug": article.slug, "version": version.key}
    )


@dataclass(frozen=True)
class Citation:
    """One version of a clipping, as a reader cites it."""

    article: object
    version: object  # evolution.Version
    url: str  # the absolute permalink

    @classmethod
    def of(cls, request, article, version):
        return cls(article, version, request.build_absolute_uri(version_path(article, version)))

    @property
    def key(self):
        """A citation key that stays the same for the same version: slug and version key."""
        return f"{self.article.slug}:{self.version.key}"

    @property
    def title(self):
        return self.version.headline

    @property
    def outlet(self):
        """The outlet that published the story (a ``Source``), or None if the clipping does
        not say."""
        return self.article.outlet

    @property
    def subject(self):
        """What is cited, in words: "Update Sunday 03/04/2016", "this quote"."""
        return self.version.label

    @property
    def content_hash(self):
        return f"sha256:{self.version.content_hash}"

    @property
    def note(self):
        parts = [self.version.label, f"content hash {self.content_hash} of this version's text"]
        if self.version.date_is_inferred:
            parts.append("date inferred: the clipping does not print it")
        return "; ".join(parts)

    @property
    def filename(self):
        """For downloads, without an extension."""
        return f"{self.article.slug}-{self.version.key}"

    @property
    def bibtex_url(self):
        return reverse(
            "clippings:article-citation-bibtex",
            kwargs={"slug": self.article.slug, "version": self.version.key},
        )

    @property
    def csl_json_url(self):
        return reverse(
            "clippings:article-citation-csl-json",
            kwargs={"slug": self.article.slug, "version": self.version.key},
        )

    def bibtex(self):
        """A biblatex ``@online`` entry. The title is braced so styles keep its capitals."""
        # ``url`` is a verbatim field: left as it is, but a brace in it would end the value.
        url = iri_to_uri(self.url).replace("{", "%7B").replace("}", "%7D")
        fields = [
            ("title", f"{{{bibtex_escape(self.title)}}}"),
            # biblatex's field for the organisation that published an @online work. Braced
            # as the title is, so that styles take a name of several words for one name.
            *([("organization", f"{{{bibtex_escape(self.outlet.name)}}}")] if self.outlet else []),
            ("date", self.version.date.isoformat()),
            ("version", bibtex_escape(self.version.label)),
            ("url", url),
            ("note", bibtex_escape(self.note)),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@online{{{self.key},\n{body}\n}}\n"

    def csl_json(self):
        """A CSL-JSON document: an array holding this version's item."""
        date = self.version.date
        item = {
            "id": self.key,
            "type": "article-newspaper",
            "title": self.title,
            "issued": {"date-parts": [[date.year, date.month, date.day]]},
            "version": self.version.label,
            "URL": self.url,
            "archive": ARCHIVE_NAME,
            "note": self.note,
        }
        if self.outlet:
            item["container-title"] = self.outlet.name
            item["publisher"] = self.outlet.name
        return [item]


# Punctuation that ends a quote's words: the ready-to-paste text adds none after it.
_CLOSING_PUNCTUATION = tuple(".,;:!?…")


@dataclass(frozen=True)
class QuoteCitation(Citation):
    """One quote, as a reader cites it: the citation of the version that first printed it
    (``version``), with the quote's own permalink as ``url``."""

    quote: object

    @classmethod
    def of(cls, request, article, version, quote):
        return cls(article, version, request.build_absolute_uri(quote.get_absolute_url()), quote)

    @property
    def key(self):
        """A citation key that stays the same for the same quote: slug and quote anchor."""
        return f"{self.article.slug}:{self.quote.anchor}"

    @property
    def filename(self):
        return f"{self.article.slug}-{self.quote.anchor}"

    @property
    def subject(self):
        return "this quote"

    @property
    def words(self):
        """What the speaker said, as the clipping printed it: in quotation marks, unless the
        clipping reports it in the writer's words."""
        return self.quote.words if self.quote.is_reported else f"“{self.quote.words}”"

    @property
    def date_text(self):
        """The version's date as the text gives it, "3 April 2016"."""
        date = format_date(self.version.date, "j F Y")
        return f"{date} (date inferred)" if self.version.date_is_inferred else date

    @property
    def note(self):
        kind = "reported speech" if self.quote.is_reported else "quotation"
        quoted = f"{self.quote.speaker.name}, {kind}: {self.words}"
        return f"{quoted}; paragraph {self.quote.paragraph.anchor}, {super().note}"

    @property
    def text(self):
        """Ready-to-paste text: “Words,” Speaker, quoted in “Headline”, Outlet, date. URL"""
        speaker = self.quote.speaker.name
        where = ", ".join(
            [f"“{self.title}”", *([self.outlet.name] if self.outlet else []), self.date_text]
        )
        words = self.quote.words.strip()
        if self.quote.is_reported:
            end = "" if words.endswith(_CLOSING_PUNCTUATION) else "."
            return f"{speaker}, as reported in {where}: {words}{end} {self.url}"
        comma = "" if words.endswith(_CLOSING_PUNCTUATION) else ","
        return f"“{words}{comma}” {speaker}, quoted in {where}. {self.url}"

    @property
    def bibtex_url(self):
        return reverse("clippings:quote-citation-bibtex", kwargs={"pk": self.quote.pk})

    @property
    def csl_json_url(self):
        return reverse("clippings:quote-citation-csl-json", kwargs={"pk": self.quote.pk})


def news_article(article, versions, url):
    """schema.org ``NewsArticle`` data for the clipping page at ``url``.

    Names the publisher only where the clipping says which outlet published the story, and no
    author: the clippings do not say who wrote it.
    """
    original, latest = versions[0], versions[-1]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": latest.headline,
        "datePublished": original.date.isoformat(),
        "dateModified": latest.date.isoformat(),
    }
    if original.headline != latest.headline:
        data["alternativeHeadline"] = original.headline
    if keywords := [tag.name for tag in article.tags.all()]:
        data["keywords"] = keywords
    if article.outlet:
        data["publisher"] = _organization(article.outlet)
    if credits := list(article.credits.all()):
        data["isBasedOn"] = [_credited_work(credit.source) for credit in credits]
    if article.original_url:
        data["sameAs"] = article.original_url
    return data


def _credited_work(source):
    """The reporting of a source the story credits: which work is not recorded, only whose."""
    return {"@type": "CreativeWork", "publisher": _organization(source)}


def _organization(source):
    organization = {"@type": "Organization", "name": source.name}
    if source.url:
        organization["url"] = source.url
    return organization


def json_for_script(data):
    """``data`` as JSON that can stand inside a ``<script>`` element and cannot end it."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))
