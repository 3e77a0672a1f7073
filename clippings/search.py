"""Full-text search on the database's own engine: quotes by their words, clippings by their
headlines and paragraphs.

SQLite: FTS5 tables (``clippings_quote_fts``; ``clippings_article_fts``,
``clippings_update_fts`` and ``clippings_paragraph_fts``) kept in step with the tables they
index by triggers on every insert, update and delete, whatever makes them: the admin,
``loaddata``, a queryset ``update()`` or raw SQL. PostgreSQL: ``django.contrib.postgres.search``
over expression GIN indexes. Migrations 0003 and 0012 create them with
``clippings.search_sql``.

``search_quotes(queryset, text)`` is what ``QuoteQuerySet.search()`` runs, on the engine of
the queryset's own database, and annotates ``search_rank`` (higher is a better match);
``search_clippings(queryset, text)`` is what ``ArticleQuerySet.matching()`` runs.
``search_index_problems()`` reports drift of either index for ``check_archive``, and
``rebuild_search_index()`` mends it.

A hyphenated compound and its joined form find each other: the indexes hold the joined forms
of the hyphenated words beside the words ("cease-fire" as "cease", "fire" and "ceasefire"),
and a hyphenated word of a query ("cease-fire", "cease–fire") matches its joined form or its
parts one after the other. A word typed whole ("ceasefire") is looked up as it is, so it finds
the compound through its joined form; a part ("fire") finds the compound but not the joined
word, which neither engine splits.
"""

import operator
import re
from dataclasses import dataclass
from functools import reduce
from itertools import cycle

from django.db import DatabaseError, connections
from django.db import connection as default_connection
from django.db.models import BooleanField, F, Func, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from clippings.changes import archive_changed
from clippings.search_sql import (
    INDEXES,
    JOINED_CLIPPING_TEXT_INDEX,
    JOINED_QUOTE_INDEX,
    POSTGRES_CONFIG,
    postgres_joined_forms,
    postgres_vector,
)
from clippings.text import COMPOUND_WORD, HYPHENS, without_hyphens

#: A word of a query: letters and digits only. Everything else (quotes, ``*``, ``-``,
#: parentheses, ``:``, ``^``, underscores) separates words and is never read as syntax.
WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: A term of a query: a word, or words joined by hyphens (``clippings.text.HYPHENS``).
TERM = re.compile(rf"[^\W_]+(?:[{re.escape(HYPHENS)}]+[^\W_]+)*")


@dataclass(frozen=True)
class SearchTerm:
    """A term of a query: one word, or the parts of a hyphenated compound ("cease-fire")."""

    parts: tuple

    @property
    def joined(self):
        """The term as one word: a compound's parts joined ("ceasefire")."""
        return "".join(self.parts)

    @property
    def is_compound(self):
        return len(self.parts) > 1

    def lower(self):
        return SearchTerm(tuple(part.lower() for part in self.parts))


def search_terms(text):
    """The terms of a query, without the punctuation a search engine would read as syntax: its
    words, each hyphenated compound one term of its parts."""
    return [SearchTerm(tuple(WORD.findall(term))) for term in TERM.findall(text or "")]


def fts5_phrase(term):
    """``term`` quoted for an FTS5 ``MATCH``: read as a plain word, never as an operator."""
    return '"{}"'.format(term.replace('"', '""'))


def search_quotes(queryset, text):
    """Quotes of ``queryset`` whose words match every word of ``text``, best match first.

    The engine is that of the database ``queryset`` reads: ``Quote.objects.search(text)``.
    """
    terms = search_terms(text)
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgres(queryset, terms)
    return _search_sqlite(queryset, terms)


def matching_quote_keys(text, using="default"):
    """The keys of the quotes whose words match every word of ``text``, unranked, as a
    subquery to filter with (``pk__in``): read from the index alone, with no join to the
    quotes, for counting and filtering many matches.

    None when ``text`` has no word the engine indexes (PostgreSQL leaves out stop words such
    as "up" or "the"), so that the index cannot tell which quotes have them.
    """
    from clippings.models import Quote, QuoteSearchEntry

    terms = search_terms(text)
    if not terms:
        return Quote.objects.none().values("pk")
    connection = connections[using]
    if connection.vendor == "postgresql":
        query, params = _tsquery(terms, POSTGRES_CONFIG)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT numnode({query})", params)
            if not cursor.fetchone()[0]:
                return None
        return _search_postgres(Quote.objects.using(using), terms).order_by().values("pk")
    entries = QuoteSearchEntry.objects.using(using).filter(words__match=_sqlite_match(terms))
    return entries.values("quote_id")


def _sqlite_match(terms):
    """The FTS5 query for every one of ``terms``; a compound's joined form or its parts as a
    phrase."""
    return " AND ".join(_fts5_term(term) for term in terms)


def _fts5_term(term):
    if not term.is_compound:
        return fts5_phrase(term.joined)
    return f"({fts5_phrase(term.joined)} OR {fts5_phrase(' '.join(term.parts))})"


def _tsquery(terms, config):
    """PostgreSQL: (the SQL of the text-search query for every one of ``terms``, its params);
    a compound's joined form or its parts as a phrase."""
    config = f"'{config}'::regconfig"
    queries, params = [], []
    for term in terms:
        if term.is_compound:
            queries.append(f"(plainto_tsquery({config}, %s) || phraseto_tsquery({config}, %s))")
            params += [term.joined, " ".join(term.parts)]
        else:
            queries.append(f"plainto_tsquery({config}, %s)")
            params.append(term.joined)
    return f"({' && '.join(queries)})", params


def _postgres_vector(vector_sql, column):
    """``vector_sql(column)``, the text-search vector of ``column`` of the model queried."""
    from django.contrib.postgres.search import SearchVectorField

    return Func(F(column), template=vector_sql("%(expressions)s"), output_field=SearchVectorField())


def search_clippings(queryset, text):
    """Clippings of ``queryset`` that hold every word of ``text`` somewhere in them: in the
    headline, an update's headline or any paragraph (a rewritten one's text included).

    Stemmed and ignoring case and accents, like the quote search. Each clipping is listed
    once, and the queryset keeps its order. The engine is that of the database ``queryset``
    reads: ``Article.objects.matching(text)``.
    """
    terms = list(dict.fromkeys(term.lower() for term in search_terms(text)))
    if not terms:
        return queryset.none()
    places_of = (
        _postgres_clipping_places
        if connections[queryset.db].vendor == "postgresql"
        else _sqlite_clipping_places
    )
    for term in terms:
        # One ``IN`` per place a word can be, not one over their ``UNION``: each list of ids
        # is then built once and looked up per clipping, and the planners estimate it well.
        queryset = queryset.filter(
            reduce(
                operator.or_,
                (Q(pk__in=RawSQL(sql, params)) for sql, params in places_of(term, terms)),
            )
        )
    return queryset


def _clipping_ids(table, where):
    column = "id" if table == "clippings_article" else "article_id"
    return f"SELECT {column} FROM {table} WHERE {where}"


def _sqlite_clipping_places(term, terms):
    """SQLite: (SQL selecting the ids of the clippings holding ``term`` in one place, its
    params), for each place."""
    return [
        (
            _clipping_ids(table, f"id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"),
            [_fts5_term(term)],
        )
        for fts, (table, _, _) in JOINED_CLIPPING_TEXT_INDEX.fts_tables.items()
    ]


def _postgres_clipping_places(term, terms):
    """PostgreSQL: as ``_sqlite_clipping_places()``."""
    index = JOINED_CLIPPING_TEXT_INDEX
    query, params = _tsquery([term], index.postgres_config)
    places = [
        (_clipping_ids(table, f"{index.postgres_vector(column)} @@ {query}"), params)
        for table, column in index.columns.items()
    ]
    # A word the engine leaves out (a stop word such as "the") narrows nothing, unless the
    # query has no other word: then, as in the quote search, nothing matches.
    every, every_params = _tsquery(terms, index.postgres_config)
    places.append(
        (
            _clipping_ids("clippings_article", f"numnode({query}) = 0 AND numnode({every}) > 0"),
            [*params, *every_params],
        )
    )
    return places


#: Where a highlighted word starts and ends, as the engines mark it: control characters no
#: stored text holds (``clippings.text`` refuses them), replaced once the text is escaped.
_MARK_START, _MARK_END = "\x02", "\x03"


def highlighted_words(quote_ids, text, using="default"):
    """``{quote id: the quote's words as HTML}``, each word that matches ``text`` (as the quote
    search matches it: stemmed, ignoring case and accents) in ``<mark>``; for the quotes of
    ``quote_ids`` (a page of results) that match.

    A hyphenated word is marked whole where its joined form matched: "ceasefire" and
    "cease-fire" mark "cease-fire", where "fire" marks its part.
    """
    terms = search_terms(text)
    if not terms or not quote_ids:
        return {}
    connection = connections[using]
    ids = list(quote_ids)
    placeholders = ", ".join(["%s"] * len(ids))
    if connection.vendor == "postgresql":
        query, query_params = _tsquery(terms, POSTGRES_CONFIG)
        headline = f"ts_headline(%s::regconfig, {{}}, {query}, %s)"
        sql = (
            f"SELECT id, {headline.format('words')}, "
            f"{headline.format(postgres_joined_forms('words'))} "
            f"FROM clippings_quote WHERE id IN ({placeholders})"
        )
        options = f"StartSel={_MARK_START}, StopSel={_MARK_END}, HighlightAll=true"
        headline_params = [POSTGRES_CONFIG, *query_params, options]
        params = [*headline_params, *headline_params, *ids]
    else:
        fts = "clippings_quote_fts"
        sql = (
            f"SELECT rowid, highlight({fts}, 0, %s, %s), highlight({fts}, 1, %s, %s) FROM {fts} "
            f"WHERE {fts} MATCH %s AND rowid IN ({placeholders})"
        )
        params = [_MARK_START, _MARK_END] * 2 + [_sqlite_match(terms), *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    marked = {quote_id: _marked(words, joined) for quote_id, words, joined in rows}
    return {quote_id: html for quote_id, html in marked.items() if html}


_MARKED = re.compile(f"{_MARK_START}(.*?){_MARK_END}", re.DOTALL)


def _marked(words, joined_forms):
    """The quote's words as HTML, escaped, with what the engine marked in them in ``<mark>``,
    and each hyphenated word whole whose joined form it marked in ``joined_forms``; "" when
    nothing is marked."""
    text, spans = "", []
    for piece, marked in zip(re.split(f"[{_MARK_START}{_MARK_END}]", words), cycle((0, 1))):
        if marked:
            spans.append((len(text), len(text) + len(piece)))
        text += piece
    matched_joined = {form.casefold() for form in _MARKED.findall(joined_forms or "")}
    spans += [
        compound.span()
        for compound in COMPOUND_WORD.finditer(text)
        if without_hyphens(compound.group()).casefold() in matched_joined
    ]
    if not spans:
        return ""
    html, end = [], 0
    for start, stop in _merged(spans):
        html += [escape(text[end:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        end = stop
    html.append(escape(text[end:]))
    return mark_safe("".join(html))


def _merged(spans):
    """``spans`` (start, stop) in order, those that overlap made one."""
    merged = []
    for start, stop in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


def _search_sqlite(queryset, terms):
    # ``words__match`` matches the index's row, the words and their joined forms alike.
    match = _sqlite_match(terms)
    return (
        queryset.filter(search_entry__words__match=match)
        .annotate(search_rank=-F("search_entry__rank"))
        .order_by("-search_rank", "pk")
    )


def _search_postgres(queryset, terms):
    """Matched on the indexed vector, of the words and their joined forms; ranked on that of
    the words alone, as before: ranking works the vector out again for every match, and the
    joined forms would double that where the words hold a hyphen. A word found only through
    a joined form adds nothing to the rank."""
    from django.contrib.postgres.search import SearchRank

    indexed = _postgres_vector(JOINED_QUOTE_INDEX.postgres_vector, "words")
    words = _postgres_vector(lambda column: postgres_vector(column, POSTGRES_CONFIG), "words")
    query = RawSQL(*_tsquery(terms, POSTGRES_CONFIG))
    matches = Func(
        indexed, query, arg_joiner=" @@ ", template="%(expressions)s", output_field=BooleanField()
    )
    return (
        queryset.filter(matches)
        .annotate(search_rank=SearchRank(words, query))
        .order_by("-search_rank", "pk")
    )


#: The codes of ``SearchIndexProblem``: what is wrong with the index.
TRIGGERS_MISSING = "triggers_missing"
INDEX_OUT_OF_STEP = "index_out_of_step"
INDEX_MISSING = "index_missing"


@dataclass(frozen=True)
class SearchIndexProblem:
    """One thing wrong with a search index: ``code`` says which, ``message`` says it to a
    person; ``index`` names the index and ``part`` its table or index at fault."""

    code: str
    message: str
    index: str
    part: str


def search_index_problems(connection=default_connection):
    """What is wrong with the search indexes, as ``SearchIndexProblem``s; empty when all is
    well."""
    problems_of = {"sqlite": _sqlite_problems, "postgresql": _postgres_problems}.get(
        connection.vendor
    )
    if problems_of is None:
        return []
    with connection.cursor() as cursor:
        return [problem for index in INDEXES for problem in problems_of(cursor, index)]


def _sqlite_problems(cursor, index):
    for fts_table, (table, column, triggers) in index.fts_tables.items():
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
        )
        missing = set(triggers) - {row[0] for row in cursor.fetchall()}
        if missing:
            yield SearchIndexProblem(
                TRIGGERS_MISSING,
                f"The {index.name} is not kept in step: triggers missing "
                f"({', '.join(sorted(missing))}).",
                index.name,
                fts_table,
            )
        if not _sqlite_in_step(cursor, index, fts_table):
            yield SearchIndexProblem(
                INDEX_OUT_OF_STEP,
                f"The {index.name} differs from {_WHAT_IS_INDEXED.get((table, column), table)}: "
                "run `manage.py rebuild_search_index`.",
                index.name,
                fts_table,
            )


def _sqlite_in_step(cursor, index, fts_table):
    """Whether ``fts_table`` holds what its table does: its index agrees with its text and, for
    an FTS5 table with its own copy of the text, the text and joined forms are the table's."""
    try:
        cursor.execute(f"INSERT INTO {fts_table}({fts_table}, rank) VALUES ('integrity-check', 1)")
        if fts_table in index.out_of_step:
            cursor.execute(index.out_of_step[fts_table])
            return cursor.fetchone()[0] == 0
    except DatabaseError:
        return False
    return True


#: What each indexed column holds, as the index's problems name it.
_WHAT_IS_INDEXED = {
    ("clippings_quote", "words"): "the quotes' words",
    ("clippings_article", "headline"): "the clippings' headlines",
    ("clippings_update", "headline"): "the updates' headlines",
    ("clippings_paragraph", "text"): "the paragraphs' text",
}


def _postgres_problems(cursor, index):
    for name in _postgres_missing_indexes(cursor, index):
        yield SearchIndexProblem(
            INDEX_MISSING, f"The {index.name} {name} is missing.", index.name, name
        )


def _postgres_missing_indexes(cursor, index):
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [list(index.postgres_indexes)]
    )
    return sorted(set(index.postgres_indexes) - {row[0] for row in cursor.fetchall()})


def rebuild_search_index(connection=default_connection):
    """Create what is missing of the search indexes and, on SQLite, refill them from the
    tables they index.

    PostgreSQL indexes need no refilling; existing ones are left alone. Creating one, even
    ``IF NOT EXISTS``, is refused while the transaction has pending trigger events, so the
    foreign-key checks still deferred run first.
    """
    with connection.cursor() as cursor:
        for index in INDEXES:
            if connection.vendor == "postgresql":
                missing = _postgres_missing_indexes(cursor, index)
                if missing:
                    connection.check_constraints()
                statements = missing and [
                    *index.postgres_setup,
                    *(index.postgres_indexes[name] for name in missing),
                ]
            else:
                statements = index.create.get(connection.vendor, [])
            for statement in statements:
                cursor.execute(statement)
    # Search results may differ: pages rendered before are out of date.
    archive_changed(connection.alias)


def restore_dropped_triggers(using, **kwargs):
    """After ``migrate`` on SQLite: where an index's FTS5 table exists but triggers of its
    table are gone (a migration that altered the table rebuilt it without them), create them
    again and refill the index. A ``post_migrate`` receiver; an index a migration removed
    stays removed."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = set(cursor.fetchall())
        for index in INDEXES:
            if any(
                ("table", fts_table) in existing
                and any(("trigger", name) not in existing for name in triggers)
                for fts_table, (_, _, triggers) in index.fts_tables.items()
            ):
                for statement in index.create["sqlite"]:
                    cursor.execute(statement)


__all__ = [
    "rebuild_search_index",
    "restore_dropped_triggers",
    "search_clippings",
    "search_index_problems",
    "search_quotes",
    "search_terms",
]
