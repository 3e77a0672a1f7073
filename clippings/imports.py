"""Import clippings from fixture-format JSON, checking every object as the admin would.

``loaddata`` trusts its input: it saves rows raw, without ``full_clean()``, so a quote that
is not in its text or an update dated before its article goes straight in. ``import_clippings``
reads the same format (natural keys, no primary keys: what ``dumpdata --natural-foreign
--natural-primary clippings`` writes), resolves every reference by natural key, runs
``full_clean()`` on each object once what it depends on is saved, and does it all in one
transaction: the first bad object stops the import and the database is left as it was.
"""

import json
import os
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import DatabaseError, models, transaction
from django.template.defaultfilters import filesizeformat

from .roles import CLIPPING_MODELS
from .text import forbidden_character_message

APP_LABEL = "clippings"
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
        seen = {}  # (label, natural key) -> where it was first created in this import
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


def _resolve(related_model, value, using):
    """The ``related_model`` row a natural key names, or a sentence saying why not."""
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(part, str) and part for part in value)
    ):
        return None, (
            f"expected the natural key of a {related_model._meta.verbose_name}, "
            f'e.g. ["its-slug"], found {json.dumps(value)}.'
        )
    manager = related_model._default_manager.db_manager(using)
    try:
        return manager.get_by_natural_key(*value), None
    except (ObjectDoesNotExist, TypeError):
        return None, (
            f"no {related_model._meta.verbose_name} {json.dumps(value)} in the archive "
            "or earlier in the file."
        )


def _import_entry(entry, where, seen, result, using):
    model = _model_of(entry, where)
    fields = entry["fields"]
    name = _describe(model, fields)
    opts = model._meta
    concrete = {f.name: f for f in opts.get_fields() if f.concrete and not f.auto_created}
    unknown = sorted(set(fields) - set(concrete))
    if unknown:
        _refuse(where, name, unknown[0], f"{opts.label_lower} has no such field.")

    values, many = {}, {}
    for field_name, value in fields.items():
        model_field = concrete[field_name]
        if message := _text_problem(value):
            _refuse(where, name, field_name, message)
        if model_field.many_to_many:
            if not isinstance(value, list):
                _refuse(where, name, field_name, "expected a list of natural keys.")
            many[field_name] = []
            for item in value:
                related, error = _resolve(model_field.related_model, item, using)
                if error:
                    _refuse(where, name, field_name, error)
                many[field_name].append(related)
        elif model_field.is_relation:
            if value is None:
                values[field_name] = None
                continue
            related, error = _resolve(model_field.related_model, value, using)
            if error:
                _refuse(where, name, field_name, error)
            values[field_name] = related
        else:
            values[model_field.attname] = _value(model_field, value, where, name)

    instance = model(**values)
    key = _natural_key(instance)
    label = opts.label_lower
    if key is not None:
        if (label, key) in seen:
            _refuse(
                where,
                name,
                _key_field(model),
                f"appears twice in the file (first at {seen[(label, key)]}).",
            )
        existing = _existing(model, key, using)
        if existing is not None:
            if opts.model_name in SHARED_MODELS:
                seen[(label, key)] = where
                result.count(result.existing, label)
                return
            _refuse(
                where,
                name,
                _key_field(model),
                "already in the archive under this key; choose another, "
                f"or edit the existing {opts.verbose_name} in the admin.",
            )
    try:
        instance.full_clean(exclude=list(many))
    except ValidationError as error:
        _refuse(where, name, *_first_error(error))
    try:
        with transaction.atomic(using=using):
            instance.save(using=using)
    except DatabaseError as error:  # a rule only the database knows: refuse, never crash
        _refuse(where, name, None, f"the database refused it: {error}")
    for field_name, related in many.items():
        getattr(instance, field_name).set(related)
    seen[(label, _natural_key(instance))] = where
    result.count(result.created, label)


def _text_problem(value):
    """Why a value of the file cannot be stored as text, or "" (also inside natural keys)."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, list):
            if message := _text_problem(text):
                return message
        elif isinstance(text, str) and (message := forbidden_character_message(text)):
            return message
    return ""


def _value(model_field, value, where, name):
    """The Python value of a plain field, or a refusal naming what was expected."""
    if isinstance(value, dict | list):
        _refuse(where, name, model_field.name, f"expected a single value, found {_kind(value)}.")
    if isinstance(model_field, models.CharField | models.TextField) and not isinstance(value, str):
        _refuse(where, name, model_field.name, f"expected text, found {_kind(value)}.")
    try:
        return model_field.to_python(value)
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


def _natural_key(instance):
    if not hasattr(instance, "natural_key"):
        return None
    if "anchor" in {f.name for f in instance._meta.fields} and not instance.anchor:
        return None  # numbered on save: cannot clash with anything yet
    try:
        return tuple(instance.natural_key())
    except ObjectDoesNotExist:
        return None  # a missing foreign key: full_clean names it


def _key_field(model):
    names = {f.name for f in model._meta.fields}
    for candidate in ("slug", "anchor", "name", "source"):
        if candidate in names:
            return candidate
    return None


def _existing(model, key, using):
    try:
        return model._default_manager.db_manager(using).get_by_natural_key(*key)
    except model.DoesNotExist:
        return None


def _first_error(error):
    """(field name, message) of a ValidationError, the field first if it names one."""
    if hasattr(error, "error_dict"):
        field_name, errors = next(iter(error.error_dict.items()))
        messages = [message for e in errors for message in e.messages]
        return (None if field_name == NON_FIELD_ERRORS else field_name), " ".join(messages)
    return None, " ".join(error.messages)


__all__ = ["ImportRefused", "ImportResult", "import_clippings"]
