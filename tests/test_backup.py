"""A backup made as the README says restores to the same records in an empty database."""

import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from clippings.models import Quote
from clippings.search import search_index_problems, search_quotes

# `flush` empties every table, as on a new server; PostgreSQL refuses to do that inside the
# transaction an ordinary test runs in.
pytestmark = pytest.mark.django_db(transaction=True)

#: The README's backup command: natural foreign keys, primary keys kept, so that history
#: records and admin links still name the same rows after a restore.
BACKUP_ARGS = [
    "--natural-foreign",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--exclude=admin.logentry",
]


def dump():
    out = StringIO()
    call_command("dumpdata", *BACKUP_ARGS, stdout=out)
    return [same_instants(entry) for entry in json.loads(out.getvalue())]


def same_instants(entry):
    """The entry with its history date as an instant: Django's JSON writes a time with under a
    millisecond past the second as "…:39.000Z" and, once loaded back, as "…:39Z"."""
    if "history_date" in entry["fields"]:
        date = datetime.datetime.fromisoformat(entry["fields"]["history_date"])
        entry["fields"]["history_date"] = date
    return entry


def is_history(entry):
    return entry["model"].startswith("clippings.historical")


def back_up_and_restore(tmp_path):
    """(records before, records after) a backup, a flush and a restore from the file."""
    backup = tmp_path / "backup.json"
    call_command("dumpdata", *BACKUP_ARGS, output=str(backup))
    before = [same_instants(entry) for entry in json.loads(backup.read_text(encoding="utf-8"))]
    call_command("flush", interactive=False, verbosity=0)
    assert not Quote.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)
    return before, dump()


@pytest.fixture(autouse=True)
def forget_content_types_made_by_the_flush():
    """``flush`` recreates content types under new ids, which the test's rollback then
    removes: later tests must not reuse them from ContentType's cache."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def archive(karabakh):
    call_command("setup_roles", verbosity=0)
    editor = User.objects.create_user(username="editor", password="not-used", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    return karabakh


def test_backup_restored_into_an_empty_database_gives_back_identical_records(archive, tmp_path):
    before, after = back_up_and_restore(tmp_path)
    assert {entry["model"] for entry in before} >= {
        "clippings.article",
        "clippings.quote",
        "clippings.speaker",
        "auth.group",
        "auth.user",
    }
    assert [e for e in after if not is_history(e)] == [e for e in before if not is_history(e)]
    assert list(Group.objects.get(name="Editor").user_set.values_list("username", flat=True)) == [
        "editor"
    ]


def test_restored_archive_is_searchable_and_passes_check_archive(archive, tmp_path):
    back_up_and_restore(tmp_path)
    assert search_index_problems() == []
    assert search_quotes(Quote.objects.all(), "Karabakh").exists()
    call_command("check_archive", stdout=StringIO())


def test_backup_restores_the_history_records_unchanged(archive, tmp_path):
    before, after = back_up_and_restore(tmp_path)
    assert [e for e in after if is_history(e)] == [e for e in before if is_history(e)]
