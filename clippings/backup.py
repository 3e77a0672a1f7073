"""The archive's backup: every record someone made, as a JSON file that ``loaddata`` reads.

What it holds: the clippings and everything in them, their full history (including versions
of records deleted since, which name them by primary key), accounts, groups and their
permissions, and the admin's log of who changed what. Primary keys are kept, so a restored
archive has the same ids and its history still names the same records. References are
written as primary keys, except to permissions and content types: ``migrate`` creates those
under ids that differ from one database to the next, so they are named by natural key
(``["change_quote", "clippings", "quote"]``).

What it leaves out, because ``migrate`` recreates it, it is transient, or it is derived:
see ``LEFT_OUT``.

The file is written beside its target and renamed over it only once complete and on disk:
a failed backup leaves the previous one as it was. All tables are read in one transaction, so
the backup is one moment of the archive even while editors go on saving.
"""

import datetime
import os
import tempfile
from collections import Counter
from contextlib import contextmanager, suppress
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import Prefetch

#: Apps and models not backed up, and why.
LEFT_OUT = {
    "contenttypes": "recreated by migrate",
    "auth.permission": "recreated by migrate",
    "sessions": "logins in progress; restored accounts sign in again",
    "axes": "failed-login counts and lockouts, which expire after minutes",
    "clippings.speakernameword": "the words of speakers' names, written again as each "
    "speaker and alias is restored",
    "clippings.archivechange": "the archive's last change; the restore is a change of its own",
}
# Not listed: the search indexes, derived from the quotes, headlines and paragraphs (database
# triggers on SQLite) and no migrated tables (see clippings.routers, clippings.search_sql).

#: Models whose ids differ between databases: references to them are written by natural key.
NAMED_BY_NATURAL_KEY = (ContentType, Permission)

#: Rows fetched at a time, and prefetched many-to-many relations with them.
CHUNK_SIZE = 2000


def backed_up_models(using=DEFAULT_DB_ALIAS):
    """The models whose rows a backup holds, app by app in ``INSTALLED_APPS`` order."""
    return [
        model
        for app_config in apps.get_app_configs()
        if app_config.label not in LEFT_OUT
        for model in app_config.get_models()
        if model._meta.label_lower not in LEFT_OUT
        and model._meta.managed
        and not model._meta.proxy
        and router.allow_migrate_model(using, model)
    ]


def write_backup(stream, *, using=DEFAULT_DB_ALIAS):
    """Write the backup of database ``using`` to the text ``stream``; return rows per model."""
    counts = Counter()

    def rows():
        for model in backed_up_models(using):
            counts[model._meta.label_lower] = 0
            for row in rows_of(model, using).iterator(chunk_size=CHUNK_SIZE):
                counts[model._meta.label_lower] += 1
                yield row

    with one_moment(using):
        BackupSerializer().serialize(rows(), stream=stream, indent=1, cls=ExactJSONEncoder)
    return counts


def rows_of(model, using):
    """All of ``model``'s rows in primary key order, with the related rows they are written
    with fetched alongside (natural keys, many-to-many relations)."""
    rows = model._base_manager.using(using).order_by("pk")
    by_natural_key = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and issubclass(field.related_model, NAMED_BY_NATURAL_KEY)
    ]
    if by_natural_key:
        rows = rows.select_related(*by_natural_key)
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            related = field.related_model._base_manager.order_by("pk")
            if field.related_model is Permission:
                related = Permission.objects.select_related("content_type")
            rows = rows.prefetch_related(Prefetch(field.name, queryset=related))
    return rows


class PortableKeys:
    """References by primary key, except to models whose ids differ between databases."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = issubclass(field.related_model, NAMED_BY_NATURAL_KEY)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = issubclass(field.related_model, NAMED_BY_NATURAL_KEY)
        super().handle_m2m_field(obj, field)


class BackupSerializer(PortableKeys, JSONSerializer):
    """Django's JSON fixture format, references written as ``PortableKeys`` says."""


class BackupPythonSerializer(PortableKeys, PythonSerializer):
    """The same records as Python objects, values unconverted: for comparing archives."""


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond, as the database keeps them (Django's encoder stops at the
    millisecond, which would change every restored history date)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


@contextmanager
def one_moment(using):
    """Read every table as it stood at one moment, without holding up writers.

    PostgreSQL: a read-only repeatable-read transaction. SQLite: a deferred transaction, which
    in WAL mode reads one snapshot and takes no lock that editors' saves wait for (the
    IMMEDIATE transactions of ``atomic()`` in this project's settings would). Already inside a
    transaction, that transaction's view is the moment.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            if connection.connection.in_transaction:  # an error may have ended it
                connection.connection.rollback()
    else:
        with transaction.atomic(using=using):
            yield


@contextmanager
def replacing(path):
    """A text stream for a new ``path``: written to a temporary file beside it, which replaces
    ``path`` only once complete and on disk. Any error removes the temporary file and leaves
    ``path`` as it was (or absent)."""
    path = Path(path).absolute()
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
    )
    try:
        with open(descriptor, "w", encoding="utf-8") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    sync_directory(path.parent)


def sync_directory(directory):
    """Make a rename in ``directory`` durable (where the system allows it)."""
    with suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
