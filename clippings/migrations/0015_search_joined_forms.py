from django.db import migrations

from clippings.search_sql import REPLACED_INDEXES


def index_joined_forms(apps, schema_editor):
    """Both search indexes rebuilt with the joined forms of hyphenated words ("ceasefire" for
    "cease-fire") beside the words (``clippings.search_sql``): on SQLite FTS5 tables holding
    the text and the joined forms, filled from the tables; on PostgreSQL GIN indexes over the
    vector of the text and of its joined forms, in place of the old ones."""
    vendor = schema_editor.connection.vendor
    for old, new in REPLACED_INDEXES:
        for statement in [*old.drop.get(vendor, []), *new.create.get(vendor, [])]:
            schema_editor.execute(statement)


def index_words_only(apps, schema_editor):
    """The indexes of migrations 0003 and 0012 again, filled from the tables."""
    vendor = schema_editor.connection.vendor
    for old, new in REPLACED_INDEXES:
        for statement in [*new.drop.get(vendor, []), *old.create.get(vendor, [])]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("clippings", "0014_article_outlet"),
    ]

    operations = [
        migrations.RunPython(index_joined_forms, index_words_only),
    ]
