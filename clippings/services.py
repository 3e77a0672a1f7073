"""Writes that touch several records at once: each atomic, each validated first."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Quote, SpeakerAlias


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
