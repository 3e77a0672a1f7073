"""What a news page says about itself besides its text: its structured data (JSON-LD
``NewsArticle``, Open Graph and ``article:`` meta tags), its language, and its embeds (tweets,
videos) in the order they appear among its paragraphs."""

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "report",
}
EMBED_BLOCKQUOTES = {
    "twitter-tweet": "Embedded tweet",
    "twitter-video": "Embedded video",
    "instagram-media": "Embedded Instagram post",
    "tiktok-embed": "Embedded TikTok video",
    "reddit-card": "Embedded Reddit post",
    "reddit-embed-bq": "Embedded Reddit post",
    "fb-xfbml-parse-ignore": "Embedded Facebook post",
    "bluesky-embed": "Embedded post",
    "mastodon-embed": "Embedded post",
}
EMBED_HOSTS = {
    "youtube.com": "Embedded video",
    "youtube-nocookie.com": "Embedded video",
    "youtu.be": "Embedded video",
    "vimeo.com": "Embedded video",
    "dailymotion.com": "Embedded video",
    "twitter.com": "Embedded tweet",
    "x.com": "Embedded tweet",
    "instagram.com": "Embedded Instagram post",
    "tiktok.com": "Embedded TikTok video",
    "soundcloud.com": "Embedded audio",
    "spotify.com": "Embedded audio",
    "acast.com": "Embedded audio",
    "datawrapper.de": "Embedded chart",
    "flourish.studio": "Embedded chart",
}
NOT_EMBEDS = re.compile(r"/plugins/(?:like|share|follow)|googletagmanager|adsystem|doubleclick")
EMBED_PATH = re.compile(r"/(?:embed|player|video)s?\b", re.IGNORECASE)


@dataclass
class Embed:
    label: str  # what it was: "Embedded tweet", "Embedded video"
    url: str
    text: str = ""  # a quoted post's own text, as the page prints it


def structured_article(tree):
    """The page's JSON-LD article (a dict; ``{}`` without one), the most complete if several."""
    found = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        found.extend(_articles(data))

    def completeness(item):
        return len(str(item.get("articleBody") or "")), len(item)

    return max(found, key=completeness, default={})


def _articles(data):
    if isinstance(data, list):
        for item in data:
            yield from _articles(item)
    elif isinstance(data, dict):
        yield from _articles(data.get("@graph", []))
        kinds = data.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds):
            yield data


def meta(tree, *names):
    """The content of the first ``<meta>`` named (``name`` or ``property``) one of ``names``."""
    for name in names:
        for element in tree.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
            if content := (element.get("content") or "").strip():
                return content
    return ""


def meta_all(tree, name):
    return [
        element.get("content").strip()
        for element in tree.xpath("//meta[@property=$n or @name=$n]", n=name)
        if (element.get("content") or "").strip()
    ]


def names(value):
    """Names from a JSON-LD person/organisation value: a string, a dict or a list of them."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in names(item)]
    return []


def keyword_list(value):
    if isinstance(value, list):
        return [word for item in value for word in keyword_list(item)]
    if isinstance(value, str):
        return [word.strip() for word in value.split(",") if word.strip()]
    return []


def language(tree):
    """The page's language tag with its region where it gives one ("en-US"), else ""."""
    candidates = [tree.get("lang")]  # the <html> element
    candidates += [meta(tree, "og:locale"), meta(tree, "content-language", "language")]
    for candidate in candidates:
        if candidate and re.match(r"^[a-z]{2}[-_][a-z]{2}\b", candidate.strip(), re.IGNORECASE):
            return candidate.strip()
    return ""


def embeds_between_paragraphs(tree, *, base_url=""):
    """The page's embeds, each with the text of the paragraphs before and after it.

    Yields ``(text_before, embed, text_after)`` in document order; the texts are the nearest
    ``<p>`` elements' whitespace-folded text ("" at either end), so the caller can place the
    embed among the paragraphs it extracted and ignore embeds outside them.
    """
    events = []
    for element in tree.iter("p", "blockquote", "iframe", "video"):
        if element.tag == "p":
            if not _inside_embed(element) and (text := folded(element.text_content())):
                events.append(text)
        elif embed := _embed(element, base_url):
            events.append(embed)
    texts_before = ""
    for index, event in enumerate(events):
        if isinstance(event, str):
            texts_before = event
            continue
        after = next((item for item in events[index + 1 :] if isinstance(item, str)), "")
        yield texts_before, event, after


def _inside_embed(element):
    return any(
        ancestor.tag == "blockquote" and _blockquote_label(ancestor)
        for ancestor in element.iterancestors()
    )


def _blockquote_label(element):
    classes = set((element.get("class") or "").split())
    return next((label for name, label in EMBED_BLOCKQUOTES.items() if name in classes), "")


def _embed(element, base_url):
    if element.tag == "blockquote":
        label = _blockquote_label(element)
        if not label:
            return None
        links = [a.get("href") for a in element.iter("a") if a.get("href")]
        url = element.get("cite") or element.get("data-instgrm-permalink") or (links or [""])[-1]
        return Embed(label, urljoin(base_url, url), folded(element.text_content()))
    src = element.get("src") or element.get("data-src") or element.get("data-lazy-src") or ""
    if element.tag == "video" and not src:
        source = element.find(".//source")
        src = source.get("src", "") if source is not None else ""
        return Embed("Embedded video", urljoin(base_url, src)) if src else None
    if not src or NOT_EMBEDS.search(src):
        return None
    url = urljoin(base_url, src)
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    label = next(
        (label for name, label in EMBED_HOSTS.items() if host == name or host.endswith("." + name)),
        "",
    )
    if not label and EMBED_PATH.search(urlsplit(url).path):
        label = "Embedded video" if "video" in url.lower() else "Embedded content"
    if element.tag == "video":
        label = "Embedded video"
    return Embed(label, url) if label else None


def folded(text):
    return re.sub(r"\s+", " ", text or "").strip()
