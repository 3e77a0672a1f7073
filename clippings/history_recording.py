"""What the history records beyond what django-simple-history records by itself.

django-simple-history records every ``save()`` and ``delete()`` of a tracked model through
Django's signals. Here, three additions, connected for the tracked models by ``connect()``:

- A raw save (``loaddata``) records nothing. django-simple-history already skips the raw
  ``post_save``; ``skip_history_when_saving``, its own switch, keeps it from recording the
  many-to-many relations loaddata sets afterwards (an article's tags) as an edit, so a
  restored backup brings back its history unchanged.
- ``record_creation()`` records rows saved raw as created, as a save would have, for
  ``load_missing``.
- Every record one deletion takes (an article with its credits, updates, paragraphs and
  quotes, the whole cascade) carries the same change reason naming that deletion, so a
  restore brings back exactly what went together (``history.records_deleted_with()``).
"""

import uuid

from django.db.models import Model
from django.db.models.signals import post_delete, pre_delete, pre_save
from simple_history.signals import post_create_historical_record
from simple_history.utils import get_history_manager_for_model

# The change reason of the deletion under way, kept on what ``delete()`` was called on.
_DELETION = "_deletion_change_reason"


def is_tracked(model):
    """Whether django-simple-history records ``model``'s history."""
    return hasattr(model._meta, "simple_history_manager_attribute")


def connect(models):
    for model in filter(is_tracked, models):
        pre_save.connect(skip_history_of_raw_save, sender=model)
        pre_delete.connect(mark_deletion, sender=model)
        post_delete.connect(end_deletion, sender=model)
        post_create_historical_record.connect(forget_deletion_reason, sender=model.history.model)


def skip_history_of_raw_save(instance, raw, **kwargs):
    if raw:
        instance.skip_history_when_saving = True


def mark_deletion(instance, origin=None, **kwargs):
    """Give ``instance`` the change reason of the ``delete()`` call deleting it (``origin``:
    the record or queryset it was called on), which every row that call deletes shares.
    Django sends ``pre_delete`` for all of them before any ``post_delete``, where
    django-simple-history records each deletion with the instance's ``_change_reason``."""
    if origin is None:
        return
    reason = getattr(origin, _DELETION, None)
    if reason is None:
        reason = _deletion_reason(origin)
        setattr(origin, _DELETION, reason)
    instance._change_reason = reason


def end_deletion(instance, origin=None, **kwargs):
    # All rows of this deletion have their reason: a later delete() of the same object or
    # queryset is another deletion.
    if origin is not None:
        origin.__dict__.pop(_DELETION, None)


def forget_deletion_reason(instance, history_instance, **kwargs):
    # A deleted instance saved again is a new change, not part of the deletion.
    if history_instance.history_type == "-":
        instance.__dict__.pop("_change_reason", None)


def _deletion_reason(origin):
    if isinstance(origin, Model):
        what = f"{origin._meta.verbose_name} #{origin.pk}"
    else:
        what = f"selected {origin.model._meta.verbose_name_plural}"
    return f"Deletion of {what[:50]} ({uuid.uuid4().hex})"


def record_creation(instances):
    """Record each of ``instances`` (of one tracked model, saved raw, so with no history yet)
    as created, with its many-to-many relations, as its first ``save()`` would have.

    django-simple-history's ``bulk_history_create()`` (what its ``populate_history`` runs)
    records the fields; it leaves out many-to-many relations, which are added here to each
    record as the library adds them on a save.
    """
    if not instances:
        return
    history = get_history_manager_for_model(type(instances[0]))
    records = history.bulk_history_create(instances, default_change_reason=None) or []
    record_of = {instance.pk: record for instance, record in zip(instances, records, strict=False)}
    for field in history.model._history_m2m_fields:
        through = field.remote_field.through
        recorded = getattr(history.model, field.name).model
        owner = field.m2m_field_name()
        relations = through.objects.filter(**{f"{owner}__in": list(record_of)})
        recorded.objects.bulk_create(
            recorded(
                history=record_of[getattr(row, f"{owner}_id")],
                **{f.attname: getattr(row, f.attname) for f in through._meta.fields},
            )
            for row in relations
        )
