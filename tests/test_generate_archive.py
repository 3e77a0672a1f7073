"""``manage.py generate_archive`` fills an empty database with an archive of the sizes asked
for, which breaks no rule of the archive and is the same for the same seed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from clippings.models import (
    Article,
    Credit,
    Paragraph,
    Quote,
    Source,
    Speaker,
    SpeakerAlias,
    Tag,
    Update,
)
from clippings.speaker_names import matching_speaker_ids

SIZES = {
    "clippings": 12,
    "updates": 20,
    "paragraphs": 150,
    "quotes": 400,
    "speakers": 30,
    "aliases": 45,
    "sources": 8,
    "tags": 10,
}


def generate(seed=0, **sizes):
    options = {**SIZES, **sizes}
    call_command(
        "generate_archive",
        *(f"--{name}={value}" for name, value in options.items()),
        f"--seed={seed}",
        stdout=StringIO(),
        verbosity=0,
    )


def snapshot():
    """What a reader sees of the archive, in a fixed order."""
    return (
        list(Article.objects.order_by("pk").values_list("slug", "headline", "published_on")),
        list(Paragraph.objects.order_by("pk").values_list("article_id", "anchor", "text")),
        list(Quote.objects.order_by("pk").values_list("paragraph_id", "words", "speaker__name")),
        list(SpeakerAlias.objects.order_by("pk").values_list("speaker__slug", "name")),
    )


def test_generated_archive_passes_every_check_of_check_archive(db):
    generate()
    out = StringIO()
    call_command("check_archive", stdout=out)
    assert out.getvalue().strip() == "The archive has no problems."


def test_generated_archive_has_the_sizes_asked_for(db):
    generate()
    counts = {
        "clippings": Article.objects.count(),
        "updates": Update.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "quotes": Quote.objects.count(),
        "speakers": Speaker.objects.count(),
        "aliases": SpeakerAlias.objects.count(),
        "sources": Source.objects.count(),
        "tags": Tag.objects.count(),
    }
    assert counts == SIZES


def test_generated_archive_holds_rewritten_and_removed_paragraphs_and_credits(db):
    generate()
    rewritten = Paragraph.objects.filter(replaces__isnull=False)
    assert rewritten.exclude(text="").exists()
    assert rewritten.filter(text="").exists()
    assert Credit.objects.exists()
    assert Quote.objects.filter(intermediary__isnull=False).exists()


def test_generated_quotes_are_found_by_the_quote_search(db):
    generate()
    quote = Quote.objects.filter(kind="full").order_by("pk").first()
    word = max(quote.words.rstrip(".").split(), key=len)
    assert quote in Quote.objects.search(word)


def test_generated_speakers_are_found_by_every_name_and_alias(db, client):
    generate()
    public = Speaker.objects.public()
    for speaker in public.prefetch_related("aliases"):
        for name in [speaker.name, *(alias.name for alias in speaker.aliases.all())]:
            assert speaker.pk in matching_speaker_ids(name), name
    speaker = public.filter(quotes__isnull=False).order_by("pk").first()
    response = client.get(reverse("clippings:quote-search"), {"speaker": speaker.name})
    assert {quote.speaker for quote in response.context["object_list"]} == {speaker}


def empty_the_archive():
    for model in (Quote, Paragraph, Update, Credit, Article, SpeakerAlias, Speaker, Source, Tag):
        model.objects.all().delete()


def test_same_seed_gives_the_same_archive_and_another_seed_another(db):
    generate(seed=7)
    first = snapshot()
    empty_the_archive()
    generate(seed=7)
    assert snapshot() == first
    empty_the_archive()
    generate(seed=8)
    assert snapshot() != first


def test_generating_into_an_archive_that_has_clippings_is_refused(db):
    generate()
    with pytest.raises(CommandError, match="already holds an archive"):
        generate()


def test_sizes_that_cannot_be_met_are_refused(db):
    with pytest.raises(CommandError, match="at least as many quotes"):
        generate(quotes=10)
