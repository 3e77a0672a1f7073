"""Full-text search over quotes: one entry point, the database's own engine behind it.

SQLite: an FTS5 table, ``clippings_quote_fts``, with external content (the quotes table) and
triggers that keep it in step on every insert, update and delete, whatever makes them: the
admin, ``loaddata``, a queryset ``update()`` or raw SQL. Stemmed (Porter), case- and
accent-insensitive.

PostgreSQL: ``django.contrib.postgres.search`` over an expression GIN index on the quotes'
words (English configuration).

``search_quotes(queryset, text)`` works on both and annotates ``search_rank`` (higher is a
better match); ``ensure_search_index()`` creates what is missing and runs after every
``migrate``; ``search_index_problems()`` reports drift for ``check_archive``.
"""

import re
from dataclasses import dataclass

from django.db import DatabaseError
from django.db import connection as default_connection
from django.db.models import F

POSTGRES_CONFIG = "english"
POSTGRES_INDEX = "clippings_quote_words_search"
FTS_TABLE = "clippings_quote_fts"
WORD = re.compile(r"\w+", re.UNICODE)

SQLITE_TRIGGERS = {
    "clippings_quote_fts_insert": f"""
        CREATE TRIGGER IF NOT EXISTS clippings_quote_fts_insert
        AFTER INSERT ON clippings_quote BEGIN
            INSERT INTO {FTS_TABLE}(rowid, words) VALUES (new.id, new.words);
        END""",
    "clippings_quote_fts_delete": f"""
        CREATE TRIGGER IF NOT EXISTS clippings_quote_fts_delete
        AFTER DELETE ON clippings_quote BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, words) VALUES ('delete', old.id, old.words);
        END""",
    "clippings_quote_fts_update": f"""
        CREATE TRIGGER IF NOT EXISTS clippings_quote_fts_update
        AFTER UPDATE OF id, words ON clippings_quote BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, words) VALUES ('delete', old.id, old.words);
            INSERT INTO {FTS_TABLE}(rowid, words) VALUES (new.id, new.words);
        END""",
}


def search_terms(text):
    """The words of a query, without the punctuation a search engine would read as syntax."""
    return WORD.findall(text or "")


def search_quotes(queryset, text):
    """Quotes of ``queryset`` whose words match every word of ``text``, best match first."""
    terms = search_terms(text)
    if not terms:
        return queryset.none()
    if queryset.db == "default" and default_connection.vendor == "postgresql":
        return _search_postgres(queryset, terms)
    return _search_sqlite(queryset, terms)


def _search_sqlite(queryset, terms):
    # Each term quoted: FTS5 then reads it as a plain word, never as an operator.
    match = " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)
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


def ensure_search_index(connection=default_connection):
    """Create the search index and what keeps it in step, where missing. Idempotent."""
    if connection.vendor == "sqlite":
        _ensure_sqlite(connection)
    elif connection.vendor == "postgresql":
        _ensure_postgres(connection)


def _ensure_sqlite(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(words, "
            "content='clippings_quote', content_rowid='id', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        missing = set(SQLITE_TRIGGERS) - _sqlite_triggers(cursor)
        for name in sorted(missing):
            cursor.execute(SQLITE_TRIGGERS[name])
        if missing:
            # Rows written while a trigger was missing (or before the index existed).
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _sqlite_triggers(cursor):
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'clippings_quote'"
    )
    return {row[0] for row in cursor.fetchall()}


def _ensure_postgres(connection):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    from clippings.models import Quote

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [POSTGRES_INDEX])
        if cursor.fetchone():
            return
    index = GinIndex(SearchVector("words", config=POSTGRES_CONFIG), name=POSTGRES_INDEX)
    with connection.schema_editor() as editor:
        editor.add_index(Quote, index)


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

    def __str__(self):
        return self.message


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
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [POSTGRES_INDEX])
            if not cursor.fetchone():
                problems.append(
                    SearchIndexProblem(
                        INDEX_MISSING, f"The quote search index {POSTGRES_INDEX} is missing."
                    )
                )
    return problems


def rebuild_search_index(connection=default_connection):
    """Rebuild the search index from the quotes (SQLite); PostgreSQL indexes need no rebuild."""
    ensure_search_index(connection)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


__all__ = [
    "ensure_search_index",
    "rebuild_search_index",
    "search_index_problems",
    "search_quotes",
    "search_terms",
]
