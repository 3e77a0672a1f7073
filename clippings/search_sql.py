"""The full-text indexes' SQL, per database engine: what migrations 0003 and 0012 create.

Plain constants that import nothing: the migrations run them, and ``rebuild_search_index``
runs the same statements to recreate what is missing. Every statement may run again on a
database that already has the index. They describe the indexes as the migrations leave them:
to change one, add constants for the new index and a migration that replaces the old one,
leaving these as the migrations ran them.

Two indexes (``INDEXES``): the quote search's over the quotes' words (``QUOTE_INDEX``,
migration 0003), and the clipping text search's over the headlines of clippings and of their
updates and the text of every paragraph, rewritten ones included (``CLIPPING_TEXT_INDEX``,
migration 0012).

SQLite: an FTS5 table per indexed column, with external content (the table holding the
column), stemmed (Porter), case- and accent-insensitive, and triggers that keep it in step on
every insert, update and delete. A later migration that alters one of the indexed tables
(``clippings_quote``, ``clippings_article``, ``clippings_update``, ``clippings_paragraph``)
makes SQLite rebuild that table, which drops its triggers: such a migration runs the index's
``create["sqlite"]`` again after altering it. (Should one forget, ``migrate`` puts them back
at its end, ``clippings.search.restore_dropped_triggers``, and refills the index.)

PostgreSQL: a GIN index on the text-search vector of each indexed column, the very expression
``clippings.search`` queries, so that the planner uses it. The quotes' use the ``english``
configuration; the clippings' use ``clippings_english``: the same stemming, with accents folded
by the ``unaccent`` dictionary (an extension shipped with PostgreSQL).
"""

SQLITE_TOKENIZER = "porter unicode61 remove_diacritics 2"


def postgres_vector(column, config):
    """The text-search vector of ``column``, written as its GIN index is."""
    return f"to_tsvector('{config}'::regconfig, COALESCE({column}, ''))"


class FullTextIndex:
    """One full-text index: ``columns`` maps each indexed table to its column.

    ``fts_tables`` (SQLite) maps each FTS5 table to (its table, its column, its triggers as
    name -> statement); ``postgres_indexes`` maps each GIN index to its statement. ``create``
    and ``drop`` are the statements by vendor; PostgreSQL's ``create`` starts with
    ``postgres_setup``, what the indexes need created first.
    """

    def __init__(self, name, columns, fts_tables, postgres_config, postgres_indexes, setup=()):
        self.name = name
        self.columns = columns
        self.postgres_config = postgres_config
        self.fts_tables = {
            fts_table: (table, columns[table], _fts5_triggers(fts_table, table, columns[table]))
            for fts_table, table in fts_tables.items()
        }
        self.postgres_indexes = {
            index: f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin "
            f"({postgres_vector(columns[table], postgres_config)})"
            for index, table in postgres_indexes.items()
        }
        self.postgres_setup = list(setup)
        self.create = {
            "sqlite": [
                statement
                for fts_table, (table, column, triggers) in self.fts_tables.items()
                for statement in (
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table} USING fts5({column}, "
                    f"content='{table}', content_rowid='id', tokenize='{SQLITE_TOKENIZER}')",
                    *(triggers[name] for name in sorted(triggers)),
                    # Rows written before the index existed, or while a trigger was missing.
                    f"INSERT INTO {fts_table}({fts_table}) VALUES ('rebuild')",
                )
            ],
            "postgresql": [*self.postgres_setup, *self.postgres_indexes.values()],
        }
        self.drop = {
            "sqlite": [
                statement
                for fts_table, (_, _, triggers) in self.fts_tables.items()
                for statement in (
                    *(f"DROP TRIGGER IF EXISTS {name}" for name in sorted(triggers)),
                    f"DROP TABLE IF EXISTS {fts_table}",
                )
            ],
            "postgresql": [f"DROP INDEX IF EXISTS {index}" for index in self.postgres_indexes],
        }


def _fts5_triggers(fts_table, table, column):
    insert = f"INSERT INTO {fts_table}(rowid, {column}) VALUES (new.id, new.{column});"
    delete = (
        f"INSERT INTO {fts_table}({fts_table}, rowid, {column}) "
        f"VALUES ('delete', old.id, old.{column});"
    )
    return {
        f"{fts_table}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS {fts_table}_insert
        AFTER INSERT ON {table} BEGIN
            {insert}
        END""",
        f"{fts_table}_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {fts_table}_delete
        AFTER DELETE ON {table} BEGIN
            {delete}
        END""",
        f"{fts_table}_update": f"""
        CREATE TRIGGER IF NOT EXISTS {fts_table}_update
        AFTER UPDATE OF id, {column} ON {table} BEGIN
            {delete}
            {insert}
        END""",
    }


QUOTE_INDEX = FullTextIndex(
    "quote search index",
    columns={"clippings_quote": "words"},
    fts_tables={"clippings_quote_fts": "clippings_quote"},
    postgres_config="english",
    postgres_indexes={"clippings_quote_words_search": "clippings_quote"},
)

CLIPPING_TEXT_INDEX = FullTextIndex(
    "clipping text search index",
    columns={
        "clippings_article": "headline",
        "clippings_update": "headline",
        "clippings_paragraph": "text",
    },
    fts_tables={
        "clippings_article_fts": "clippings_article",
        "clippings_update_fts": "clippings_update",
        "clippings_paragraph_fts": "clippings_paragraph",
    },
    postgres_config="clippings_english",
    postgres_indexes={
        "clippings_article_headline_search": "clippings_article",
        "clippings_update_headline_search": "clippings_update",
        "clippings_paragraph_text_search": "clippings_paragraph",
    },
    setup=[
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'clippings_english') THEN
                CREATE TEXT SEARCH CONFIGURATION clippings_english (COPY = english);
                ALTER TEXT SEARCH CONFIGURATION clippings_english
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
            END IF;
        END $$""",
    ],
)

INDEXES = [QUOTE_INDEX, CLIPPING_TEXT_INDEX]

# The quote index under the names migration 0003 and the quote search use.
POSTGRES_CONFIG = QUOTE_INDEX.postgres_config
#: Statements that create the quote index where missing and fill it from the quotes, by vendor.
CREATE = QUOTE_INDEX.create
#: Statements that remove the quote index, by vendor.
DROP = QUOTE_INDEX.drop
