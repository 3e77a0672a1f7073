"""The first clipping's fixture is faithful to the seed text it was clipped from.

Always to the repository's copy of the seed (``fixtures/seed/``); to the shared copy beside
the repository as well, where there is one.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from clippings.models import Article, Paragraph, Quote, Source, Speaker, SpeakerAlias, Tag, Update
from clippings.text import comparable

SEED = Path(settings.BASE_DIR) / "fixtures" / "seed" / "karabakh-2016-04-03.txt"
SHARED_SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / SEED.name
#: The copies of the seed the fixture is compared with: the repository's always, and the shared
#: one beside the repository as well where there is one.
SEED_COPIES = {"repository": SEED} | ({"shared": SHARED_SEED} if SHARED_SEED.exists() else {})

UPDATE_LINE = re.compile(r"^(Update (?P<weekday>\w+) (?P<date>\d\d/\d\d/\d{4})):$")
COMMENTS_LINE = re.compile(r"^(?P<count>\d+) thoughts? on “(?P<headline>.*)”$")
QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")

# Who speaks each quoted passage of the seed, as the writer attributes it.
SPEAKER_OF_PASSAGE = {
    "has decided to unilaterally cease": "azerbaijani-defence-ministry",
    "strengthen the defense of the liberated": "azerbaijani-defence-ministry",
    "liberated strategic heights": "azerbaijani-defence-ministry",
    "Six Armenian tanks": "azerbaijani-defence-ministry",
    "to exercise restraint": "vladimir-putin",
    "to immediately stop fighting": "frank-walter-steinmeier",
    "an ultimate resolution": "john-kerry",
    "Karabakh army conducts": "nagorno-karabakh-defence-ministry",
    "the information about the downed helicopter": "azerbaijani-defence-ministry",
    "For the past 20 months": "maria-titzian",
    "derail the peace process": "maria-titzian",
    "This corner of the world": "maria-titzian",
    "I think it's time": "maria-titzian",
}


def read_seed(path):
    """Split the seed the way its writer laid it out."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    seed = {"filed_under": lines[0], "headline": lines[1], "original": [], "update": []}
    section = seed["original"]
    for line in lines[2:]:
        if match := UPDATE_LINE.match(line):
            seed["update_label"] = match.group(1)
            seed["update_weekday"] = match.group("weekday")
            seed["update_date"] = match.group("date")
            section = seed["update"]
        elif line.startswith("Sources:"):
            seed["sources"] = [name.strip() for name in line.removeprefix("Sources:").split(",")]
            section = None
        elif match := COMMENTS_LINE.match(line):
            seed["comment_count"] = int(match.group("count"))
            seed["comments_headline"] = match.group("headline")
        elif line == "Comments are closed.":
            seed["comments_closed"] = True
        else:
            assert section is not None, f"unexpected line after the sources: {line!r}"
            section.append(line.removeprefix("•").strip())
    return seed


def quoted_passages(text):
    """Every passage the text puts inside quotation marks, trailing commas dropped."""
    return [(typographic or straight).rstrip(",") for typographic, straight in QUOTED.findall(text)]


@pytest.fixture(params=list(SEED_COPIES))
def seed_path(request):
    return SEED_COPIES[request.param]


@pytest.fixture
def seed(seed_path):
    return read_seed(seed_path)


def test_fixture_keeps_headline_keyword_line_and_normalised_tags(karabakh, seed):
    assert karabakh.headline == seed["headline"] == seed["comments_headline"]
    assert karabakh.filed_under_as_printed == seed["filed_under"]
    # The keyword line is a list of tags; "nagorno -karabakh" is one tag with a stray space.
    normalised = re.sub(r"\s+-", "-", seed["filed_under"]).split()
    assert sorted(karabakh.tags.values_list("name", flat=True)) == sorted(normalised)
    assert "nagorno-karabakh" in normalised


def test_fixture_has_every_paragraph_of_original_post_in_order(karabakh, seed):
    texts = list(karabakh.paragraphs.original_post().values_list("text", flat=True))
    assert texts == seed["original"]


def test_fixture_has_every_paragraph_of_update_in_order(karabakh, seed):
    update = karabakh.updates.get()
    assert list(update.paragraphs.values_list("text", flat=True)) == seed["update"]
    assert karabakh.paragraphs.count() == len(seed["original"]) + len(seed["update"])


def test_update_date_is_read_day_first_as_its_writer_prints_it(karabakh, seed):
    update = karabakh.updates.get()
    assert update.label == seed["update_label"]
    assert update.published_on == datetime.datetime.strptime(seed["update_date"], "%d/%m/%Y").date()
    assert update.published_on.strftime("%A") == seed["update_weekday"]


def test_original_post_date_is_marked_inferred_because_text_does_not_print_it(karabakh):
    assert karabakh.published_on_is_inferred
    assert karabakh.published_on_note
    assert karabakh.published_on <= karabakh.updates.get().published_on


def test_outlet_is_left_unknown_because_the_text_does_not_name_it(karabakh, seed):
    """The text credits its sources but never says which outlet published the story."""
    assert karabakh.outlet is None
    assert karabakh.credits.count() == len(seed["sources"])


def test_related_link_and_lost_embed_are_kept_as_what_they_are(karabakh):
    related = karabakh.paragraphs.get(kind=Paragraph.Kind.RELATED_LINK)
    assert re.match(r"Read:\s", related.text)
    embed = karabakh.paragraphs.get(kind=Paragraph.Kind.EMBED)
    assert "Twitter Account" in embed.text
    assert not embed.quotes.exists()


def test_every_quoted_passage_is_a_quote_with_the_right_speaker(karabakh, seed):
    passages_seen = 0
    for paragraph in karabakh.paragraphs.filter(kind=Paragraph.Kind.TEXT):
        quotes = {
            comparable(quote.words).rstrip(","): quote.speaker.slug
            for quote in paragraph.quotes.exclude(kind=Quote.Kind.REPORTED).select_related(
                "speaker"
            )
        }
        passages = quoted_passages(paragraph.text)
        assert sorted(quotes) == sorted(comparable(passage) for passage in passages), (
            paragraph.anchor
        )
        for passage in passages:
            expected = next(
                slug for start, slug in SPEAKER_OF_PASSAGE.items() if passage.startswith(start)
            )
            assert quotes[comparable(passage)] == expected, passage
            passages_seen += 1
    all_passages = [p for text in seed["original"] + seed["update"] for p in quoted_passages(text)]
    # The embed's scare quotes (“Government’s”) are the only quotation marks that quote nobody.
    assert passages_seen == len(all_passages) - 1 == len(SPEAKER_OF_PASSAGE)


def test_reported_speech_is_attributed_without_quotation_marks(karabakh):
    figures = Quote.objects.get(kind=Quote.Kind.REPORTED, words__contains="18 were killed")
    assert figures.speaker.name == "Serzh Sarksyan"
    assert figures.channel == Quote.Channel.MEETING
    assert "“" not in figures.words
    assert '"' not in figures.words


def test_relayed_quote_names_speaker_intermediary_and_channel(karabakh):
    quote = Quote.objects.get(words__startswith="to exercise restraint")
    assert quote.speaker.name == "Vladimir Putin"
    assert quote.intermediary.name == "Dmitry Peskov"
    assert quote.channel == Quote.Channel.NEWS_AGENCY
    assert quote.channel_source.name == "Interfax"


def test_relative_days_resolve_against_the_dated_update(karabakh):
    sunday = karabakh.updates.get().published_on
    kerry = Quote.objects.get(speaker__slug="john-kerry")
    assert kerry.said_on_as_printed == "On Wednesday"
    assert kerry.said_on.strftime("%A") == "Wednesday"
    assert datetime.timedelta(days=1) <= sunday - kerry.said_on < datetime.timedelta(days=7)
    saturday = Quote.objects.get(words__startswith="liberated strategic heights")
    assert saturday.said_on == sunday - datetime.timedelta(days=1)


def test_one_ministry_printed_four_ways_is_one_speaker(karabakh):
    ministry = Speaker.objects.get(slug="azerbaijani-defence-ministry")
    printed = set(ministry.quotes.values_list("speaker_as_printed", flat=True))
    assert {
        "The Azeri Defense Ministry",
        "The Azeri defense ministry",
        "The Azerbaijani Defence Ministry",
        "The ministry",
    } <= printed
    aliases = set(ministry.aliases.values_list("name", flat=True))
    assert {"Azeri Defense Ministry", "Azeri defense ministry", "Azerbaijani Defence Ministry"} <= (
        aliases
    )


def test_speaker_names_as_printed_are_in_the_text(karabakh, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    for quote in Quote.objects.exclude(speaker_as_printed=""):
        assert quote.speaker_as_printed in text, quote.speaker_as_printed


def test_credited_sources_keep_their_printed_names_in_order(karabakh, seed):
    printed = [credit.name_as_printed for credit in karabakh.credits.all()]
    assert printed == seed["sources"]
    assert karabakh.credits.get(name_as_printed="Aljazeera").source.name == "Al Jazeera"


def test_comment_metadata_matches_the_footer(karabakh, seed):
    assert karabakh.comment_count == seed["comment_count"]
    assert karabakh.comments_closed is seed["comments_closed"]


def test_every_fixture_record_passes_model_validation(karabakh):
    for model in (Article, Update, Paragraph, Quote, Speaker, SpeakerAlias, Source, Tag):
        for obj in model.objects.all():
            obj.full_clean()


def test_loading_fixture_twice_changes_nothing(karabakh, tmp_path):
    models = (Article, Update, Paragraph, Quote, Speaker, SpeakerAlias, Source, Tag)
    before = {model: model.objects.count() for model in models}
    first = tmp_path / "first.json"
    call_command("dumpdata", "clippings", output=str(first), verbosity=0)
    call_command("loaddata", "karabakh-2016", verbosity=0)
    second = tmp_path / "second.json"
    call_command("dumpdata", "clippings", output=str(second), verbosity=0)
    assert {model: model.objects.count() for model in models} == before
    assert first.read_text() == second.read_text()
