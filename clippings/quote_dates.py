"""A quote's date, stored with the quote: ``Quote.dated_on``.

A quote's date is when its words were said or, where the clipping does not say, when they
were printed: the date of the update that added its paragraph, else the clipping's
(``quote_date()``, the one rule). Worked out on every read, it joined each quote to its
paragraph, update and clipping, so a speaker's quotes in date order meant sorting all of
them (30,000 for the busiest speaker of a large archive) for a page of 50, and a speaker's
latest quote date meant joining every quote. Stored, it is read from an index on
(speaker, date): the database reads a page in date order and stops.

The stored date is worked out by the database from the same rule, in one ``UPDATE`` for all
the quotes a save may have re-dated: when a quote, its paragraph, the update or the clipping
is saved (raw saves of ``loaddata`` included: ``connect()``); in bulk by
``refresh_quote_dates()`` (migration 0016, ``generate_archive``); ``check_archive`` finds any
quote whose stored date differs from the rule (``quotes_with_stale_dates()``).
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.signals import post_save


def refresh_quote_dates(quotes):
    """Store the rule's date on every quote of the queryset ``quotes``, in one statement."""
    from clippings.models.quotes import quote_date

    dated = quotes.model.objects.filter(pk=OuterRef("pk")).annotate(rule=quote_date())
    return quotes.order_by().update(dated_on=Subquery(dated.values("rule")[:1]))


def quotes_with_stale_dates(using=DEFAULT_DB_ALIAS):
    """The quotes whose stored date is not the one the rule gives."""
    from clippings.models import Quote
    from clippings.models.quotes import quote_date

    quotes = Quote.objects.using(using).annotate(rule=quote_date())
    return quotes.filter(~Q(dated_on=F("rule")) | Q(dated_on__isnull=True))


# Keeping the stored dates in step ---------------------------------------------------------


def connect():
    """Re-date the quotes a save may move in time, whenever it is saved (raw saves included)."""
    from clippings.models import Article, Paragraph, Quote, Update

    post_save.connect(_article_saved, sender=Article, dispatch_uid="quote_dates_article")
    post_save.connect(_update_saved, sender=Update, dispatch_uid="quote_dates_update")
    post_save.connect(_paragraph_saved, sender=Paragraph, dispatch_uid="quote_dates_paragraph")
    post_save.connect(_quote_saved, sender=Quote, dispatch_uid="quote_dates_quote")


def _may_redate(created, raw):
    """A clipping, update or paragraph just created has no quote yet, unless ``loaddata``
    writes its quotes first."""
    return raw or not created


def _quotes(using):
    from clippings.models import Quote

    return Quote.objects.using(using)


def _article_saved(instance, created, raw, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if _may_redate(created, raw) and (update_fields is None or "published_on" in update_fields):
        refresh_quote_dates(_quotes(using).filter(article_id=instance.pk))


def _update_saved(instance, created, raw, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if _may_redate(created, raw) and (update_fields is None or "published_on" in update_fields):
        refresh_quote_dates(_quotes(using).filter(paragraph__update_id=instance.pk))


def _paragraph_saved(instance, created, raw, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if _may_redate(created, raw) and (update_fields is None or "update" in update_fields):
        refresh_quote_dates(_quotes(using).filter(paragraph_id=instance.pk))


def _quote_saved(instance, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if update_fields is None or {"said_on", "paragraph", "article"} & set(update_fields):
        refresh_quote_dates(_quotes(using).filter(pk=instance.pk))
