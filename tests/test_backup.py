"""`manage.py backup` writes the whole archive, history included, as edited in a newsroom, and
`loaddata` of that file into an empty database gives back the identical archive."""

import json
import os
import tempfile
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection
from django.db.models import Field, Max
from django.urls import reverse

from clippings.backup import BackupPythonSerializer, backed_up_models, rows_of
from clippings.capture.captures import capture_record
from clippings.capture.warc import read_response
from clippings.models import Article, Capture, Paragraph, Quote, Speaker, Tag
from clippings.search import search_index_problems
from clippings.search_sql import INDEXES
from clippings.services import record_restore, speaker_merge
from clippings.speaker_names import matching_speaker_ids

from . import factories
from .test_admin import field_data
from .test_speaker_names import NAMES_IN_THE_TEXT

# `flush` empties every table, as on a new server; PostgreSQL refuses to do that inside the
# transaction an ordinary test runs in.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def forget_content_types_made_by_the_flush():
    """``flush`` recreates content types under new ids, which the test's rollback then
    removes: later tests must not reuse them from ContentType's cache."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def newsroom_archive(karabakh, admin_client):
    """The fixture clipping after the life an archive has: edits from the admin and from code,
    a revert, its outlet named, a clipping deleted and restored, two speaker records merged, a
    quote and then its paragraph deleted; accounts in groups, one with a permission of its
    own."""
    call_command("setup_roles", verbosity=0)
    editor = User.objects.create_user(username="editor", password="not-used", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    editor.user_permissions.add(Permission.objects.get(codename="view_logentry"))

    kerry = Speaker.objects.get(slug="john-kerry")
    speaker_url = reverse("admin:clippings_speaker_change", args=[kerry.pk])
    form = admin_client.get(speaker_url).context["adminform"].form
    data = {"aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"}
    for field in form:
        data.update(field_data(field))
    data["role"] = "Former U.S. Secretary of State"
    assert admin_client.post(speaker_url, data).status_code == 302

    karabakh.headline = "A wrong headline"
    karabakh.save()
    first = karabakh.history.earliest()
    revert_url = reverse(
        "admin:clippings_article_simple_history", args=[karabakh.pk, first.history_id]
    )
    data = {}
    for field in admin_client.get(revert_url).context["adminform"].form:
        data.update(field_data(field))
    assert admin_client.post(revert_url, data).status_code == 302

    karabakh.refresh_from_db()
    karabakh.outlet = factories.SourceFactory(name="Asbarez", slug="asbarez", kind="website")
    karabakh.save()
    karabakh.delete()
    restored = record_restore(record=Article.history.filter(history_type="-").get())

    duplicate = Speaker.objects.create(name="Jon Kerry", slug="jon-kerry", kind=kerry.kind)
    quote = kerry.quotes.get()
    quote.speaker = duplicate
    quote.save()
    speaker_merge(keep=kerry, merge=duplicate)

    quote = Quote.objects.get(article=restored, anchor="q6")
    paragraph = quote.paragraph
    quote.delete()
    paragraph.delete()
    return restored


def archive_records():
    """Every row a backup holds, with its exact values, by model."""
    serializer = BackupPythonSerializer()
    return {
        model._meta.label_lower: serializer.serialize(rows_of(model, DEFAULT_DB_ALIAS))
        for model in backed_up_models()
    }


def restore(backup):
    """Empty the database, as a new one is, and load ``backup`` into it."""
    call_command("flush", interactive=False, verbosity=0)
    assert not Quote.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)


def test_backup_of_an_edited_archive_restores_every_record_identically(newsroom_archive, tmp_path):
    before = archive_records()
    quote_history = [row["fields"] for row in before["clippings.historicalquote"]]
    paragraphs = set(Paragraph.objects.values_list("pk", flat=True))
    speakers = set(Speaker.objects.values_list("pk", flat=True))
    assert {row["paragraph"] for row in quote_history} - paragraphs, "a deleted paragraph"
    assert {row["speaker"] for row in quote_history} - speakers, "a merged-away speaker"
    assert before["admin.logentry"], "the admin logged its edits"

    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    restore(tmp_path / "backup.json")

    after = archive_records()
    assert list(after) == list(before)
    for label in before:
        assert after[label] == before[label], label
    assert Article.objects.get().outlet.slug == "asbarez"


def test_backup_restores_fetched_pages_with_their_warc_files(newsroom_archive, tmp_path):
    capture = capture_record(article=newsroom_archive, page=factories.fetched_page())
    before = archive_records()

    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    restore(tmp_path / "backup.json")

    assert archive_records()["clippings.capture"] == before["clippings.capture"]
    assert archive_records()["clippings.historicalcapture"] == before["clippings.historicalcapture"]
    restored = Capture.objects.get()
    assert bytes(restored.warc) == bytes(capture.warc)
    assert read_response(bytes(restored.warc))[3] == factories.fetched_page().body
    out = StringIO()
    call_command("check_archive", stdout=out)
    assert out.getvalue() == "The archive has no problems.\n"


def test_restored_archive_passes_check_archive_and_finds_quotes_and_clippings(
    newsroom_archive, client, tmp_path
):
    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    restore(tmp_path / "backup.json")
    out = StringIO()
    call_command("check_archive", stdout=out)
    assert out.getvalue() == "The archive has no problems.\n"
    assert search_index_problems() == []
    assert Quote.objects.search("Karabakh").exists()
    found = client.get(reverse("clippings:article-list"), {"q": "Karabakh casualties"})
    assert [article.slug for article in found.context["object_list"]] == [newsroom_archive.slug]
    editor = User.objects.get(username="editor")
    assert editor.has_perm("clippings.change_quote")
    assert editor.has_perm("admin.view_logentry")


def test_restored_archive_finds_each_speaker_under_every_name(newsroom_archive, tmp_path):
    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    restore(tmp_path / "backup.json")
    for slug, names in {**NAMES_IN_THE_TEXT, "john-kerry": ["John Kerry", "Jon Kerry"]}.items():
        speaker = Speaker.objects.get(slug=slug)
        for name in names:
            assert matching_speaker_ids(name) == {speaker.pk}, name


def test_records_added_after_a_restore_get_new_ids(newsroom_archive, client, tmp_path):
    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    restore(tmp_path / "backup.json")
    highest = {
        model: model._base_manager.aggregate(highest=Max("pk"))["highest"]
        for model in (Tag, Tag.history.model, LogEntry, Article.history.model)
    }
    editor = User.objects.get(username="editor")
    client.force_login(editor)
    response = client.post(
        reverse("admin:clippings_tag_add"), {"name": "Ceasefire", "slug": "ceasefire"}
    )
    assert response.status_code == 302
    tag = Tag.objects.get(slug="ceasefire")
    newsroom_archive.tags.add(tag)
    editor.groups.add(Group.objects.create(name="Night desk"))

    assert tag.pk > highest[Tag]
    assert tag.history.get().pk > highest[Tag.history.model]
    assert LogEntry.objects.get(object_id=str(tag.pk)).pk > highest[LogEntry]
    assert newsroom_archive.history.latest().pk > highest[Article.history.model]
    assert set(editor.groups.values_list("name", flat=True)) == {"Editor", "Night desk"}


def test_backup_holds_every_table_but_those_migrate_recreates_and_transient_ones():
    backed_up = set()
    for model in backed_up_models():
        backed_up.add(model._meta.db_table)
        backed_up.update(field.m2m_db_table() for field in model._meta.many_to_many)
    left_out = set(connection.introspection.table_names()) - backed_up
    search_tables = tuple(table for index in INDEXES for table in index.fts_tables)
    left_out = {table for table in left_out if not table.startswith(search_tables)}
    assert left_out == {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "django_session",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accessfailurelog",
        "axes_accesslog",
        "clippings_speakernameword",
        "clippings_archivechange",
    }


def test_backup_names_permissions_and_content_types_by_natural_key(newsroom_archive, tmp_path):
    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    records = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    editor = next(
        r
        for r in records
        if r["model"] == "auth.user" and r["pk"] == User.objects.get(username="editor").pk
    )
    assert editor["fields"]["user_permissions"] == [["view_logentry", "admin", "logentry"]]
    assert editor["fields"]["groups"] == [Group.objects.get(name="Editor").pk]
    entry = next(r for r in records if r["model"] == "admin.logentry")
    assert entry["fields"]["content_type"] == ["clippings", "speaker"]
    quote = next(r for r in records if r["model"] == "clippings.quote")
    assert quote["fields"]["speaker"] == Quote.objects.get(pk=quote["pk"]).speaker_id


def test_backup_reports_rows_per_model_and_size(karabakh, tmp_path):
    out = StringIO()
    call_command("backup", str(tmp_path / "backup.json"), stdout=out)
    lines = out.getvalue().splitlines()
    assert f"clippings.quote: {Quote.objects.count()}" in lines
    assert "auth.user: 0" in lines
    size = (tmp_path / "backup.json").stat().st_size
    assert lines[-1].startswith("Backed up ")
    assert lines[-1].endswith(f"records to {tmp_path / 'backup.json'} ({size:,} bytes).")


def test_backup_to_standard_output_holds_the_same_records(karabakh, tmp_path):
    out = StringIO()
    call_command("backup", "-", stdout=out, stderr=StringIO())
    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    assert json.loads(out.getvalue()) == json.loads(
        (tmp_path / "backup.json").read_text(encoding="utf-8")
    )


def test_failed_backup_leaves_the_previous_one_intact_and_no_temporary_file(
    karabakh, tmp_path, monkeypatch
):
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup), verbosity=0)
    previous = backup.read_bytes()
    karabakh.headline = "Changed since the last backup"
    karabakh.save()
    partly_written = []
    value_from_object = Field.value_from_object

    def connection_lost_at_the_quotes(field, obj):
        if isinstance(obj, Quote.history.model):
            partly_written.extend(
                path.stat().st_size for path in tmp_path.iterdir() if path != backup
            )
            raise OperationalError("server closed the connection unexpectedly")
        return value_from_object(field, obj)

    monkeypatch.setattr(Field, "value_from_object", connection_lost_at_the_quotes)
    with pytest.raises(OperationalError):
        call_command("backup", str(backup), verbosity=0)

    assert partly_written
    assert partly_written[0] > 0
    assert backup.read_bytes() == previous
    assert list(tmp_path.iterdir()) == [backup]


def test_failed_first_backup_leaves_no_file(karabakh, tmp_path, monkeypatch):
    def disk_full(descriptor):
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    assert list(tmp_path.iterdir()) == []


def test_backup_where_the_account_may_not_write_is_refused_with_the_reason(
    db, tmp_path, monkeypatch
):
    def permission_denied(**kwargs):
        raise PermissionError(13, os.strerror(13), str(kwargs["dir"]))

    monkeypatch.setattr(tempfile, "mkstemp", permission_denied)
    with pytest.raises(CommandError, match=r"backup\.json: Permission denied\. Any earlier backup"):
        call_command("backup", str(tmp_path / "backup.json"))


def test_backup_to_a_missing_directory_or_onto_a_directory_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match=r"there is no directory .*missing"):
        call_command("backup", str(tmp_path / "missing" / "backup.json"))
    with pytest.raises(CommandError, match="is a directory: name the backup file"):
        call_command("backup", str(tmp_path))
    assert list(tmp_path.iterdir()) == []
