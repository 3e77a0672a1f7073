"""How and when the words reached the writer, as the sentence prints it.

"in a statement posted on its website" is a statement, "told Al Jazeera" an interview through
Al Jazeera, "quoted by Russian media" a media report, "said on Twitter" and "tweeted" a
social-media post; "on Saturday" is when they were said.
"""

import re
from dataclasses import dataclass

NEWS_AGENCIES = (
    "Interfax|Reuters|Associated Press|AP|AFP|Agence France-Presse|TASS|Itar-Tass|RIA Novosti|"
    "RIA|Xinhua|Sputnik|Anadolu|Bloomberg|Kyodo|Yonhap|dpa|EFE|ANSA|PTI|UPI|IRNA|Fars|Tasnim"
)
_OUTLET = r"((?:the\s+)?(?:[A-Z][\w’'.&-]*\s*)+?)"


@dataclass
class Channel:
    channel: str = "unspecified"  # a Quote.Channel value
    as_printed: str = ""
    source: str = ""  # the outlet or account: "Al Jazeera", "Twitter", "Interfax"
    intermediary: str = ""


_VIA_MEDIA = r"([\w ]*?media|[\w ]*?press|[\w ]*?reports?)"
_SOCIAL_NETWORKS = "Twitter|Facebook|Instagram|Telegram|Weibo|YouTube"
_GATHERINGS = (
    "meeting|news conference|press conference|briefing|rally|speech|summit|talks|hearing|"
    "debate|session|town hall|event|interview"
)
_RULES = [
    (
        re.compile(rf"\b(?:was |were )?quoted (?:as saying )?by (?:the\s+)?{_VIA_MEDIA}\b"),
        "media_report",
    ),
    (
        re.compile(rf"\b(?:was |were )?quoted (?:as saying )?by {_OUTLET}(?:\s+news agency)?\b"),
        "news_agency",
    ),
    (
        re.compile(
            r"\b(?:told|telling|tells|said to|speaking to|in an interview with|interviewed by) "
            rf"{_OUTLET}(?=[\s,.:;]|$)"
        ),
        "interview",
    ),
    (
        re.compile(
            r"\b(?:in|on) (?:a |his |her |its |their )?"
            rf"(?:tweet|{_SOCIAL_NETWORKS}|social media|blog post)\b[^,.;]*"
        ),
        "social_media",
    ),
    (
        re.compile(
            rf"\b(?:tweeted|twitter account|facebook post|posted on (?:{_SOCIAL_NETWORKS}))\b",
            re.I,
        ),
        "social_media",
    ),
    (
        re.compile(
            r"\b(?:in|on) (?:a |an |the |its |his |her |their )?"
            r"(?:written |joint |brief |short |emailed |e-mailed )?"
            r"(?:statement|press release|communiqu[eé]|news release)\b[^,.;“\"]*"
        ),
        "statement",
    ),
    (re.compile(r"^\s*the statement\b", re.I), "statement"),
    (
        re.compile(
            r"\b(?:told|at|during|in|addressing) (?:a |an |the |his |her |their )?"
            rf"(?:[\w-]+ ){{0,4}}?(?:{_GATHERINGS})\b[^,.;“\"]*"
        ),
        "meeting",
    ),
    (re.compile(r"\btold reporters\b"), "meeting"),
    (re.compile(rf"\b(?:{NEWS_AGENCIES})(?: news agency)? (?:reported|quoted)\b"), "news_agency"),
    (
        re.compile(r"\b(?:media|newspaper|television|TV|radio) (?:reported|quoted)\b"),
        "media_report",
    ),
]
_SOCIAL = re.compile(_SOCIAL_NETWORKS, re.I)
_AGENCY = re.compile(rf"\b(?:{NEWS_AGENCIES})\b")
_NOT_OUTLETS = re.compile(r"^(?:the\s+)?(?:reporters|journalists|him|her|them|me|us)$", re.I)


def channel_in(text):
    """The first channel the text prints, or an unspecified one."""
    for pattern, channel in _RULES:
        match = pattern.search(text)
        if not match:
            continue
        printed = match.group(0).strip()
        source = ""
        if channel in {"news_agency", "interview"} and match.groups():
            source = re.sub(r"^the\s+", "", match.group(1).strip(), flags=re.I)
            if _NOT_OUTLETS.match(source):
                if channel == "interview":
                    continue
                source = ""
            if channel == "interview" and _is_person_name(source):
                continue
        if channel == "news_agency" and not source:
            agency = _AGENCY.search(printed)
            source = agency.group(0) if agency else ""
        if channel == "media_report" and "by " in printed:
            source = printed.split("by ", 1)[1].strip()
        if channel == "social_media":
            social = _SOCIAL.search(printed)
            source = (
                social.group(0).capitalize()
                if social
                else ("Twitter" if "tweet" in printed.lower() else "")
            )
        return Channel(channel, printed, source.strip())
    return Channel()


def _is_person_name(text):
    words = text.split()
    return (
        2 <= len(words) <= 3
        and not _AGENCY.search(text)
        and all(word[:1].isupper() and word[1:].islower() for word in words)
        and not re.search(r"Jazeera|News|Times|Post|Journal|Press|Network|Radio|TV|Today", text)
    )


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)"
)
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"
WHEN = re.compile(
    rf"\b(?:(?:earlier |late |early |last |on |this )?(?:on )?{_WEEKDAY}{_PART_OF_DAY}"
    rf"|on {_MONTH} \d{{1,2}}(?:, \d{{4}})?|in {_MONTH}(?: \d{{4}})?|yesterday|today"
    r"|last (?:week|month|year|night)|earlier this (?:week|month|year))\b"
)


def said_on_in(text):
    """The day the words were said, as printed ("on Saturday"), or ''."""
    match = WHEN.search(text)
    return match.group(0) if match else ""
