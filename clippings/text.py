"""Text helpers shared by the models' rules and the search."""

import re
import unicodedata

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


# Words a name search ignores: "the Azeri defense ministry" is the Azeri Defense Ministry.
NAME_STOP_WORDS = frozenset({"a", "an", "and", "of", "the", "s"})
# British and American spellings of the words that name bodies read as one.
NAME_SPELLINGS = {"defence": "defense", "offence": "offense", "centre": "center"}
_ABBREVIATION_DOT = re.compile(r"\b(\w)\.(?=\w\b)")  # the first dot of "u.s."
_NAME_ELISIONS = re.compile(r"['.]")
_NAME_WORD = re.compile(r"[^\W_]+")


def fold(text):
    """Lower case, without accents, straight apostrophes: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", straighten_quotes(text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_words(name):
    """The words of a name, folded and without punctuation: "U.S." gives ["us"]."""
    folded = _ABBREVIATION_DOT.sub(r"\1", re.sub(r"'s\b", "", fold(name)))
    return [
        NAME_SPELLINGS.get(word, word)
        for word in _NAME_WORD.findall(_NAME_ELISIONS.sub(" ", folded))
        if word not in NAME_STOP_WORDS
    ]
