"""Bringing deleted records back from their history.

Every save and delete of a tracked model leaves a historical record (django-simple-history).
A deleted clipping's last record holds its fields; its updates, paragraphs, quotes and
credits, deleted with it, each left theirs. ``restore_deleted()`` saves them back as they
were, which records a new version of each, so the restoration is itself in the history.
A restore is whole or refused: it brings back what the deletion took with it, and refuses a
record that points at one deleted since.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from .models import Article, Credit, Paragraph, Quote, Update

# Parts whose deletion was recorded this close to their owner's went with it (a cascade
# records some parts just before the owner, others just after).
DELETED_TOGETHER = datetime.timedelta(minutes=1)
#: What a deletion takes with it (``on_delete=CASCADE``), by model: the parts saved back with
#: it, each with its field pointing at the owner, in an order where each finds what it needs.
DELETED_WITH = {
    Article: [(Credit, "article"), (Update, "article"), (Paragraph, "article"), (Quote, "article")],
    Update: [(Paragraph, "update")],
}


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
    """Save a deleted record back, with the parts deleted with it (see ``DELETED_WITH``).

    Each row is checked as any save is; a row pointing at one deleted since, such as a quote
    of a deleted clipping, is refused with a ``ValidationError`` saying what to restore first.
    """
    model = record.instance_type
    if model._base_manager.filter(pk=record.instance.pk).exists():
        raise ValidationError(f"{_describe(record.instance)} exists already.")
    instance = record.instance
    _save_back(instance)
    if model is Article:
        instance.tags.set(_last_recorded_tags(record))
    for part, field in DELETED_WITH.get(model, []):
        for part_record in _parts_deleted_with(part, field, instance.pk, record.history_date):
            _save_back(part_record.instance)
    return instance


def _save_back(instance):
    _refuse_if_it_points_at_a_deleted_record(instance)
    instance.full_clean()
    instance.save(force_insert=True)


def _refuse_if_it_points_at_a_deleted_record(instance):
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if not field.many_to_one or value is None:
            continue
        target = field.related_model
        if target._base_manager.filter(pk=value).exists():
            continue
        opts = target._meta
        also = " (what was deleted with it comes back too)" if target in DELETED_WITH else ""
        raise ValidationError(
            f"{_describe(instance)} cannot be restored: its {field.verbose_name} "
            f"“{_last_known_name(target, value)}” was deleted. Restore the {opts.verbose_name} "
            f"first, from Deleted {opts.verbose_name_plural}{also}."
        )


def _last_known_name(model, pk):
    record = model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
    return record_name(record) if record else f"{model._meta.verbose_name.capitalize()} #{pk}"


def record_name(record):
    """The recorded row's name, or its kind and id where the name needs a row that is gone
    (a paragraph is named after its update, a quote after its speaker)."""
    name = _name(record.instance)
    return f"{_kind(record.instance)} #{record.instance.pk}" if name is None else name


def _describe(instance):
    """``Article “Its headline”``, or ``Paragraph #12`` where its name needs a row that is gone."""
    name = _name(instance)
    return f"{_kind(instance)} #{instance.pk}" if name is None else f"{_kind(instance)} “{name}”"


def _name(instance):
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return None


def _kind(instance):
    return instance._meta.verbose_name.capitalize()


def _parts_deleted_with(model, field, owner_id, deleted_at):
    """Deletion records of ``model`` rows of the owner, from its own deletion, in pk order."""
    rows = (
        deleted_records(model)
        .filter(
            **{model._meta.get_field(field).attname: owner_id},
            history_date__range=(deleted_at - DELETED_TOGETHER, deleted_at + DELETED_TOGETHER),
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
