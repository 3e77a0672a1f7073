"""A paragraph's sentences, never broken inside a quotation."""

import re

# Sentences: a stop, question or exclamation mark (and a closing mark) before a capital, except
# after the abbreviations news prints before names.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Maj|Rev|St|Jr|Sr|Prof|Adm|Cmdr|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Inc|Corp|Co|Ltd|vs|U\.S|U\.N|U\.K|D\.C|"
    r"a\.m|p\.m|[A-Z])\.)$"
)
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’']?(?=\s+[“\"‘'(]?[A-Z0-9])")


def sentences(text, protected=()):
    """``(start, end)`` of each sentence, never breaking inside a ``protected`` span."""
    spans, start = [], 0
    inner = [(s + 1, e - 1) for s, e in protected]  # within the marks
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if within(end - 1, inner):
            continue
        if match.group(0).startswith(".") and _ABBREVIATIONS.search(text[: match.start() + 1]):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def within(index, spans):
    """Whether ``index`` falls in one of the ``(start, end)`` spans."""
    return any(start <= index < end for start, end in spans)
