"""Two editors, one record: a save from a page opened before someone else's save is held back.

A change page carries, in a hidden field, the version of the record it was opened on: for the
record and for each kind of part edited inline with it (an article's credits, updates,
paragraphs and quotes; a speaker's aliases), the newest history record and the number of
history records (django-simple-history keeps one per save and per deletion). When the page
is posted and the version has moved on, the form is refused, so nothing is saved, and the page
comes back with what the editor typed, a list of every record others added, changed or
deleted since, field by field, who and when, and the current version in the hidden field:
saving again then keeps what the page shows, on purpose. Rows of parts deleted since leave
the page, since they could never be saved again. A post without the field (a script) is not
checked.
"""

import dataclasses
import datetime
import itertools
import re

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import router, transaction
from django.db.models import Count, Max
from django.http import QueryDict
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_model_for_model

from clippings.admin_fields import is_key
from clippings.history_recording import is_tracked

#: The hidden field that carries the version a change page was opened on.
VERSION_FIELD = "opened_version"

#: How much of a long old or new value the list shows, around where the two differ.
SHOWN_CHARS = 400


@dataclasses.dataclass
class RecordChange:
    """What happened to one record since the page was opened."""

    kind: str  # the model's verbose name
    record: str
    action: str  # "added", "changed" or "deleted"
    users: list  # who saved it, in order; None for a save from code
    date: datetime.datetime  # the last save
    fields: list  # {"field", "old", "new"} for a change, already escaped


@dataclasses.dataclass
class EditConflict:
    """The changes saved since a page was opened.

    ``unexplained`` is set when the history moved in a way the list cannot show: a save that
    became visible only after the page was opened, or a version the page sent that is not one.
    """

    changes: list
    unexplained: bool = False

    def __bool__(self):
        return bool(self.changes) or self.unexplained


def inline_parts(model_admin):
    """(model, foreign key to the edited record) for each inline with a history."""
    parts = []
    for inline in model_admin.inlines:
        if not is_tracked(inline.model):
            continue
        if inline.fk_name:
            key = inline.model._meta.get_field(inline.fk_name)
        else:
            key = next(
                field
                for field in inline.model._meta.concrete_fields
                if field.many_to_one and field.related_model is model_admin.model
            )
        parts.append((inline.model, key))
    return parts


def version_of(obj, parts):
    """The version of ``obj`` and its ``parts`` as it stands now, as the page carries it."""
    return _encode(_marks(obj, parts))


def changes_since(obj, parts, opened):
    """The changes to ``obj`` and its ``parts`` saved after version ``opened``.

    Saves that changed nothing (a form saved as it was) are left out, so the result is empty,
    and false, when nothing a reader could see has changed.
    """
    histories = list(_histories(obj, parts))
    seen = _decode(opened)
    if seen is None or len(seen) != len(histories):
        return EditConflict([], unexplained=True)
    conflict = EditConflict([])
    for history, (last, count), (_, count_now) in zip(
        histories, seen, _marks(obj, parts), strict=True
    ):
        newer = list(
            history.filter(history_id__gt=last)
            .select_related("history_user")
            .order_by("history_id")
        )
        if count_now > count + len(newer):
            conflict.unexplained = True
        pk_name = history.model.instance_type._meta.pk.attname
        newer.sort(key=lambda record: (getattr(record, pk_name), record.history_id))
        for _, records in itertools.groupby(newer, key=lambda record: getattr(record, pk_name)):
            change = _record_change(list(records), last, pk_name)
            if change is not None:
                conflict.changes.append(change)
    return conflict


class VersionField(forms.CharField):
    """The version a page was opened on: never a change the editor made."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class VersionCheckedForm:
    """Form mixin: refuses a save from a page opened before the record last changed.

    ``edited_parts`` is set by ``EditConflictAdmin``. After a refusal, ``edit_conflict``
    holds what changed, and the hidden field the current version.
    """

    edited_parts = ()
    edit_conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = VersionField(required=False)
        if not self.is_bound and self.instance.pk is not None:
            self.initial[VERSION_FIELD] = version_of(self.instance, self.edited_parts)

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get(VERSION_FIELD)
        if opened and self.instance.pk is not None:
            _lock(self.instance)
            current = version_of(self.instance, self.edited_parts)
            if opened != current:
                conflict = changes_since(self.instance, self.edited_parts, opened)
                if conflict:
                    self.edit_conflict = conflict
                    self.add_error(None, _conflict_error(self.instance))
                    self.data = self.data.copy()
                    self.data[self.add_prefix(VERSION_FIELD)] = current
        return cleaned_data


class EditConflictAdmin:
    """ModelAdmin mixin: change pages carry their version and refuse a stale save."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        attrs = {"edited_parts": inline_parts(self), "__module__": form.__module__}
        return type(form)(form.__name__, (VersionCheckedForm, form), attrs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj is not None and "data" in kwargs and kwargs["data"].get(VERSION_FIELD):
            kwargs["data"] = without_deleted_rows(kwargs["data"], prefix, inline.model)
        return kwargs


def without_deleted_rows(data, prefix, model):
    """Formset ``data`` without its rows of ``model`` records deleted since the page was opened.

    Such a row could never be saved again; the conflict lists the deletion instead.
    """
    try:
        initial = int(data[f"{prefix}-INITIAL_FORMS"])
        total = int(data[f"{prefix}-TOTAL_FORMS"])
    except (KeyError, ValueError):
        return data
    pk_name = model._meta.pk.name
    posted = {}
    for index in range(min(initial, total)):
        value = data.get(f"{prefix}-{index}-{pk_name}")
        if is_key(model, value):  # not "abc", nor a number past the database's integers
            posted[index] = model._meta.pk.to_python(value)
    existing = set(
        model._base_manager.filter(
            pk__in=[pk for pk in posted.values() if pk is not None]
        ).values_list("pk", flat=True)
    )
    gone = {index for index, pk in posted.items() if pk is not None and pk not in existing}
    if not gone:
        return data
    renumbered = {old: new for new, old in enumerate(i for i in range(total) if i not in gone)}
    row_key = re.compile(rf"^{re.escape(prefix)}-(\d+)-(.+)$")
    rows = QueryDict(mutable=True)
    for key, values in data.lists():
        if match := row_key.match(key):
            index = int(match[1])
            if index in gone:
                continue
            if index in renumbered:
                key = f"{prefix}-{renumbered[index]}-{match[2]}"
        rows.setlist(key, values)
    rows[f"{prefix}-INITIAL_FORMS"] = str(initial - len(gone))
    rows[f"{prefix}-TOTAL_FORMS"] = str(total - len(gone))
    return rows


def _conflict_error(instance):
    name = instance._meta.verbose_name
    return ValidationError(
        f"Someone else saved changes to this {name} after you opened this page, so nothing "
        "you entered has been saved. Their changes are listed below. Save again to keep what "
        "this page shows: wherever it differs from their version, yours replaces theirs. Or "
        "open the current version to start again from theirs.",
        code="edit_conflict",
    )


def _histories(obj, parts):
    """The history records of ``obj``, then those of each kind of its parts."""
    model = obj._meta.concrete_model
    yield get_history_model_for_model(model).objects.filter(**{model._meta.pk.attname: obj.pk})
    for part, key in parts:
        parent = getattr(obj, key.target_field.attname)
        yield get_history_model_for_model(part).objects.filter(**{key.attname: parent})


def _marks(obj, parts):
    """(newest history id, number of history records) of each history."""
    marks = []
    for history in _histories(obj, parts):
        row = history.aggregate(last=Max("history_id"), count=Count("history_id"))
        marks.append((row["last"] or 0, row["count"]))
    return marks


def _encode(marks):
    return "-".join(f"{last}.{count}" for last, count in marks)


def _decode(version):
    """The marks ``_encode()`` wrote, or None for anything else."""
    try:
        marks = [tuple(int(n) for n in mark.split(".")) for mark in version.split("-")]
    except ValueError:
        return None
    return marks if all(len(mark) == 2 for mark in marks) else None


def _lock(instance):
    """Hold ``instance``'s row until the save commits, so two saves are checked in turn."""
    model = instance._meta.concrete_model
    using = router.db_for_write(model)
    if transaction.get_connection(using).in_atomic_block:
        rows = model._base_manager.using(using).filter(pk=instance.pk).order_by()
        list(rows.select_for_update().values_list("pk"))


def _record_change(records, last_seen, pk_name):
    """What ``records`` (one row's history records after ``last_seen``) did to it, if anything."""
    latest = records[-1]
    before = (
        type(latest)
        .objects.filter(**{pk_name: getattr(latest, pk_name)}, history_id__lte=last_seen)
        .order_by("-history_id")
        .first()
    )
    existed = before is not None and before.history_type != "-"
    exists = latest.history_type != "-"
    fields = []
    if existed and exists:
        delta = latest.diff_against(before, foreign_keys_are_objs=True)
        if not delta.changes:
            return None
        helper = HistoricalRecordContextHelper(
            latest.instance_type, latest, max_displayed_delta_change_chars=SHOWN_CHARS
        )
        fields = helper.context_for_delta_changes(delta)
        action = "changed"
    elif exists:
        action = "added"
    elif existed:
        action = "deleted"
    else:
        return None
    users = []
    for record in records:
        if record.history_user not in users:
            users.append(record.history_user)
    return RecordChange(
        kind=latest.instance_type._meta.verbose_name,
        record=_describe(latest),
        action=action,
        users=users,
        date=latest.history_date,
        fields=fields,
    )


def _describe(record):
    """The record as the admin names it, or its kind and id when that needs a deleted row."""
    try:
        return str(record.instance)
    except ObjectDoesNotExist:
        return f"{record.instance_type._meta.verbose_name} {record.instance.pk}"
