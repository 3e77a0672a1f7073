from django.db import models

from .quotes import Quote


class Match(models.Lookup):
    """``words__match="..."``: an FTS5 full-text match on the index's column."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class QuoteSearchEntry(models.Model):
    """A row of the SQLite FTS5 index over quotes' words (``clippings_quote_fts``).

    The virtual table and the triggers that keep it in step with ``clippings_quote`` are
    created by migration 0003 (``clippings.search_sql``); Django only reads it, to join quotes
    to their match rank. It does not exist on PostgreSQL, which searches an expression index
    instead.
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
