from django.db import models

from .quotes import Quote


class Match(models.Lookup):
    """``words__match="..."``: an FTS5 full-text query over the index's row: the words and
    the joined forms of their hyphenated words alike.

    The match is on the table's hidden column, named after the table: FTS5 reads a match on
    one column (``words MATCH``) as a query of that column alone.
    """

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        rhs, rhs_params = self.process_rhs(compiler, connection)
        table = compiler.quote_name_unless_alias(self.lhs.alias)
        row = connection.ops.quote_name(self.lhs.target.model._meta.db_table)
        return f"{table}.{row} MATCH {rhs}", rhs_params


class QuoteSearchEntry(models.Model):
    """A row of the SQLite FTS5 index over quotes' words (``clippings_quote_fts``).

    The virtual table and the triggers that keep it in step with ``clippings_quote`` are
    created by migration 0003, and since 0015 hold the joined forms of hyphenated words beside
    the words (``clippings.search_sql``); Django only reads it, to join quotes to their match
    rank. It does not exist on PostgreSQL, which searches an expression index instead.
    """

    quote = models.OneToOneField(
        Quote,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        related_name="search_entry",
    )
    words = models.TextField()
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "clippings_quote_fts"

    def __str__(self):
        return self.words


QuoteSearchEntry._meta.get_field("words").register_lookup(Match)
