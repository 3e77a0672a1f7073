"""Merging two speaker records in the admin loses nothing and asks first."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clippings.models import Quote, Speaker, SpeakerAlias
from clippings.services import speaker_merge
from clippings.speaker_names import matching_speaker_ids

from .factories import QuoteFactory, SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:clippings_speaker_changelist")


@pytest.fixture
def duplicates():
    keep = SpeakerFactory(name="Serzh Sargsyan", role="President of Armenia", affiliation="")
    merge = SpeakerFactory(name="Serzh Sarksyan", role="", affiliation="Armenia", wikidata_id="")
    SpeakerAliasFactory(speaker=merge, name="Serzh Sarkisian")
    SpeakerAliasFactory(speaker=merge, name="Serzh Sargsyan")  # the kept record's own name
    QuoteFactory.create_batch(2, speaker=merge)
    QuoteFactory(speaker=keep)
    QuoteFactory(speaker=SpeakerFactory(), intermediary=merge)
    return keep, merge


def test_merge_moves_quotes_relayed_quotes_and_names(duplicates):
    keep, merge = duplicates
    speaker_merge(keep=keep, merge=merge)
    assert not Speaker.objects.filter(pk=merge.pk).exists()
    assert keep.quotes.count() == 3
    assert keep.relayed_quotes.count() == 1
    assert set(keep.aliases.values_list("name", flat=True)) == {"Serzh Sarksyan", "Serzh Sarkisian"}
    keep.refresh_from_db()
    assert (keep.role, keep.affiliation) == ("President of Armenia", "Armenia")


def test_merged_speaker_is_found_under_every_name_of_both_records(duplicates):
    keep, merge = duplicates
    speaker_merge(keep=keep, merge=merge)
    for name in ("Serzh Sargsyan", "Serzh Sarksyan", "Sarkisian", "serzh sarksyan"):
        assert matching_speaker_ids(name) == {keep.pk}, name


def test_merge_of_two_different_wikidata_entities_is_refused_and_changes_nothing(duplicates):
    keep, merge = duplicates
    Speaker.objects.filter(pk=keep.pk).update(wikidata_id="Q1")
    Speaker.objects.filter(pk=merge.pk).update(wikidata_id="Q2")
    keep.refresh_from_db()
    merge.refresh_from_db()
    with pytest.raises(ValidationError, match="different entities"):
        speaker_merge(keep=keep, merge=merge)
    assert merge.quotes.count() == 2
    assert SpeakerAlias.objects.filter(speaker=merge).count() == 2


def test_merge_that_would_make_a_speaker_relay_themselves_is_refused(duplicates):
    keep, merge = duplicates
    QuoteFactory(speaker=keep, intermediary=merge)
    with pytest.raises(ValidationError, match="their own intermediary"):
        speaker_merge(keep=keep, merge=merge)
    assert Speaker.objects.filter(pk=merge.pk).exists()


def test_admin_merge_action_asks_which_record_to_keep(admin_client, duplicates):
    keep, merge = duplicates
    response = admin_client.post(
        CHANGELIST, {"action": "merge_speakers", "_selected_action": [keep.pk, merge.pk]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keep which record?" in html
    assert "Serzh Sarkisian" in html
    assert Speaker.objects.filter(pk=merge.pk).exists()


def test_admin_merge_action_merges_after_confirmation(admin_client, duplicates):
    keep, merge = duplicates
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "merge_speakers",
            "_selected_action": [keep.pk, merge.pk],
            "confirm": "yes",
            "keep": merge.pk,
        },
        follow=True,
    )
    assert "Merged “Serzh Sargsyan” into “Serzh Sarksyan”." in response.content.decode()
    assert not Speaker.objects.filter(pk=keep.pk).exists()
    assert Quote.objects.filter(speaker=merge).count() == 3


def confirm_merge(admin_client, speakers, **data):
    ids = [speaker.pk for speaker in speakers]
    post = {"action": "merge_speakers", "_selected_action": ids, "confirm": "yes", **data}
    return admin_client.post(CHANGELIST, post)


@pytest.mark.parametrize("keep", [None, "not-a-speaker", "0"])
def test_admin_merge_without_a_valid_choice_asks_again_with_the_form_error(
    admin_client, duplicates, keep
):
    data = {} if keep is None else {"keep": keep}
    response = confirm_merge(admin_client, duplicates, **data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"keep": ["Choose the speaker to keep."]}
    assert "Choose the speaker to keep." in response.content.decode()
    assert Speaker.objects.filter(pk__in=[s.pk for s in duplicates]).count() == 2


def test_admin_merge_refused_by_the_archive_shows_why_on_the_form(admin_client, duplicates):
    keep, merge = duplicates
    Speaker.objects.filter(pk=keep.pk).update(wikidata_id="Q1")
    Speaker.objects.filter(pk=merge.pk).update(wikidata_id="Q2")
    response = confirm_merge(admin_client, duplicates, keep=keep.pk)
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert "different entities" in error
    assert "Keep which record?" in response.content.decode()
    assert merge.quotes.count() == 2


def test_admin_merge_action_needs_exactly_two_speakers(admin_client, duplicates):
    keep, _ = duplicates
    response = admin_client.post(
        CHANGELIST, {"action": "merge_speakers", "_selected_action": [keep.pk]}, follow=True
    )
    assert "Select exactly two speakers to merge." in response.content.decode()
