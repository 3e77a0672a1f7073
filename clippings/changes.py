"""Every write to what public pages show starts a new generation of the archive.

Public pages are cached, and answered with 304 Not Modified, for as long as the archive has not
changed since they were rendered (``clippings.views.caching``). What says so is one row,
``ArchiveChange``: its token changes once each transaction that wrote to the archive commits
(at once for a write outside a transaction), so

- every server and every process sees the change on its next request, whatever cache it uses;
- a rolled-back transaction changes nothing, and neither does the token;
- a reader never sees a page rendered before the last committed change: a page is cached under
  the token read before it was rendered, which is already out of date when the change
  commits during the rendering.

What starts a new generation:

- ``save()`` and ``delete()`` of every model of the app, raw saves (``loaddata``) included,
  and changes to their many-to-many relations (an article's tags): the admin, its history
  reverts and restores, ``import_clippings``, ``load_missing``, ``clip``, the speaker merge
  and any code, through ``connect()``'s signals;
- ``archive_changed()``, called by writes that send no signals: ``rebuild_search_index``,
  with which ``generate_archive`` ends its bulk writes (and ends, should they fail);
- ``migrate`` (and ``flush``): a migration may change data, and a deployment runs it, so new
  templates and code are not hidden behind pages rendered by the old ones.

A write that sends no signal (``QuerySet.update()``, ``bulk_create()``, raw SQL) must call
``archive_changed()`` itself.

The same token lets a figure that reads the whole archive, but is the same on many pages (the
affiliations a filter offers), be worked out once a generation: ``for_this_generation()``.
"""

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


def archive_changed(using=DEFAULT_DB_ALIAS):
    """Start a new generation once the current transaction on ``using`` commits (at once
    outside one). However many writes a transaction makes, it starts one generation."""
    connection = connections[using]
    if not any(callback is _start_generation for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_start_generation, using=using)


def for_this_generation(name, compute):
    """``compute()``, worked out once while the archive does not change: kept in the cache
    under the token of the archive's last change (computed each time while none is recorded).
    ``compute`` must depend on nothing but the archive's public records."""
    from clippings.models import ArchiveChange

    token = ArchiveChange.objects.current()
    if token is None:
        return compute()
    return cache.get_or_set(f"archive-value.{token}.{name}", compute)


def _start_generation():
    # The archive, and so its last change, is in the default database.
    from clippings.models import ArchiveChange

    ArchiveChange.objects.record()


def connect(app_config):
    """Start a new generation on every write to a model of ``app_config`` (but the marker's
    own row), and on ``migrate``."""
    from clippings.models import ArchiveChange

    for model in app_config.get_models(include_auto_created=True):
        if model is ArchiveChange:
            continue
        post_save.connect(_saved, sender=model)
        post_delete.connect(_saved, sender=model)
        m2m_changed.connect(_related, sender=model)
    post_migrate.connect(_migrated, sender=app_config)


def _saved(using, **kwargs):
    archive_changed(using)


def _related(action, using, **kwargs):
    if action.startswith("post_"):
        archive_changed(using)


def _migrated(using, plan=None, **kwargs):
    from clippings.models import ArchiveChange

    connection = connections[using]
    if ArchiveChange._meta.db_table in connection.introspection.table_names():
        archive_changed(using)
