"""A speaker is found under every spelling of their name, and near misses get suggestions."""

import pytest

from clippings.models import Quote, Speaker
from clippings.speaker_names import closest_names, matching_speaker_ids
from clippings.text import name_words

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
