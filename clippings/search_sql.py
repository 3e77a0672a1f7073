"""The quote search index's SQL, per database engine: what migration 0003 creates.

Plain constants that import nothing: the migration runs them, and ``rebuild_search_index``
runs the same statements to recreate what is missing. Every statement may run again on a
database that already has the index. They describe the index as the migrations leave it: to
change it, add constants for the new index and a migration that replaces the old one, leaving
these as migration 0003 ran them.

SQLite: an FTS5 table with external content (the quotes table), stemmed (Porter), case- and
accent-insensitive, and triggers that keep it in step on every insert, update and delete. A
later migration that alters ``clippings_quote`` makes SQLite rebuild that table, which drops
its triggers: such a migration runs ``CREATE["sqlite"]`` again after altering it.

PostgreSQL: a GIN index on the English text-search vector of the quotes' words, the very
expression ``clippings.search`` queries, so that the planner uses it.
"""

FTS_TABLE = "clippings_quote_fts"

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

POSTGRES_CONFIG = "english"
POSTGRES_INDEX = "clippings_quote_words_search"

#: Statements that create the index where missing and fill it from the quotes, by vendor.
CREATE = {
    "sqlite": [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(words, "
        "content='clippings_quote', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        *(SQLITE_TRIGGERS[name] for name in sorted(SQLITE_TRIGGERS)),
        # Rows written before the index existed, or while a trigger was missing.
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ],
    "postgresql": [
        f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON clippings_quote USING gin "
        f"(to_tsvector('{POSTGRES_CONFIG}'::regconfig, COALESCE(words, '')))",
    ],
}

#: Statements that remove the index, by vendor.
DROP = {
    "sqlite": [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in sorted(SQLITE_TRIGGERS)),
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
    ],
    "postgresql": [f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"],
}
