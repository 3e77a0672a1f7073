"""Bringing deleted records back from their history.

Every save and delete of a tracked model leaves a historical record (django-simple-history).
A deleted clipping's last record holds its fields; its updates, paragraphs, quotes and
credits, deleted with it, each left theirs. ``restore_deleted()`` saves them back as they
were, which records a new version of each, so the restoration is itself in the history.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Article, Credit, Paragraph, Quote, Update

# Parts whose deletion was recorded this long before their article's went with it.
DELETED_TOGETHER = datetime.timedelta(minutes=1)
# An article's parts, in the order they can be saved back: each needs the ones before it.
ARTICLE_PARTS = [Credit, Update, Paragraph, Quote]


def deleted_records(model):
    """The last historical record of each deleted ``model`` row that is still gone, newest first."""
    history = model.history.model
    existing = model._base_manager.values("pk")
    return (
        history.objects.filter(history_type="-")
        .exclude(**{f"{model._meta.pk.attname}__in": existing})
        .select_related("history_user")
        .order_by("-history_date")
    )


@transaction.atomic
def restore_deleted(record):
    """Save a deleted record back, with its clipping's parts if it is a clipping."""
    model = record.instance_type
    if model._base_manager.filter(pk=record.instance.pk).exists():
        raise ValidationError(f"{model._meta.verbose_name.capitalize()} “{record}” exists already.")
    instance = record.instance
    instance.save(force_insert=True)
    if model is Article:
        instance.tags.set(_last_recorded_tags(record))
        for part in ARTICLE_PARTS:
            for part_record in _parts_deleted_with(part, instance.pk, record.history_date):
                part_record.instance.save(force_insert=True)
    return instance


def _parts_deleted_with(model, article_id, deleted_at):
    """Deletion records of ``model`` rows of the article, from its own deletion, in pk order."""
    rows = (
        deleted_records(model)
        .filter(
            article_id=article_id,
            history_date__lte=deleted_at,
            history_date__gte=deleted_at - DELETED_TOGETHER,
        )
        .order_by(model._meta.pk.attname, "-history_date")
    )
    seen = set()
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            yield row


def _last_recorded_tags(record):
    """The tags of the newest version of the article that recorded any."""
    while record is not None:
        tags = [row.tag_id for row in record.tags.all()]
        if tags:
            return tags
        record = record.prev_record
    return []
