from django.db import migrations, models

from clippings.quote_dates import refresh_quote_dates


def store_quote_dates(apps, schema_editor):
    Quote = apps.get_model("clippings", "Quote")
    refresh_quote_dates(Quote.objects.using(schema_editor.connection.alias).all())


class Migration(migrations.Migration):
    dependencies = [
        ("clippings", "0015_search_joined_forms"),
    ]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="dated_on",
            field=models.DateField(
                editable=False,
                help_text="When the words were said or, where the clipping does not say, printed: kept in step with them (clippings.quote_dates).",
                null=True,
                verbose_name="date",
            ),
        ),
        migrations.RunPython(store_quote_dates, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["dated_on", "id"], name="quote_date_order"),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["speaker", "dated_on"], name="quote_speaker_date"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "published_on"], name="article_published_order"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "clipped_at"], name="article_clipped_order"),
        ),
    ]
