"""The full-text indexes' SQL, per database engine: what migrations 0003, 0012 and 0015 create.

Plain constants that import nothing but the hyphens of ``clippings.text``: the migrations run
them, and ``rebuild_search_index`` runs the same statements to recreate what is missing. Every
statement may run again on a database that already has the index. They describe the indexes as
the migrations leave them: to change one, add constants for the new index and a migration that
replaces the old one, leaving these as the migrations ran them.

Two indexes: the quote search's over the quotes' words (``QUOTE_INDEX``, migration 0003), and
the clipping text search's over the headlines of clippings and of their updates and the text
of every paragraph, rewritten ones included (``CLIPPING_TEXT_INDEX``, migration 0012).
Migration 0015 replaced both with indexes that also hold the joined forms of hyphenated words
(``JOINED_QUOTE_INDEX``, ``JOINED_CLIPPING_TEXT_INDEX``, which ``INDEXES`` lists): "cease-fire"
is indexed as "cease" and "fire" and also as "ceasefire", so that the searches find a compound
by its joined form and the joined form by the compound (``clippings.text.joined_forms()`` says
the same rule in Python).

SQLite: an FTS5 table per indexed column, stemmed (Porter), case- and accent-insensitive, and
triggers that keep it in step on every insert, update and delete. The first indexes read their
text from the table holding the column (external content); since 0015 each FTS5 table holds
its own copy of the column beside the joined forms (a second column, ``joined``), which no
table holds (external content would have to read them from a view, and a view over a table
stops SQLite from rebuilding that table when a migration alters it). A later migration that
alters one of the indexed tables (``clippings_quote``, ``clippings_article``,
``clippings_update``, ``clippings_paragraph``) makes SQLite rebuild that table, which drops its
triggers: such a migration runs the index's ``create["sqlite"]`` again after altering it.
(Should one forget, ``migrate`` puts them back at its end,
``clippings.search.restore_dropped_triggers``, and refills the index.)

PostgreSQL: a GIN index on the text-search vector of each indexed column (since 0015, the
vector of the column followed by that of its joined forms), the very expression
``clippings.search`` queries, so that the planner uses it. The quotes' use the ``english``
configuration; the clippings' use ``clippings_english``: the same stemming, with accents folded
by the ``unaccent`` dictionary (an extension shipped with PostgreSQL).
"""

from clippings.text import HYPHENS, JOINED_FORM_SEPARATORS

SQLITE_TOKENIZER = "porter unicode61 remove_diacritics 2"
#: The column of the FTS5 tables since migration 0015 that holds the joined forms.
JOINED_COLUMN = "joined"


def postgres_vector(column, config):
    """The text-search vector of ``column``, written as its GIN index is (0003, 0012)."""
    return f"to_tsvector('{config}'::regconfig, COALESCE({column}, ''))"


def postgres_joined_forms(column):
    """PostgreSQL: the joined forms of the hyphenated words of ``column``
    (``clippings.text.joined_forms()``), between spaces; '' for text without a hyphen.

    Each separator is doubled, so that every run has one of its own on either side, the runs
    without a hyphen are blanked out with theirs, then the hyphens are taken out: expressions
    the regular-expression engine matches without looking ahead, about twice as fast.
    """
    separators = _postgres_class(JOINED_FORM_SEPARATORS)
    hyphens = _postgres_class(HYPHENS)
    text = f"COALESCE({column}, '')"
    runs = f"' ' || regexp_replace({text}, '[{separators}]', '\\&\\&', 'g') || ' '"
    return (
        f"CASE WHEN {text} ~ '[{hyphens}]' THEN regexp_replace(regexp_replace({runs}, "
        f"'[{separators}][^{separators}{hyphens}]+[{separators}]', ' ', 'g'), "
        f"'[{hyphens}]', '', 'g') ELSE '' END"
    )


def postgres_joined_vector(column, config):
    """The text-search vector of ``column`` followed by that of its joined forms, written as
    its GIN index is since migration 0015; the joined forms' positions follow the text's, so
    that no phrase runs from one into the other."""
    return (
        f"({postgres_vector(column, config)} || "
        f"to_tsvector('{config}'::regconfig, {postgres_joined_forms(column)}))"
    )


def _postgres_class(characters):
    """``characters`` as regular-expression escapes, to go between brackets."""
    return "".join(f"\\u{ord(character):04x}" for character in characters)


def sqlite_joined_forms(column):
    """SQLite: the joined forms of the hyphenated words of ``column``
    (``clippings.text.joined_forms()``), separated by spaces; '' for text without a hyphen.

    Every hyphen is made a hyphen-minus first, so that each run is looked at once. The text is
    then quoted as a JSON string in which each space ends one item of an array and starts the
    next, so that ``json_each()`` reads its runs between spaces one by one.
    """
    text = column
    for hyphen in HYPHENS[1:]:
        text = f"replace({text}, char({ord(hyphen)}), '-')"
    for separator in JOINED_FORM_SEPARATORS[1:]:
        text = f"replace({text}, char({ord(separator)}), ' ')"
    runs = f"""json_each('[' || replace(json_quote({text}), ' ', '","') || ']') AS run"""
    has_hyphen = " OR ".join(f"instr({column}, char({ord(hyphen)}))" for hyphen in HYPHENS)
    return (
        f"CASE WHEN NOT ({has_hyphen}) THEN '' ELSE ("
        f"SELECT coalesce(group_concat(replace(run.value, '-', ''), ' '), '') FROM {runs} "
        "WHERE instr(run.value, '-')) END"
    )


class FullTextIndex:
    """One full-text index: ``columns`` maps each indexed table to its column.

    ``fts_tables`` (SQLite) maps each FTS5 table to (its table, its column, its triggers as
    name -> statement); ``postgres_indexes`` maps each GIN index to its statement. ``create``
    and ``drop`` are the statements by vendor; PostgreSQL's ``create`` starts with
    ``postgres_setup``, what the indexes need created first.

    With ``joined_forms`` (migration 0015), each FTS5 table holds its own copy of the column
    and the joined forms of its hyphenated words in a second column (``JOINED_COLUMN``), and
    ``create`` builds it afresh; ``out_of_step`` then maps each FTS5 table to the query that
    counts the rows where it differs from its table. The GIN indexes are over
    ``postgres_joined_vector()``. Without it, the indexes are those of migrations 0003 and
    0012: external content, ``create`` refilling the FTS5 tables in place.
    """

    def __init__(
        self,
        name,
        columns,
        fts_tables,
        postgres_config,
        postgres_indexes,
        setup=(),
        joined_forms=False,
    ):
        self.name = name
        self.columns = columns
        self.postgres_config = postgres_config
        self.joined_forms = joined_forms
        triggers_of = _joined_fts5_triggers if joined_forms else _fts5_triggers
        self.fts_tables = {
            fts_table: (table, columns[table], triggers_of(fts_table, table, columns[table]))
            for fts_table, table in fts_tables.items()
        }
        self.postgres_indexes = {
            index: f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin "
            f"({self.postgres_vector(columns[table])})"
            for index, table in postgres_indexes.items()
        }
        self.postgres_setup = list(setup)
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
        self.create = {
            "sqlite": self._joined_sqlite_create() if joined_forms else self._sqlite_create(),
            "postgresql": [*self.postgres_setup, *self.postgres_indexes.values()],
        }
        self.out_of_step = {
            fts_table: _joined_out_of_step(fts_table, table, column)
            for fts_table, (table, column, _) in self.fts_tables.items()
            if joined_forms
        }

    def postgres_vector(self, column):
        """The text-search vector of ``column`` as this index's GIN indexes hold it."""
        if self.joined_forms:
            return postgres_joined_vector(column, self.postgres_config)
        return postgres_vector(column, self.postgres_config)

    def _sqlite_create(self):
        return [
            statement
            for fts_table, (table, column, triggers) in self.fts_tables.items()
            for statement in (
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table} USING fts5({column}, "
                f"content='{table}', content_rowid='id', tokenize='{SQLITE_TOKENIZER}')",
                *(triggers[name] for name in sorted(triggers)),
                # Rows written before the index existed, or while a trigger was missing.
                f"INSERT INTO {fts_table}({fts_table}) VALUES ('rebuild')",
            )
        ]

    def _joined_sqlite_create(self):
        """Drop what there is (another layout's table and triggers under the same names
        included), then create the FTS5 tables and their triggers and fill them."""
        return [
            *self.drop["sqlite"],
            *(
                statement
                for fts_table, (table, column, triggers) in self.fts_tables.items()
                for statement in (
                    f"CREATE VIRTUAL TABLE {fts_table} USING fts5({column}, {JOINED_COLUMN}, "
                    f"tokenize='{SQLITE_TOKENIZER}')",
                    *(triggers[name] for name in sorted(triggers)),
                    f"INSERT INTO {fts_table}(rowid, {column}, {JOINED_COLUMN}) "
                    f"SELECT id, {column}, {sqlite_joined_forms(column)} FROM {table}",
                )
            ),
        ]


def _fts5_triggers(fts_table, table, column):
    insert = f"INSERT INTO {fts_table}(rowid, {column}) VALUES (new.id, new.{column});"
    delete = (
        f"INSERT INTO {fts_table}({fts_table}, rowid, {column}) "
        f"VALUES ('delete', old.id, old.{column});"
    )
    return _triggers(fts_table, table, column, insert, delete)


def _joined_fts5_triggers(fts_table, table, column):
    # OR REPLACE: a row the index kept while a trigger was missing gives way, rather than
    # refusing the write.
    insert = (
        f"INSERT OR REPLACE INTO {fts_table}(rowid, {column}, {JOINED_COLUMN}) "
        f"VALUES (new.id, new.{column}, {sqlite_joined_forms(f'new.{column}')});"
    )
    delete = f"DELETE FROM {fts_table} WHERE rowid = old.id;"
    return _triggers(fts_table, table, column, insert, delete)


def _triggers(fts_table, table, column, insert, delete):
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


def _joined_out_of_step(fts_table, table, column):
    """The number of rows of ``table`` that ``fts_table`` does not hold as they are (their
    text or joined forms differ, or it lacks them), and of rows it holds that ``table`` no
    longer has: one pass over ``fts_table``, each row's own looked up by its key."""
    text, joined = f"t.{column}", sqlite_joined_forms(f"t.{column}")
    return (
        "SELECT f.orphans + f.differing + "
        f"(SELECT count(*) FROM {table}) - (f.held - f.orphans) FROM ("
        "SELECT count(*) AS held, coalesce(sum(t.id IS NULL), 0) AS orphans, "
        f"coalesce(sum(t.id IS NOT NULL AND ({text} IS NOT f.{column} "
        f"OR f.{JOINED_COLUMN} IS NOT {joined})), 0) AS differing "
        f"FROM {fts_table} AS f LEFT JOIN {table} AS t ON t.id = f.rowid) AS f"
    )


QUOTE_INDEX_TABLES = {
    "columns": {"clippings_quote": "words"},
    "fts_tables": {"clippings_quote_fts": "clippings_quote"},
    "postgres_config": "english",
}

CLIPPING_TEXT_INDEX_TABLES = {
    "columns": {
        "clippings_article": "headline",
        "clippings_update": "headline",
        "clippings_paragraph": "text",
    },
    "fts_tables": {
        "clippings_article_fts": "clippings_article",
        "clippings_update_fts": "clippings_update",
        "clippings_paragraph_fts": "clippings_paragraph",
    },
    "postgres_config": "clippings_english",
    "setup": [
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
}

#: The quote index as migration 0003 created it.
QUOTE_INDEX = FullTextIndex(
    "quote search index",
    postgres_indexes={"clippings_quote_words_search": "clippings_quote"},
    **QUOTE_INDEX_TABLES,
)

#: The clipping text index as migration 0012 created it.
CLIPPING_TEXT_INDEX = FullTextIndex(
    "clipping text search index",
    postgres_indexes={
        "clippings_article_headline_search": "clippings_article",
        "clippings_update_headline_search": "clippings_update",
        "clippings_paragraph_text_search": "clippings_paragraph",
    },
    **CLIPPING_TEXT_INDEX_TABLES,
)

#: The quote index since migration 0015: the joined forms of hyphenated words indexed too.
JOINED_QUOTE_INDEX = FullTextIndex(
    "quote search index",
    postgres_indexes={"clippings_quote_words_joined_search": "clippings_quote"},
    joined_forms=True,
    **QUOTE_INDEX_TABLES,
)

#: The clipping text index since migration 0015, likewise.
JOINED_CLIPPING_TEXT_INDEX = FullTextIndex(
    "clipping text search index",
    postgres_indexes={
        "clippings_article_headline_joined_search": "clippings_article",
        "clippings_update_headline_joined_search": "clippings_update",
        "clippings_paragraph_text_joined_search": "clippings_paragraph",
    },
    joined_forms=True,
    **CLIPPING_TEXT_INDEX_TABLES,
)

#: The indexes the searches read, ``rebuild_search_index`` recreates and ``check_archive``
#: checks.
INDEXES = [JOINED_QUOTE_INDEX, JOINED_CLIPPING_TEXT_INDEX]
#: Each index of ``INDEXES`` after the one migration 0015 replaced with it.
REPLACED_INDEXES = [
    (QUOTE_INDEX, JOINED_QUOTE_INDEX),
    (CLIPPING_TEXT_INDEX, JOINED_CLIPPING_TEXT_INDEX),
]

#: The text-search configuration of the quote search.
POSTGRES_CONFIG = JOINED_QUOTE_INDEX.postgres_config
#: Statements that create the quote index of migration 0003 where missing and fill it, by
#: vendor.
CREATE = QUOTE_INDEX.create
#: Statements that remove the quote index of migration 0003, by vendor.
DROP = QUOTE_INDEX.drop
