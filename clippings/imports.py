"""Import clippings from fixture-format JSON, checking every object as the admin would.

``loaddata`` trusts its input: it saves rows raw, without ``full_clean()``, so a quote that
is not in its text or an update dated before its article goes straight in. ``import_clippings``
reads the same format (natural keys, no primary keys: what ``dumpdata --natural-foreign
--natural-primary clippings`` writes) through Django's deserializer, which resolves every
reference by natural key and finds the record a natural key already names. On top of it: a
check of each object's raw fields first (so a message names the field, and no lookup sees a
character the database refuses), the archive's rule for shared records, ``full_clean()`` and
a normal ``save()`` (anchors numbered, history recorded), all in one transaction: the first
bad object stops the import and the database is left as it was.
"""

import inspect
import json
import os
from dataclasses import dataclass, field

from django.apps import apps
from django.core import serializers
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import (
    DeserializationError,
    M2MDeserializationError,
    deserialize_m2m_values,
)
from django.db import DatabaseError, models, transaction
from django.template.defaultfilters import filesizeformat

from .roles import APP_LABEL, CLIPPING_MODELS
from .text import forbidden_character_message, normalise_line_breaks

#: Models whose records several clippings share: when one is already in the archive under
#: the same natural key, the import uses it as it is rather than refusing the file.
SHARED_MODELS = {"speaker", "speakeralias", "source", "tag"}
#: The largest file an import reads (README, "Importing"): hundreds of clippings.
MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportRefused(Exception):
    """The import was refused; the message names the file, the object and the field."""


@dataclass
class ImportResult:
    created: dict = field(default_factory=dict)  # model label -> count
    existing: dict = field(default_factory=dict)  # model label -> count (shared, reused)

    def count(self, bucket, label):
        bucket[label] = bucket.get(label, 0) + 1


def import_clippings(paths, *, using="default"):
    """Import every object of the JSON files at ``paths``, or nothing. Returns ImportResult."""
    result = ImportResult()
    with transaction.atomic(using=using):
        seen = {}  # (label, natural key) -> where it was first met in this import
        for path in paths:
            for index, entry in enumerate(_read(path), start=1):
                _import_entry(entry, f"{path}, item {index}", seen, result, using)
    return result


def _read(path):
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise ImportRefused(
                f"{path}: the file is {filesizeformat(size)}; an import reads at most "
                f"{filesizeformat(MAX_FILE_BYTES)} a file. Split it into several files."
            )
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except OSError as error:
        raise ImportRefused(f"{path}: cannot read the file: {error.strerror}.") from error
    except RecursionError as error:
        raise ImportRefused(f"{path}: not a fixture: its JSON is nested too deeply.") from error
    except UnicodeDecodeError as error:
        raise ImportRefused(f"{path}: not UTF-8 text: {error.reason}.") from error
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"{path}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
    if not isinstance(data, list):
        raise ImportRefused(
            f"{path}: expected a JSON list of objects, found {type(data).__name__}."
        )
    return data


def _refuse(where, obj_name, field_name, message):
    field_part = f"{field_name}: " if field_name else ""
    raise ImportRefused(f"{obj_name} ({where}): {field_part}{message}")


def _import_entry(entry, where, seen, result, using):
    model = _model_of(entry, where)
    fields = entry["fields"]
    name = _describe(model, fields)
    _check_fields(model, fields, where, name)
    try:
        (found,) = serializers.deserialize(
            "python", [entry], using=using, handle_forward_references=True
        )
    except ObjectDoesNotExist as error:  # the speaker, article or source of a natural key
        key_field = next(
            f
            for f in model._meta.fields
            if f.many_to_one and isinstance(error, getattr(model, f.name).RelatedObjectDoesNotExist)
        )
        value = fields.get(key_field.name)
        if value is None:
            _refuse(where, name, key_field.name, key_field.error_messages["null"])
        _refuse(where, name, key_field.name, _not_found(key_field, value, using))
    except DeserializationError as error:
        _refuse(where, name, None, f"cannot be read: {error}")
    # A reference Django cannot resolve yet is deferred, for save_deferred_fields() once the
    # whole file is in; an import takes only what the archive or earlier objects hold.
    for deferred, value in found.deferred_fields.items():
        _refuse(where, name, deferred.name, _not_found(deferred, value, using))

    instance, label = found.object, model._meta.label_lower
    numbered_on_save = hasattr(instance, "anchor") and not instance.anchor
    key = None if numbered_on_save else (label, instance.natural_key())
    if key in seen:
        message = f"appears twice in the file (first at {seen[key]})."
        _refuse(where, name, _key_field(model), message)
    if instance.pk is not None:  # the deserializer found a record under this natural key
        if model._meta.model_name not in SHARED_MODELS:
            _refuse(
                where,
                name,
                _key_field(model),
                "already in the archive under this key; choose another, "
                f"or edit the existing {model._meta.verbose_name} in the admin.",
            )
        seen[key] = where
        result.count(result.existing, label)
        return
    try:
        instance.full_clean(exclude=list(found.m2m_data))
    except ValidationError as error:
        _refuse(where, name, *_first_error(error))
    try:
        instance.save(using=using)  # not found.save(): a raw save skips the model's rules
    except DatabaseError as error:  # a rule only the database knows: refuse, never crash
        _refuse(where, name, None, f"the database refused it: {error}")
    for field_name, pks in found.m2m_data.items():
        getattr(instance, field_name).set(pks)
    seen[(label, instance.natural_key())] = where
    result.count(result.created, label)


def _model_of(entry, where):
    if not isinstance(entry, dict):
        _refuse(where, "item", None, "expected an object with “model” and “fields”.")
    label = entry.get("model")
    if not isinstance(label, str):
        _refuse(where, "item", "model", "missing; say which model, e.g. “clippings.quote”.")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        _refuse(where, label, "model", "no such model.")
    if model._meta.app_label != APP_LABEL or model._meta.model_name not in CLIPPING_MODELS:
        _refuse(
            where,
            label,
            "model",
            "only the archive's own records can be imported: "
            + ", ".join(f"{APP_LABEL}.{name}" for name in CLIPPING_MODELS)
            + ".",
        )
    if "pk" in entry:
        _refuse(
            where,
            label,
            "pk",
            "imports name objects by natural key; export with "
            "`dumpdata --natural-foreign --natural-primary`, which writes no pk.",
        )
    if not isinstance(entry.get("fields"), dict):
        _refuse(where, label, "fields", "missing; expected an object of field values.")
    return model


def _describe(model, fields):
    """How a message names the object: model label and, where the file gives it, its key."""
    label = model._meta.label_lower
    if "slug" in fields:
        return f"{label} “{fields['slug']}”"
    article, anchor = fields.get("article"), fields.get("anchor")
    if isinstance(article, list) and article and anchor:
        return f"{label} “{article[0]}#{anchor}”"
    speaker, name = fields.get("speaker"), fields.get("name")
    if model._meta.model_name == "speakeralias" and isinstance(speaker, list) and speaker:
        return f"{label} “{speaker[0]}: {name}”"
    if model._meta.model_name == "credit" and isinstance(article, list) and article:
        source = fields.get("source")
        return f"{label} “{article[0]} credits {source[0] if source else '?'}”"
    return label


def _check_fields(model, fields, where, name):
    """Refuse, naming the field, what the deserializer would take for something else (a
    number where a natural key belongs is a primary key to it) or refuse without saying
    which field: unknown fields, forbidden characters, values of the wrong kind."""
    known = {f.name: f for f in model._meta.get_fields() if f.concrete and not f.auto_created}
    for field_name, value in fields.items():
        model_field = known.get(field_name)
        if model_field is None:
            _refuse(where, name, field_name, f"{model._meta.label_lower} has no such field.")
        if message := _text_problem(value):
            _refuse(where, name, field_name, message)
        if model_field.many_to_many and not isinstance(value, list):
            _refuse(where, name, field_name, "expected a list of natural keys.")
        if model_field.is_relation:
            keys = value if model_field.many_to_many else [] if value is None else [value]
            for key in keys:
                if message := _natural_key_problem(model_field.related_model, key):
                    _refuse(where, name, field_name, message)
        else:
            _check_value(model_field, value, where, name)


def _text_problem(value):
    """Why a value of the file cannot be stored as text, or "" (also inside natural keys)."""
    if isinstance(value, list):
        return next((message for item in value if (message := _text_problem(item))), "")
    if not isinstance(value, str):
        return ""
    # As the models read it: line breaks become line feeds before the check.
    return forbidden_character_message(normalise_line_breaks(value))


def _natural_key_problem(related_model, value):
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(part, str) and part for part in value)
    ):
        return (
            f"expected the natural key of a {related_model._meta.verbose_name}, "
            f'e.g. ["its-slug"], found {json.dumps(value)}.'
        )
    manager = related_model._default_manager
    if len(value) != len(inspect.signature(manager.get_by_natural_key).parameters):
        return _no_such(related_model, value)  # the deserializer: a TypeError naming no field
    return ""


def _not_found(key_field, value, using):
    if key_field.many_to_many:  # the deserializer defers the whole list: name the key at fault
        try:
            deserialize_m2m_values(key_field, value, using, handle_forward_references=False)
        except M2MDeserializationError as error:
            value = error.pk
    return _no_such(key_field.related_model, value)


def _no_such(model, value):
    return (
        f"no {model._meta.verbose_name} {json.dumps(value)} in the archive or earlier in the file."
    )


def _check_value(model_field, value, where, name):
    """Refuse a plain field's value that is not of its kind, in words saying what was meant."""
    if isinstance(value, dict | list):
        _refuse(where, name, model_field.name, f"expected a single value, found {_kind(value)}.")
    if isinstance(model_field, models.CharField | models.TextField) and not isinstance(value, str):
        _refuse(where, name, model_field.name, f"expected text, found {_kind(value)}.")
    try:
        model_field.to_python(value)
    except ValidationError as error:
        _refuse(where, name, model_field.name, " ".join(error.messages))
    except (TypeError, ValueError, OverflowError):
        example = {"DateField": "“2016-04-03”", "DateTimeField": "“2016-04-03T12:00:00Z”"}.get(
            model_field.get_internal_type(), "a value of the field's type"
        )
        _refuse(where, name, model_field.name, f"expected {example}, found {_kind(value)}.")


def _kind(value):
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return {dict: "an object", list: "a list", str: "text"}.get(type(value), "a number")


def _key_field(model):
    names = {f.name for f in model._meta.fields}
    for candidate in ("slug", "anchor", "name", "source"):
        if candidate in names:
            return candidate
    return None


def _first_error(error):
    """(field name, message) of a ValidationError, the field first if it names one."""
    if hasattr(error, "error_dict"):
        field_name, errors = next(iter(error.error_dict.items()))
        messages = [message for e in errors for message in e.messages]
        return (None if field_name == NON_FIELD_ERRORS else field_name), " ".join(messages)
    return None, " ".join(error.messages)


__all__ = ["ImportRefused", "ImportResult", "import_clippings"]
