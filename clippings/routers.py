class SearchIndexRouter:
    """Keeps the quote search index out of migrations, ``dumpdata`` and ``backup``.

    ``QuoteSearchEntry`` maps SQLite's FTS5 table, which migrations 0003 and 0015 create
    (``clippings.search_sql``) and triggers keep in step with the quotes: derived data, not
    archive records. Without this, ``dumpdata clippings`` would export the index (and fail on
    PostgreSQL, which has none).
    """

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == "clippings" and model_name == "quotesearchentry":
            return False
        return None
