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


def word_list(text):
    """The words of a list written as running text, one or more to a line."""
    return text.split()


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


#: The characters that join the parts of a compound word, as "cease-fire" is written: the
#: hyphen-minus, the soft hyphen, the hyphen and the non-breaking hyphen, the figure and en
#: dashes, the minus sign and the small and full-width hyphen-minus. The search indexes store
#: the joined forms they make (``clippings.search_sql`` writes the same rule in SQL); changing
#: this list takes a migration that rebuilds the indexes.
HYPHENS = "-\u00ad\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"  # the hyphen-minus first
#: What separates the runs of text whose joined forms the indexes store: space, tab, line feed
#: and carriage return, as the indexes' SQL splits them (the space first).
JOINED_FORM_SEPARATORS = " \t\n\r"
_NO_HYPHENS = str.maketrans("", "", HYPHENS)
_SEPARATORS = re.compile(f"[{JOINED_FORM_SEPARATORS}]+")
#: A compound word: letters and digits in parts joined by hyphens ("cease-fire", "a-b-c").
COMPOUND_WORD = re.compile(rf"[^\W_]+(?:[{re.escape(HYPHENS)}]+[^\W_]+)+")


def without_hyphens(text):
    """``text`` with its hyphens taken out: a compound's joined form ("cease-fire" gives
    "ceasefire")."""
    return text.translate(_NO_HYPHENS)


def joined_forms(text):
    """What the search indexes store beside ``text`` so that a compound and its joined form
    find each other: each run of ``text`` between spaces (or tabs, line breaks) that holds a
    hyphen, without its hyphens. "The cease-fire (Nagorno-Karabakh)," gives ["ceasefire",
    "(NagornoKarabakh),"]; the engines' tokenizers then leave out the punctuation."""
    return [
        joined
        for run in _SEPARATORS.split(text)
        if (joined := without_hyphens(run)) and joined != run
    ]


# What no text in the archive may hold: C0 control characters but tab and line feed (carriage
# returns are turned into line feeds first), DEL, the bidirectional embeddings, overrides and
# isolates that can make text read differently from what it stores, surrogates and the
# noncharacters U+FFFE and U+FFFF. XML (the Atom feed) cannot carry most of them at all.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
#: The same, as a regular expression both SQLite (Python's ``re``) and PostgreSQL understand,
#: for finding stored rows that break the rule. PostgreSQL text cannot hold NUL or surrogates.
FORBIDDEN_CHARACTERS_SQL = r"[\x01-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
_LINE_BREAKS = re.compile(r"\r\n?")
#: The most characters any one text field holds: far above any paragraph or quote printed.
MAX_TEXT_LENGTH = 20_000


def normalise_line_breaks(text):
    """Line feeds for carriage returns, as browsers submit text areas with CR LF."""
    return _LINE_BREAKS.sub("\n", text)


def forbidden_character_message(text):
    """Why ``text`` cannot be stored, or "" when it can."""
    if len(text) > MAX_TEXT_LENGTH:
        return (
            f"This text is {len(text):,} characters long; the archive keeps at most "
            f"{MAX_TEXT_LENGTH:,} in one field."
        )
    match = FORBIDDEN_CHARACTERS.search(text)
    if match is None:
        return ""
    return (
        f"Remove the invisible character U+{ord(match.group()):04X} at position "
        f"{match.start() + 1}: text may not contain control characters (other than line "
        "breaks and tabs) or bidirectional overrides."
    )


def printable(text):
    """``text`` with any forbidden character shown as U+FFFD, for output formats (XML) that
    cannot carry them: rows stored before the rule, or around it, must not break a page."""
    return FORBIDDEN_CHARACTERS.sub("\ufffd", text)
