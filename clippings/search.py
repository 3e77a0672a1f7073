"""Full-text search over quotes: the database's own engine behind ``Quote.objects.search()``.

SQLite: an FTS5 table, ``clippings_quote_fts``, kept in step with the quotes by triggers on
every insert, update and delete, whatever makes them: the admin, ``loaddata``, a queryset
``update()`` or raw SQL. PostgreSQL: ``django.contrib.postgres.search`` over an expression GIN
index on the quotes' words. Migration 0003 creates either with ``clippings.search_sql``.

``search_quotes(queryset, text)`` is what ``QuoteQuerySet.search()`` runs, on the engine of
the queryset's own database, and annotates ``search_rank`` (higher is a better match);
``search_index_problems()`` reports drift for ``check_archive``, and
``rebuild_search_index()`` mends it.
"""

import re
from dataclasses import dataclass

from django.db import DatabaseError, connections
from django.db import connection as default_connection
from django.db.models import F

from clippings.changes import archive_changed
from clippings.search_sql import CREATE, FTS_TABLE, POSTGRES_CONFIG, POSTGRES_INDEX, SQLITE_TRIGGERS

WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text):
    """The words of a query, without the punctuation a search engine would read as syntax."""
    return WORD.findall(text or "")


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
    # Each term quoted: FTS5 then reads it as a plain word, never as an operator.
    return " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)


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


def _sqlite_triggers(cursor):
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'clippings_quote'"
    )
    return {row[0] for row in cursor.fetchall()}


#: The codes of ``SearchIndexProblem``: what is wrong with the index.
TRIGGERS_MISSING = "triggers_missing"
INDEX_OUT_OF_STEP = "index_out_of_step"
INDEX_MISSING = "index_missing"


@dataclass(frozen=True)
class SearchIndexProblem:
    """One thing wrong with the search index: ``code`` says which, ``message`` says it to
    a person."""

    code: str
    message: str


def search_index_problems(connection=default_connection):
    """What is wrong with the search index, as ``SearchIndexProblem``s; empty when all is well."""
    problems = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            missing = set(SQLITE_TRIGGERS) - _sqlite_triggers(cursor)
            if missing:
                problems.append(
                    SearchIndexProblem(
                        TRIGGERS_MISSING,
                        "The quote search index is not kept in step: triggers missing "
                        f"({', '.join(sorted(missing))}).",
                    )
                )
            try:
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
                )
            except DatabaseError:
                problems.append(
                    SearchIndexProblem(
                        INDEX_OUT_OF_STEP,
                        "The quote search index differs from the quotes' words: "
                        "run `manage.py rebuild_search_index`.",
                    )
                )
        elif connection.vendor == "postgresql" and not _postgres_index_exists(cursor):
            problems.append(
                SearchIndexProblem(
                    INDEX_MISSING, f"The quote search index {POSTGRES_INDEX} is missing."
                )
            )
    return problems


def _postgres_index_exists(cursor):
    cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [POSTGRES_INDEX])
    return cursor.fetchone() is not None


def rebuild_search_index(connection=default_connection):
    """Create what is missing of the search index and, on SQLite, refill it from the quotes.

    PostgreSQL indexes need no refilling; an existing one is left alone (creating an index,
    even ``IF NOT EXISTS``, is refused while the transaction has pending trigger events).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and _postgres_index_exists(cursor):
            return
        for statement in CREATE.get(connection.vendor, []):
            cursor.execute(statement)
    # Search results may differ: pages rendered before are out of date.
    archive_changed(connection.alias)


__all__ = [
    "rebuild_search_index",
    "search_index_problems",
    "search_quotes",
    "search_terms",
]
