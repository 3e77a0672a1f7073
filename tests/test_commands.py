"""``make run`` loads the first clipping with ``load_missing`` every time it starts."""

from django.core.management import call_command

from clippings.models import Article, Paragraph, Quote, Speaker


def test_load_missing_adds_the_clipping_to_an_empty_archive(db):
    call_command("load_missing", "karabakh-2016", verbosity=0)
    assert Article.objects.count() == 1
    assert Quote.objects.count() > 0


def test_load_missing_keeps_editors_changes_and_duplicates_nothing(karabakh):
    karabakh.headline = "Corrected headline"
    karabakh.save()
    counts = [model.objects.count() for model in (Article, Paragraph, Quote, Speaker)]
    call_command("load_missing", "karabakh-2016", verbosity=0)
    karabakh.refresh_from_db()
    assert karabakh.headline == "Corrected headline"
    assert [model.objects.count() for model in (Article, Paragraph, Quote, Speaker)] == counts


def test_load_missing_puts_back_only_what_was_deleted(karabakh):
    quote = Quote.objects.get(speaker__slug="john-kerry")
    quote.delete()
    call_command("load_missing", "karabakh-2016", verbosity=0)
    assert Quote.objects.filter(speaker__slug="john-kerry").count() == 1


def test_load_missing_records_each_record_it_adds_as_created_and_touches_no_other_history(
    karabakh,
):
    added = karabakh.history.get()
    assert added.history_type == "+"
    assert set(added.tags.values_list("tag_id", flat=True)) == set(
        karabakh.tags.values_list("pk", flat=True)
    )
    quote = Quote.objects.get(speaker__slug="john-kerry")
    quote.delete()
    recorded = {model: model.history.count() for model in (Article, Paragraph, Quote, Speaker)}

    call_command("load_missing", "karabakh-2016", verbosity=0)

    restored = Quote.objects.get(speaker__slug="john-kerry")
    assert restored.history.latest().history_type == "+"
    recorded[Quote] += 1
    assert {model: model.history.count() for model in recorded} == recorded
