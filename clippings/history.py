"""Reading the history: deleted records, and a clipping's timeline.

Every save and delete of a tracked model leaves a historical record (django-simple-history).
A deleted clipping's last record holds its fields; its credits, updates, paragraphs and
quotes, deleted with it, each left theirs, all carrying the change reason of that one
deletion (``history_recording``). ``services.record_restore()`` saves them back.
"""

import dataclasses
import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import BinaryField
from django.utils.text import Truncator

from .models import Article, Capture, Credit, Paragraph, Quote, Update

#: What a deletion takes with it (``on_delete=CASCADE``), by model: the parts saved back with
#: it, each with its field pointing at the owner, in an order where each finds what it needs.
DELETED_WITH = {
    Article: [
        (Credit, "article"),
        (Update, "article"),
        (Paragraph, "article"),
        (Quote, "article"),
        (Capture, "article"),
    ],
    Update: [(Paragraph, "update"), (Capture, "update")],
}
# Deletions recorded before each carried its own change reason are told apart by time: parts
# whose deletion was recorded this close to their owner's went with it (a cascade records
# some parts just before the owner, others just after).
DELETED_TOGETHER = datetime.timedelta(minutes=1)


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


def records_deleted_with(record):
    """The deletion records of the parts (``DELETED_WITH``) that the deletion ``record``
    recorded took with it and that are still gone, in the order to save them back: by model
    as listed, then by primary key. A part deleted on its own, even a moment before, is not
    among them."""
    model = record.instance_type
    owner_id = getattr(record, model._meta.pk.attname)
    if record.history_change_reason:
        same_deletion = {"history_change_reason": record.history_change_reason}
    else:
        deleted_at = record.history_date
        same_deletion = {
            "history_change_reason__isnull": True,
            "history_date__range": (deleted_at - DELETED_TOGETHER, deleted_at + DELETED_TOGETHER),
        }
    for part, field in DELETED_WITH.get(model, []):
        rows = (
            deleted_records(part)
            .filter(**{part._meta.get_field(field).attname: owner_id}, **same_deletion)
            .order_by(part._meta.pk.attname, "-history_date")
        )
        seen = set()
        for row in rows:
            if row.id not in seen:
                seen.add(row.id)
                yield row


def last_recorded_tags(record):
    """The tags of the newest version of the article that recorded any."""
    while record is not None:
        tags = [row.tag_id for row in record.tags.all()]
        if tags:
            return tags
        record = record.prev_record
    return []


def last_known_name(model, pk):
    """The name of ``model`` row ``pk`` as its newest historical record has it."""
    record = model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
    return record_name(record) if record else f"{model._meta.verbose_name.capitalize()} #{pk}"


def record_name(record):
    """The recorded row's name, or its kind and id where the name needs a row that is gone
    (a paragraph is named after its update, a quote after its speaker)."""
    name = _name(record.instance)
    return f"{_kind(record.instance)} #{record.instance.pk}" if name is None else name


def describe(instance):
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


@dataclasses.dataclass
class TimelineEntry:
    """One save or deletion of a clipping or of one of its parts."""

    date: datetime.datetime
    user: object  # the user who saved it, or None for a save from code
    kind: str  # the model's verbose name
    name: str
    action: str  # "added", "changed" or "deleted"
    fields: list  # the names of the fields a change changed


#: How many of the latest saves the timeline shows.
TIMELINE_LENGTH = 300


def clipping_timeline(article, limit=TIMELINE_LENGTH):
    """What happened to ``article`` and its credits, updates, paragraphs and quotes, latest
    first: each save or deletion with who made it and when, and which fields a change changed.

    One query per kind of record; names come from the records themselves, so a part deleted
    since is named as it was.
    """
    histories = [(Article, Article.history.filter(id=article.pk))] + [
        (model, model.history.filter(**{f"{field}_id": article.pk}))
        for model, field in DELETED_WITH[Article]  # the clipping's parts
    ]
    entries = []
    for model, history in histories:
        blobs = [f.name for f in model._meta.concrete_fields if isinstance(f, BinaryField)]
        records = list(
            history.select_related("history_user").defer(*blobs).order_by("id", "history_id")
        )
        previous = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            entries.append(_timeline_entry(model, record, before))
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries[:limit]


def _timeline_entry(model, record, before):
    fields = []
    if record.history_type == "+":
        action = "added"
    elif record.history_type == "-":
        action = "deleted"
    else:
        action = "changed"
        if before is not None:
            m2m = [field.name for field in record._history_m2m_fields]
            changes = record.diff_against(before, excluded_fields=m2m).changes
            fields = [model._meta.get_field(change.field).verbose_name for change in changes]
    return TimelineEntry(
        date=record.history_date,
        user=record.history_user,
        kind=model._meta.verbose_name,
        name=_record_label(model, record),
        action=action,
        fields=fields,
    )


def _record_label(model, record):
    """A name read from the record alone: no query for a speaker or an update."""
    if model is Article:
        return record.headline
    if model is Credit:
        return record.name_as_printed or f"source #{record.source_id}"
    text = {Update: "label", Paragraph: "text", Quote: "words"}.get(model)
    if text is None:  # another kind of part, such as a fetched page: its own name
        return record_name(record)
    return f"{record.anchor}: {Truncator(getattr(record, text)).chars(70)}"
