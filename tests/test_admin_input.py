"""Whatever a request posts to the admin, the answer is the form with its errors, never a 500.

Browsers send what the page holds; a hand-made request can send anything in the hidden
fields too: ids that are not numbers, numbers past the database's integers, a claim of a
hundred thousand inline rows.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clippings.models import Article, Credit, Paragraph, Quote
from tests.test_admin import change_url, submitted

pytestmark = pytest.mark.django_db

NOT_KEYS = ["abc", "99999999999999999999999", "-1", "1.5", "", "0x10"]
KEY_FIELDS = [
    "quotes-0-speaker",
    "quotes-0-intermediary",
    "quotes-0-channel_source",
    "quotes-0-paragraph",
    "quotes-0-id",
    "credits-0-source",
    "paragraphs-0-update",
    "tags",
]


@pytest.mark.parametrize("value", NOT_KEYS)
@pytest.mark.parametrize("field", KEY_FIELDS)
def test_an_id_that_cannot_be_a_record_is_a_form_error(admin_client, clipping, field, value):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["headline"] = "Not saved unless the form is valid"
    data[field] = value
    response = admin_client.post(url, data)
    assert response.status_code in (200, 302)
    clipping.refresh_from_db()
    if response.status_code == 200:
        assert clipping.headline != "Not saved unless the form is valid"
        assert response.context["errors"]


@pytest.mark.parametrize(("prefix", "model"), [("paragraphs", Paragraph), ("quotes", Quote)])
def test_a_claim_of_a_hundred_thousand_rows_is_refused_before_they_are_built(
    admin_client, clipping, prefix, model
):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["headline"] = "Not saved"
    data[f"{prefix}-TOTAL_FORMS"] = "100000"
    count = model.objects.count()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Add at most 50 new rows at a time" in response.content.decode()
    assert model.objects.count() == count
    assert Article.objects.get(pk=clipping.pk).headline != "Not saved"


def test_fifty_new_rows_are_still_accepted(admin_client, clipping):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    start = int(data["paragraphs-TOTAL_FORMS"])
    for number in range(start, start + 50):
        data[f"paragraphs-{number}-text"] = f"Paragraph number {number}."
        data[f"paragraphs-{number}-position"] = str(number)
        data[f"paragraphs-{number}-kind"] = "text"
    data["paragraphs-TOTAL_FORMS"] = str(start + 50)
    assert admin_client.post(url, data).status_code == 302
    assert clipping.paragraphs.count() == start + 50


values = st.one_of(
    st.sampled_from([*NOT_KEYS, "1", "2", "0", "-0", "1e9", "on", "true"]),
    st.integers().map(str),
    st.text(max_size=40),
    st.text(max_size=5).map(lambda text: f"{text}\x00"),
)


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_value_in_any_field_of_the_article_page_gets_the_form_back_or_a_valid_save(
    admin_client, clipping, data
):
    """Hidden fields included (management forms, row ids, the article's id in each row);
    whatever is saved leaves the archive without problems."""
    url = change_url(clipping)
    posted = submitted(admin_client.get(url))
    names = sorted(posted)  # a valid save can add rows: the names may change between examples
    picks = data.draw(st.dictionaries(st.integers(0, 10_000), values, min_size=1, max_size=4))
    changes = {names[index % len(names)]: value for index, value in picks.items()}
    posted.update(changes)
    response = admin_client.post(url, posted)
    assert response.status_code in (200, 302), (changes, response.status_code)
    if response.status_code == 302:
        call_command("check_archive", stdout=StringIO())


def test_a_second_credit_of_the_same_source_is_a_form_error_not_a_database_error(
    admin_client, clipping
):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    start = int(data["credits-TOTAL_FORMS"])
    data[f"credits-{start}-source"] = data["credits-0-source"]
    data[f"credits-{start}-position"] = "2"
    data["credits-TOTAL_FORMS"] = str(start + 1)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This article already credits this source." in response.content.decode()
    assert Credit.objects.filter(article=clipping).count() == start


def test_saved_rows_posted_as_new_ones_are_a_form_error(admin_client, clipping):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["credits-INITIAL_FORMS"] = "0"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert Credit.objects.filter(article=clipping).count() == 1
