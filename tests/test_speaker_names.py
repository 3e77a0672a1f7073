"""A speaker is found under every spelling of their name, and near misses get suggestions."""

import pytest
from django.urls import reverse

from clippings.models import Article, Quote, Speaker, SpeakerAlias
from clippings.services import record_restore
from clippings.speaker_names import closest_names, matching_speaker_ids
from clippings.text import name_words

from .factories import ArticleFactory, QuoteFactory, SpeakerAliasFactory, SpeakerFactory
from .test_admin import change_url, field_data, submitted

# Every name the seed text gives each speaker, as printed, and the spellings people type.
NAMES_IN_THE_TEXT = {
    "azerbaijani-defence-ministry": [
        "Azeri Defense Ministry",
        "Azeri defense ministry",
        "Azerbaijani Defence Ministry",
        "azeri defence ministry",
        "the Azeri Defense Ministry",
    ],
    "government-of-azerbaijan": ["Baku"],
    "government-of-armenia": ["Armenia’s government", "Armenia's government"],
    "serzh-sarksyan": ["Serzh Sarksyan", "Sarksyan", "Sargsyan", "serzh sarkisian"],
    "nagorno-karabakh-defence-ministry": [
        "Nagorno-Karabakh’s military",
        "self-styled Nagorno-Karabakh Defence Ministry",
        "Nagorno Karabakh defense ministry",
    ],
    "vladimir-putin": ["Vladimir Putin", "Putin", "vladimir putin", "V. Putin"],
    "dmitry-peskov": ["Dmitry Peskov", "Peskov"],
    "frank-walter-steinmeier": ["Frank-Walter Steinmeier", "Steinmeier", "frank walter steinmeier"],
    "john-kerry": ["John Kerry", "Kerry"],
    "maria-titzian": ["Maria Titzian", "Titzian", "MARIA TITZIAN", "Mária Titzián"],
}


def test_name_words_fold_case_accents_and_punctuation():
    assert name_words("U.S. Secretary") == ["us", "secretary"]
    assert name_words("Nagorno-Karabakh’s military") == ["nagorno", "karabakh", "military"]
    assert name_words("Mária Titzián") == ["maria", "titzian"]


@pytest.mark.parametrize(
    ("slug", "name"), [(slug, name) for slug, names in NAMES_IN_THE_TEXT.items() for name in names]
)
def test_each_name_in_the_text_finds_exactly_its_speaker(karabakh, slug, name):
    found = set(
        Speaker.objects.filter(pk__in=matching_speaker_ids(name)).values_list("slug", flat=True)
    )
    assert found == {slug}


def test_every_speaker_of_the_fixture_is_covered_by_the_names_above(karabakh):
    quoted = set(Quote.objects.values_list("speaker__slug", flat=True))
    relaying = set(
        Quote.objects.exclude(intermediary=None).values_list("intermediary__slug", flat=True)
    )
    assert quoted | relaying == set(NAMES_IN_THE_TEXT)


def test_a_name_matching_nobody_finds_nobody(karabakh):
    assert matching_speaker_ids("Angela Merkel") == set()
    assert matching_speaker_ids("   ") == set()


def test_near_misses_get_the_closest_names(karabakh):
    assert closest_names("Vladimir Puttin")[0] == "Vladimir Putin"
    assert "Maria Titzian" in closest_names("Titsian")


# The names the search knows follow every way a name changes.

SEARCH = reverse("clippings:quote-search")


def speakers_found(client, name):
    """Slugs of the speakers whose quotes the quote search lists for the speaker ``name``."""
    response = client.get(SEARCH, {"speaker": name})
    assert response.status_code == 200
    return {quote.speaker.slug for quote in response.context["object_list"]}


def edit_speaker(admin_client, speaker, **changes):
    """Post the speaker's admin change page back with ``changes`` to its fields and inline."""
    url = change_url(speaker)
    data = submitted(admin_client.get(url))
    data.update(changes)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def test_speaker_renamed_in_the_admin_is_found_under_the_new_name_only(
    admin_client, client, karabakh
):
    edit_speaker(admin_client, Speaker.objects.get(slug="maria-titzian"), name="Marie Tizian")

    assert speakers_found(client, "Marie Tizian") == {"maria-titzian"}
    assert speakers_found(client, "Tizian") == {"maria-titzian"}
    assert speakers_found(client, "Titzian") == set()
    assert speakers_found(client, "Maria") == set()


def test_alias_added_in_the_admin_finds_its_speaker(admin_client, client, karabakh):
    titzian = Speaker.objects.get(slug="maria-titzian")
    assert speakers_found(client, "Yerevan lecturer") == set()

    edit_speaker(
        admin_client,
        titzian,
        **{"aliases-TOTAL_FORMS": "1", "aliases-0-name": "Yerevan lecturer"},
    )

    assert speakers_found(client, "Yerevan lecturer") == {"maria-titzian"}
    assert speakers_found(client, "yerevan") == {"maria-titzian"}


def test_alias_deleted_in_the_admin_no_longer_finds_its_speaker(admin_client, client, karabakh):
    sarksyan = Speaker.objects.get(slug="serzh-sarksyan")
    url = change_url(sarksyan)
    data = submitted(admin_client.get(url))
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("aliases-") and key.endswith("-name") and value == "Serzh Sarkisian"
    )
    data[f"aliases-{index}-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302

    assert speakers_found(client, "Sarkisian") == set()
    assert speakers_found(client, "Sargsyan") == {"serzh-sarksyan"}


def test_alias_moved_to_another_speaker_finds_that_speaker(client, karabakh):
    alias = SpeakerAlias.objects.get(name="Baku")
    alias.speaker = Speaker.objects.get(slug="government-of-armenia")
    alias.save()

    assert speakers_found(client, "Baku") == {"government-of-armenia"}


def test_speaker_rename_reverted_from_the_history_is_found_under_the_old_name_again(
    admin_client, client, karabakh
):
    titzian = Speaker.objects.get(slug="maria-titzian")
    edit_speaker(admin_client, titzian, name="Marie Tizian")
    first = titzian.history.earliest()
    url = reverse("admin:clippings_speaker_simple_history", args=[titzian.pk, first.history_id])
    data = {}
    for field in admin_client.get(url).context["adminform"].form:
        data.update(field_data(field))
    data.update({"aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"})
    assert admin_client.post(url, data).status_code == 302

    assert speakers_found(client, "Maria Titzian") == {"maria-titzian"}
    assert speakers_found(client, "Tizian") == set()


def test_deleted_alias_restored_from_the_history_finds_its_speaker_again(client, karabakh):
    SpeakerAlias.objects.get(name="Baku").delete()
    assert speakers_found(client, "Baku") == set()

    record_restore(record=SpeakerAlias.history.filter(history_type="-", name="Baku").get())

    assert speakers_found(client, "Baku") == {"government-of-azerbaijan"}


def test_speaker_quoted_only_in_drafts_is_neither_found_nor_suggested(client, karabakh):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    QuoteFactory(
        paragraph__article=draft, speaker=SpeakerFactory(name="Hidden Draftsman", slug="hidden")
    )

    assert speakers_found(client, "Hidden Draftsman") == set()
    assert matching_speaker_ids("Draftsman") == set()
    response = client.get(SEARCH, {"speaker": "Hiden Draftsman"})
    assert response.context["suggestions"] == []
    assert "Hidden Draftsman" not in response.content.decode()


def test_speaker_found_once_published(client, karabakh):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    QuoteFactory(
        paragraph__article=draft, speaker=SpeakerFactory(name="Hidden Draftsman", slug="hidden")
    )
    draft.status = Article.Status.PUBLISHED
    draft.save()

    assert speakers_found(client, "Draftsman") == {"hidden"}


def test_suggestions_name_each_spelling_once(karabakh):
    for number in range(3):
        speaker = SpeakerFactory(name=f"Ayse {number} Demir")
        SpeakerAliasFactory(speaker=speaker, name="Demir")
        QuoteFactory(speaker=speaker)

    suggestions = closest_names("Demirr")

    assert suggestions.count("Demir") == 1
    assert len(suggestions) == len(set(suggestions))


@pytest.mark.parametrize(
    ("name", "finds"),
    [
        ("Zoltan", True),
        ("zolt", True),  # the start of a word
        ("E. Strasse", True),  # an initial; accents and ß folded
        ("emile u", True),
        ("US envoy", True),  # a word of two letters, whole
        ("u.s. env", True),
        ("us envoys", False),  # a word longer than the name's
        ("zo", False),  # a word of two letters is not the start of a longer one
        ("em zoltan", False),
    ],
)
def test_a_new_speaker_is_found_by_prefix_initial_and_whole_short_word(karabakh, name, finds):
    speaker = SpeakerFactory(name="Émile Ü. Zoltán-Straße", slug="emile")
    SpeakerAliasFactory(speaker=speaker, name="U.S. Envoy")
    QuoteFactory(speaker=speaker)

    assert (matching_speaker_ids(name) == {speaker.pk}) is finds
