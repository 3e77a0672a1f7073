from django.db import migrations

from clippings.search_sql import CLIPPING_TEXT_INDEX


def create_clipping_text_index(apps, schema_editor):
    """FTS5 tables over the headlines and paragraphs, and their triggers, filled from them; or
    PostgreSQL's GIN indexes (``clippings.search_sql``)."""
    for statement in CLIPPING_TEXT_INDEX.create.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_clipping_text_index(apps, schema_editor):
    for statement in CLIPPING_TEXT_INDEX.drop.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("clippings", "0011_archive_change_marker"),
    ]

    operations = [
        migrations.RunPython(create_clipping_text_index, drop_clipping_text_index),
    ]
