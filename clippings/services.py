"""Writes that touch several records at once: each atomic, each validated first."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .history import (
    DELETED_WITH,
    describe,
    last_known_name,
    last_recorded_tags,
    records_deleted_with,
)
from .models import Article, Quote, SpeakerAlias


@transaction.atomic
def speaker_merge(*, keep, merge):
    """Fold speaker ``merge`` into ``keep``: quotes, relayed quotes, names; then delete it.

    ``merge``'s name and aliases become aliases of ``keep``; ``keep``'s empty role,
    affiliation and Wikidata ID are filled from ``merge``. Refused, changing nothing, when
    the two are the same record, carry different Wikidata IDs (two real entities) or when a
    quote would end up relayed by its own speaker.
    """
    if keep.pk == merge.pk:
        raise ValidationError("Choose two different speakers to merge.")
    if keep.wikidata_id and merge.wikidata_id and keep.wikidata_id != merge.wikidata_id:
        raise ValidationError(
            f"{keep} ({keep.wikidata_id}) and {merge} ({merge.wikidata_id}) have different "
            "Wikidata IDs: they are different entities."
        )
    self_relayed = Quote.objects.filter(speaker=keep, intermediary=merge) | Quote.objects.filter(
        speaker=merge, intermediary=keep
    )
    if self_relayed.exists():
        raise ValidationError(
            f"{self_relayed.count()} quote(s) of one of them are relayed by the other; "
            "merging would make a speaker their own intermediary. Correct those quotes first."
        )

    for quote in Quote.objects.filter(speaker=merge):
        quote.speaker = keep
        quote.save(update_fields=["speaker"])
    for quote in Quote.objects.filter(intermediary=merge):
        quote.intermediary = keep
        quote.save(update_fields=["intermediary"])

    names = {keep.name, *keep.aliases.values_list("name", flat=True)}
    for alias in merge.aliases.all():
        if alias.name in names:
            alias.delete()
        else:
            alias.speaker = keep
            alias.save(update_fields=["speaker"])
            names.add(alias.name)
    if merge.name not in names:
        SpeakerAlias.objects.create(speaker=keep, name=merge.name)

    for field in ("role", "affiliation", "wikidata_id"):
        if not getattr(keep, field):
            setattr(keep, field, getattr(merge, field))
    merge.delete()
    keep.full_clean()
    keep.save()
    return keep


@transaction.atomic
def record_restore(*, record):
    """Save back the deleted row that the historical ``record`` recorded, with the parts that
    same deletion took with it (``history.records_deleted_with()``): a clipping with its
    credits, updates, paragraphs, quotes and tags, an update with its paragraphs.

    Each row is saved as it was, which records a new version of it, so the restoration is
    itself in the history. A restore is whole or refused: each row is checked as any save
    is, and a row pointing at one deleted since, such as a quote of a deleted clipping, is
    refused with a ``ValidationError`` saying what to restore first.
    """
    model = record.instance_type
    instance = record.instance
    if model._base_manager.filter(pk=instance.pk).exists():
        raise ValidationError(f"{describe(instance)} exists already.")
    _save_back(instance)
    if model is Article:
        instance.tags.set(last_recorded_tags(record))
    for part_record in records_deleted_with(record):
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
            f"{describe(instance)} cannot be restored: its {field.verbose_name} "
            f"“{last_known_name(target, value)}” was deleted. Restore the {opts.verbose_name} "
            f"first, from Deleted {opts.verbose_name_plural}{also}."
        )
