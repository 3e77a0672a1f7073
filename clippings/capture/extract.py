"""An HTML news page as a story: trafilatura reads the article, the page's own structured data
fills in and corrects what it can (headline, dates, byline, site, keywords, the article body).

The body comes back as paragraphs, each ``<p>``, heading, list item or quotation of the article
one paragraph; a related-story link ("READ MORE: …") is kept as such with its address, an embed
the text lost (a tweet, a video) as an ``embed`` paragraph with its address, and update markers
split the body into the original post and its updates as in plain text.
"""

import itertools
import re

import trafilatura
from trafilatura.utils import load_html

from . import dates, markers, page_data
from .draft import ClippedStory, DraftParagraph
from .errors import ClipError

#: trafilatura's reading that scores best on news pages: the article without comments, leaving
#: out doubtful blocks (sharing bars, teasers) rather than letting them in.
EXTRACTION = {
    "include_comments": False,
    "favor_precision": True,
    "include_links": True,
    "include_tables": True,
    "include_images": False,
    "deduplicate": False,
    "with_metadata": True,
}
#: Structured data's article body replaces the extracted text when it is at least this much
#: longer (trafilatura missed part of the article) ...
BODY_LONGER = 1.3
#: ... and is believed at all only with this many words (shorter ones are summaries).
BODY_MIN_WORDS = 120
BLOCK_TAGS = ("p", "head", "item", "quote", "row", "code")
#: What news pages print after the article and is not part of it: a comment count, a request
#: for tips, a newsletter, a follow button, share and tag lines.
TRAILING_BOILERPLATE = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?)$|^(?:have a (?:news )?tip|got a (?:news )?tip"
    r"|get the latest|sign up|subscribe|follow (?:us|him|her|them|@)|click here|tell us what you"
    r"|share this|related topics|tags?\s*:|filed under|copyright|©|all rights reserved)",
    re.IGNORECASE,
)


def parse_html(html, *, url=None, source, fetched_on=None):
    """Read an HTML page (``str`` or ``bytes``) as a ``ClippedStory``.

    ``fetched_on`` (the capture's date) dates update markers that print only a time, when the
    page gives no modified date. Raises ``ClipError`` when no article text can be found.
    """
    tree = load_html(html) if html else None
    if tree is None:
        raise ClipError("The page is empty or is not HTML.")
    document = trafilatura.bare_extraction(html, url=url, **EXTRACTION)
    article = page_data.structured_article(tree)
    story = ClippedStory(source=source)
    _read_metadata(story, tree, document, article, url)
    blocks = _body(document) if document is not None else []
    blocks = _continued_body(blocks, tree)
    blocks = _with_structured_body(blocks, article.get("articleBody"))
    _drop_trailing_boilerplate(blocks)
    while blocks and page_data.folded(blocks[0].text) == story.headline:
        blocks.pop(0)  # the headline, printed again above the text
    if not any(block.text for block in blocks):
        raise ClipError("No article text found on the page.")
    _place_embeds(blocks, tree, story.url or url or "")
    # The whole page: a month-first date in its header or sidebar tells as much as one in the text.
    text = "\n".join(block.text for block in blocks) + "\n" + tree.text_content()
    month_first = dates.is_american(lang=page_data.language(tree), text=text)
    reference = story.modified_on or story.published_on or fetched_on
    markers.split_updates(story, blocks, month_first=month_first, reference=reference)
    if story.published_on is None:
        story.warnings.append("The page gives no publication date: please give it.")
    if not story.headline:
        story.warnings.append("The page gives no headline: please give it.")
    return story


def _read_metadata(story, tree, document, article, url):
    meta = page_data.meta
    found = document or trafilatura.settings.Document()
    story.headline = page_data.folded(
        found.title or _text(article.get("headline")) or meta(tree, "og:title")
    )
    story.url = meta(tree, "og:url") or _text(article.get("url")) or found.url or url or ""
    story.published_on = (
        dates.parse_iso(_text(article.get("datePublished")))
        or dates.parse_iso(meta(tree, "article:published_time", "datePublished", "pubdate"))
        or dates.parse_iso(found.date)
    )
    story.modified_on = dates.parse_iso(_text(article.get("dateModified"))) or dates.parse_iso(
        meta(tree, "article:modified_time", "og:updated_time", "dateModified")
    )
    story.site_name = (
        meta(tree, "og:site_name")
        or next(iter(page_data.names(article.get("publisher"))), "")
        or found.sitename
        or ""
    )
    authors = page_data.names(article.get("author"))
    story.byline = ", ".join(dict.fromkeys(authors)) or found.author or ""
    keywords = page_data.keyword_list(article.get("keywords"))
    keywords += page_data.meta_all(tree, "article:tag")
    keywords += page_data.keyword_list(meta(tree, "news_keywords", "keywords"))
    keywords += list(found.tags or [])
    story.tags = list(dict.fromkeys(word.lower() for word in keywords if len(word) <= 100))


def _text(value):
    if isinstance(value, list):
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""


def _body(document):
    """The extracted article's blocks as paragraphs, related-story links marked."""
    blocks = []
    for element in document.body.iter(*BLOCK_TAGS):
        if element.tag in ("p", "head", "code") and any(
            ancestor.tag in ("item", "row") for ancestor in element.iterancestors()
        ):
            continue
        if element.tag == "quote" and element.find(".//p") is not None:
            continue
        links = [ref.get("target") for ref in element.iter("ref") if ref.get("target")]
        blocks.extend(_paragraph(text, links) for text in _lines(element))
    return blocks


def _lines(element):
    """The element's text, split where the page broke the line (``<lb/>``)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "cell":
            parts.append(" ")
            parts.append("".join(child.itertext()))
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return [page_data.folded(line) for line in "".join(parts).split("\n") if line.strip()]


def _paragraph(text, links=()):
    if markers.is_related_link(text):
        return DraftParagraph(text=text, kind="related_link", url=links[0] if links else "")
    return DraftParagraph(text=text)


def _continued_body(blocks, tree):
    """The article with the parts the page put in further containers of the same kind.

    News pages often split an article's paragraphs over several ``<div class="article-body">``
    with advertisements between them, and the extractor keeps only the first. Each further
    container of the same tag and class as one holding extracted paragraphs is added where it
    stands.
    """
    position_of = {block.text: index for index, block in enumerate(blocks)}
    kinds = []
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is None or not parent.get("class"):
            continue
        kind, text = (parent.tag, parent.get("class")), page_data.folded(paragraph.text_content())
        if kind not in kinds and len(text) > 30 and text in position_of:
            kinds.append(kind)
    for tag, classes in kinds:
        containers = [element for element in tree.iter(tag) if element.get("class") == classes]
        if len(containers) < 2:
            continue
        anchor = -1
        for container in containers:
            texts = [page_data.folded(p.text_content()) for p in container.iter("p")]
            texts = [text for text in texts if text]
            found = [position_of[text] for text in texts if text in position_of]
            if found:
                anchor = max(found)
            elif anchor >= 0 and sum(len(text.split()) for text in texts) >= 20:
                blocks[anchor + 1 : anchor + 1] = [_paragraph(text) for text in texts]
                anchor += len(texts)
                position_of = {block.text: index for index, block in enumerate(blocks)}
    return blocks


def _drop_trailing_boilerplate(blocks):
    while len(blocks) > 1 and (
        len(blocks[-1].text.split()) <= 40 and TRAILING_BOILERPLATE.match(blocks[-1].text)
    ):
        blocks.pop()


def _with_structured_body(blocks, body):
    """The structured data's article body instead, where it holds clearly more of the article."""
    if not isinstance(body, str):
        return blocks
    body = body.strip()
    extracted = sum(len(block.text.split()) for block in blocks)
    words = len(body.split())
    if words < BODY_MIN_WORDS or words < BODY_LONGER * extracted or "<" in body[:200]:
        return blocks
    paragraphs = [page_data.folded(part) for part in re.split(r"\n\s*\n|\n", body)]
    if len(paragraphs) == 1:
        paragraphs = _split_at_extracted(body, blocks)
    return [_paragraph(text) for text in paragraphs if text]


def _split_at_extracted(body, blocks):
    """A body in one piece, split where the extracted paragraphs start within it."""
    body = page_data.folded(body)
    starts = sorted(
        {
            index
            for block in blocks
            if len(block.text) > 40 and (index := body.find(block.text[:40])) > 0
        }
    )
    edges = [0, *starts, len(body)]
    return [body[start:end].strip() for start, end in itertools.pairwise(edges)]


def _place_embeds(blocks, tree, base_url):
    """Put each embed of the article where it stood among the extracted paragraphs.

    An embed counts only between two paragraphs of the article (not in a sidebar). A short line
    right before it that introduced it ("Watch:", "The ministry's Twitter account:") becomes the
    embed paragraph; otherwise one is added saying what was embedded.
    """
    index_of = {}
    for index, block in enumerate(blocks):
        index_of.setdefault(block.text, index)
    inserted = 0
    for before, embed, after in page_data.embeds_between_paragraphs(tree, base_url=base_url):
        position = index_of.get(before)
        if position is None or (after and index_of.get(after) is None):
            continue
        position += inserted
        if embed.text and any(len(b.text) > 20 and b.text in embed.text for b in blocks):
            continue  # the embed's own text survived: nothing was lost
        introduced = blocks[position]
        if introduced.kind == "text" and markers.is_lost_embed(introduced.text):
            introduced.kind, introduced.url = "embed", embed.url
            continue
        if any(block.url == embed.url for block in blocks if block.kind == "embed"):
            continue

        text = embed.text or embed.label  # a post's own words, where the page printed them
        blocks.insert(position + 1, DraftParagraph(text=text, kind="embed", url=embed.url))
        inserted += 1
