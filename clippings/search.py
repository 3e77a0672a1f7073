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
"""

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.db import DatabaseError, connections
from django.db import connection as default_connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from clippings.changes import archive_changed
from clippings.search_sql import (
    CLIPPING_TEXT_INDEX,
    INDEXES,
    POSTGRES_CONFIG,
    postgres_vector,
)

#: A word of a query: letters and digits only. Everything else (quotes, ``*``, ``-``,
#: parentheses, ``:``, ``^``, underscores) separates words and is never read as syntax.
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def search_terms(text):
    """The words of a query, without the punctuation a search engine would read as syntax."""
    return WORD.findall(text or "")


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
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(plainto_tsquery(%s::regconfig, %s))",
                [POSTGRES_CONFIG, " ".join(terms)],
            )
            if not cursor.fetchone()[0]:
                return None
        return _search_postgres(Quote.objects.using(using), terms).order_by().values("pk")
    entries = QuoteSearchEntry.objects.using(using).filter(words__match=_sqlite_match(terms))
    return entries.values("quote_id")


def _sqlite_match(terms):
    return " ".join(fts5_phrase(term) for term in terms)


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
    vendor = "postgresql" if connections[queryset.db].vendor == "postgresql" else "sqlite"
    for term in terms:
        # One ``IN`` per place a word can be, not one over their ``UNION``: each list of ids
        # is then built once and looked up per clipping, and the planners estimate it well.
        queryset = queryset.filter(
            reduce(
                operator.or_,
                (
                    Q(pk__in=RawSQL(sql, params_of(term, " ".join(terms))))
                    for sql, params_of in _CLIPPING_TERM_SQL[vendor]
                ),
            )
        )
    return queryset


def _clipping_ids(table, where):
    column = "id" if table == "clippings_article" else "article_id"
    return f"SELECT {column} FROM {table} WHERE {where}"


def _clipping_term_sql():
    """Where one word of a query occurs, per vendor: a list of (SQL selecting the ids of the
    clippings holding it in one place, params(word, the query's words))."""
    index = CLIPPING_TEXT_INDEX
    sqlite = [
        (
            _clipping_ids(table, f"id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"),
            lambda term, text: [fts5_phrase(term)],
        )
        for fts, (table, _, _) in index.fts_tables.items()
    ]
    query = f"plainto_tsquery('{index.postgres_config}'::regconfig, %s)"
    postgres = [
        (
            _clipping_ids(table, f"{postgres_vector(column, index.postgres_config)} @@ {query}"),
            lambda term, text: [term],
        )
        for table, column in index.columns.items()
    ]
    # A word the engine leaves out (a stop word such as "the") narrows nothing, unless the
    # query has no other word: then, as in the quote search, nothing matches.
    postgres.append(
        (
            _clipping_ids("clippings_article", f"numnode({query}) = 0 AND numnode({query}) > 0"),
            lambda term, text: [term, text],
        )
    )
    return {"sqlite": sqlite, "postgresql": postgres}


_CLIPPING_TERM_SQL = _clipping_term_sql()


#: Where a highlighted word starts and ends, as the engines mark it: control characters no
#: stored text holds (``clippings.text`` refuses them), replaced once the text is escaped.
_MARK_START, _MARK_END = "\x02", "\x03"


def highlighted_words(quote_ids, text, using="default"):
    """``{quote id: the quote's words as HTML}``, each word that matches ``text`` (as the quote
    search matches it: stemmed, ignoring case and accents) in ``<mark>``; for the quotes of
    ``quote_ids`` (a page of results) that match."""
    terms = search_terms(text)
    if not terms or not quote_ids:
        return {}
    connection = connections[using]
    ids = list(quote_ids)
    placeholders = ", ".join(["%s"] * len(ids))
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id, ts_headline(%s::regconfig, words, plainto_tsquery(%s::regconfig, %s), %s) "
            f"FROM clippings_quote WHERE id IN ({placeholders})"
        )
        options = f"StartSel={_MARK_START}, StopSel={_MARK_END}, HighlightAll=true"
        params = [POSTGRES_CONFIG, POSTGRES_CONFIG, " ".join(terms), options, *ids]
    else:
        sql = (
            "SELECT rowid, highlight(clippings_quote_fts, 0, %s, %s) FROM clippings_quote_fts "
            f"WHERE clippings_quote_fts MATCH %s AND rowid IN ({placeholders})"
        )
        params = [_MARK_START, _MARK_END, _sqlite_match(terms), *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        quote_id: mark_safe(
            escape(marked).replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")
        )
        for quote_id, marked in rows
        if _MARK_START in marked
    }


def _search_sqlite(queryset, terms):
    match = _sqlite_match(terms)
    return (
        queryset.filter(search_entry__words__match=match)
        .annotate(search_rank=-F("search_entry__rank"))
        .order_by("-search_rank", "pk")
    )


def _search_postgres(queryset, terms):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("words", config=POSTGRES_CONFIG)
    query = SearchQuery(" ".join(terms), config=POSTGRES_CONFIG, search_type="plain")
    return (
        queryset.annotate(search_vector=vector)
        .filter(search_vector=query)
        .annotate(search_rank=SearchRank(vector, query))
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
        try:
            cursor.execute(
                f"INSERT INTO {fts_table}({fts_table}, rank) VALUES ('integrity-check', 1)"
            )
        except DatabaseError:
            yield SearchIndexProblem(
                INDEX_OUT_OF_STEP,
                f"The {index.name} differs from {_WHAT_IS_INDEXED.get((table, column), table)}: "
                "run `manage.py rebuild_search_index`.",
                index.name,
                fts_table,
            )


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
