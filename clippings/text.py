"""Text helpers shared by the models' rules and the search."""

import re

# Typographic quotation marks and apostrophes and the straight characters they stand for.
_QUOTE_MARKS = str.maketrans(
    {
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u00ab": '"',  # left-pointing double angle quotation mark
        "\u00bb": '"',  # right-pointing double angle quotation mark
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark
        "\u201a": "'",  # single low-9 quotation mark
    }
)
_WHITESPACE = re.compile(r"\s+")


def straighten_quotes(text):
    """Return ``text`` with typographic quotation marks replaced by straight ones."""
    return text.translate(_QUOTE_MARKS)


def comparable(text):
    """Normalise ``text`` for verbatim comparison: straight quotes, single spaces."""
    return _WHITESPACE.sub(" ", straighten_quotes(text)).strip()


def occurs_verbatim(words, text):
    """Whether ``words`` appear in ``text``, ignoring typographic vs straight quote marks."""
    needle = comparable(words)
    return bool(needle) and needle in comparable(text)
