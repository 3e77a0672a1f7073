"""The admin is the editors' whole workspace: pages, inlines, rules, search, query counts."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clippings.capture.captures import capture_record
from clippings.models import Article, Credit, Paragraph, Quote, Speaker, Update
from tests.factories import (
    ArticleFactory,
    CreditFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TagFactory,
    UpdateFactory,
    fetched_page,
)

REGISTERED_MODELS = list(admin.site._registry)
CLIPPINGS_MODELS = [model for model in REGISTERED_MODELS if model._meta.app_label == "clippings"]


def label(model):
    return model._meta.label


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def change_url(obj):
    return admin_url(type(obj), "change", obj.pk)


def urls_of(model_admin, obj):
    """Every named URL ``model_admin`` serves, for ``obj`` where the URL names an object.

    The one URL with two unnamed parts is a past version's page: the object's latest one.
    """
    for pattern in model_admin.get_urls():
        if not pattern.name:
            continue
        regex = pattern.pattern.regex
        if regex.groupindex:
            kwargs = dict.fromkeys(regex.groupindex, obj.pk)
            if "capture_id" in kwargs:  # a fetched page of the clipping
                kwargs["capture_id"] = obj.captures.first().pk
            yield reverse(f"admin:{pattern.name}", kwargs=kwargs)
        elif regex.groups == 2:
            version = obj.history.latest().history_id
            yield reverse(f"admin:{pattern.name}", args=[obj.pk, version])
        else:
            yield reverse(f"admin:{pattern.name}", args=[obj.pk] * regex.groups)


def submitted(response):
    """The POST data a browser sends back, unchanged, from the admin form in ``response``."""
    forms_on_page = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms_on_page += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms_on_page:
        for field in form:
            data.update(field_data(field))
    return data


def field_data(bound_field):
    name, value = bound_field.html_name, bound_field.value()
    widget = bound_field.field.widget
    widget = getattr(widget, "widget", widget)  # the admin wraps related-object selects
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    if isinstance(widget, forms.MultiWidget):
        # A form sent back with errors holds the parts as they were posted.
        parts = value if isinstance(value, list) else widget.decompress(value)
        return {f"{name}_{i}": "" if part is None else str(part) for i, part in enumerate(parts)}
    if value is None:
        return {}
    if isinstance(value, list | tuple):
        return {name: [str(item) for item in value]}
    return {name: str(value)}


def inline_formset(response, model):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is model
    )


def offered(formfield):
    """The primary keys a select offers, as strings, without its empty choice."""
    return {str(value) for value, _ in formfield.choices if value != ""}


def add_clippings(count):
    """``count`` clippings, each with its own update, paragraphs, quote, speakers and sources."""
    for _ in range(count):
        update = UpdateFactory(published_on=datetime.date(2016, 4, 3))
        article = update.article
        ParagraphFactory(article=article, update=update)
        speaker = SpeakerAliasFactory().speaker
        QuoteFactory(
            paragraph=ParagraphFactory(article=article),
            speaker=speaker,
            intermediary=SpeakerFactory(),
            channel_source=SourceFactory(),
        )
        CreditFactory(article=article)
        article.tags.add(TagFactory())


# Who may see the admin


@pytest.fixture
def one_of_each(clipping, django_user_model):
    """A row of every model the admin edits, so that change URLs name real objects."""
    Group.objects.create(name="Editors")
    django_user_model.objects.create_user(username="editor", password="not-used")
    capture_record(article=clipping, page=fetched_page())


@pytest.mark.usefixtures("one_of_each")
@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=label)
def test_anonymous_user_is_redirected_to_login_from_every_admin_url_of_a_model(client, model):
    obj = model._default_manager.first()
    assert obj is not None, f"Create a {label(model)} in one_of_each to check its change URLs."
    urls = [
        reverse("admin:index"),
        reverse("admin:app_list", args=[model._meta.app_label]),
        *urls_of(admin.site._registry[model], obj),
    ]

    for url in urls:
        response = client.get(url)

        assert response.status_code == 302, url
        redirect = urlsplit(response.url)
        assert redirect.path == reverse("admin:login"), url
        assert parse_qs(redirect.query)["next"] == [url]


@pytest.mark.usefixtures("one_of_each")
@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=label)
def test_staff_user_can_open_every_admin_page_of_a_model(admin_client, model):
    obj = model._default_manager.first()

    for url in urls_of(admin.site._registry[model], obj):
        response = admin_client.get(url)

        assert response.status_code == 200, url


# The article page


def test_article_change_page_shows_credits_updates_paragraphs_and_quotes_inline(
    admin_client, clipping
):
    response = admin_client.get(change_url(clipping))

    assert response.status_code == 200
    shown = {
        inline.formset.model: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert shown == {
        Credit: 1,
        Update: 1,
        Paragraph: 2,
        Quote: 1,
    }
    assert "liberated heights" in response.text
    anchors = [p.anchor for p in clipping.paragraphs.all()]
    assert anchors == ["p1", "p2"]
    assert all(anchor in response.text for anchor in anchors)


def test_article_change_page_offers_only_the_articles_own_updates_and_paragraphs(
    admin_client, clipping
):
    elsewhere = UpdateFactory()
    ParagraphFactory(article=elsewhere.article, update=elsewhere)

    response = admin_client.get(change_url(clipping))

    paragraph_form = inline_formset(response, Paragraph).forms[0]
    assert offered(paragraph_form.fields["update"]) == {
        str(pk) for pk in clipping.updates.values_list("pk", flat=True)
    }
    anchors = [anchor for anchor, _ in response.context["paragraph_anchors"]["options"]]
    assert sorted(anchors) == sorted(clipping.paragraphs.values_list("anchor", flat=True))


def test_article_change_page_reads_paragraphs_as_often_for_many_quotes_as_for_one(
    admin_client, clipping
):
    url = change_url(clipping)
    admin_client.get(url)

    def paragraph_queries():
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(url)
        # PostgreSQL names each server-side cursor afresh; the statement after it is what counts.
        return [
            re.sub(r'^DECLARE "\w+" NO SCROLL CURSOR FOR ', "", q["sql"])
            for q in queries
            if "clippings_paragraph" in q["sql"]
        ]

    with_one_quote = paragraph_queries()
    for paragraph in clipping.paragraphs.all():
        QuoteFactory(paragraph=paragraph, words="Fighting stopped")
        ParagraphFactory(article=clipping)

    assert paragraph_queries() == with_one_quote


def test_article_add_page_saves_the_article_with_an_update_and_a_paragraph(admin_client):
    url = admin_url(Article, "add")
    data = submitted(admin_client.get(url))
    data.update(
        {
            "headline": "Ceasefire announced",
            "slug": "ceasefire-announced",
            "status": Article.Status.DRAFT,
            "published_on": "2016-04-03",
            "updates-TOTAL_FORMS": "1",
            "updates-0-label": "Update Monday 04/04/2016",
            "updates-0-published_on": "2016-04-04",
            "paragraphs-TOTAL_FORMS": "1",
            "paragraphs-0-position": "1",
            "paragraphs-0-kind": Paragraph.Kind.TEXT,
            "paragraphs-0-text": "Azerbaijan announced it had halted combat operations.",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="ceasefire-announced")
    assert [(u.label, u.anchor) for u in article.updates.all()] == [
        ("Update Monday 04/04/2016", "update-1")
    ]
    paragraph = article.paragraphs.get()
    assert (paragraph.update, paragraph.anchor) == (None, "p1")


def test_article_add_page_offers_quotes_as_the_change_page_does(admin_client, clipping):
    adding = admin_client.get(admin_url(Article, "add"))
    changing = admin_client.get(change_url(clipping))

    assert inline_formset(adding, Quote).max_num > 0
    assert inline_formset(changing, Quote).max_num > 0


def test_article_saved_unchanged_from_its_change_page_stays_the_same(admin_client, clipping):
    url = change_url(clipping)

    response = admin_client.post(url, submitted(admin_client.get(url)))

    assert response.status_code == 302, response.context["errors"]
    assert Quote.objects.get().words == "liberated heights"


def test_view_on_site_links_a_published_article_but_not_a_draft(admin_client):
    published = ArticleFactory(status=Article.Status.PUBLISHED)
    draft = ArticleFactory(status=Article.Status.DRAFT)

    assert admin_client.get(change_url(published)).context["absolute_url"] == (
        published.get_absolute_url()
    )
    assert not admin_client.get(change_url(draft)).context["has_absolute_url"]


def test_editor_sets_the_outlet_that_published_the_clipping(admin_client, clipping):
    outlet = SourceFactory(name="Asbarez", slug="asbarez", kind="website")
    url = change_url(clipping)
    page = admin_client.get(url)
    assert "outlet" in page.context["adminform"].form.fields
    data = submitted(page)
    data["outlet"] = str(outlet.pk)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    clipping.refresh_from_db()
    assert clipping.outlet == outlet
    assert clipping.history.latest().outlet_id == outlet.pk


def test_outlet_autocomplete_finds_sources_by_name(admin_client, clipping):
    SourceFactory(name="Asbarez", slug="asbarez", kind="website")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "asba", "app_label": "clippings", "model_name": "article", "field_name": "outlet"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Asbarez"]


def test_outlet_that_does_not_exist_is_a_field_error_and_nothing_is_saved(admin_client, clipping):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["headline"] = "A headline that must not be saved"
    data["outlet"] = "987654"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["outlet"]
    assert "Select a valid choice" in errors["outlet"][0]
    clipping.refresh_from_db()
    assert clipping.outlet is None
    assert clipping.headline == "Karabakh clashes continue"


def test_view_on_site_of_a_quote_opens_its_permalink(admin_client, clipping):
    quote = Quote.objects.get()
    response = admin_client.get(change_url(quote))
    assert response.context["absolute_url"] == f"/quotes/{quote.pk}/"


# Model rules as field errors


def test_quote_whose_words_are_not_in_its_paragraph_is_a_field_error_and_nothing_is_saved(
    admin_client, clipping
):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["headline"] = "A headline that must not be saved"
    data["quotes-0-words"] = "words the paragraph does not print"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    quote_form = inline_formset(response, Quote).forms[0]
    assert "do not appear verbatim in paragraph p1" in quote_form.errors["words"][0]
    clipping.refresh_from_db()
    assert clipping.headline == "Karabakh clashes continue"
    assert Quote.objects.get().words == "liberated heights"


def test_paragraph_edited_so_a_quote_no_longer_appears_is_a_field_error(admin_client, clipping):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["paragraphs-0-text"] = "The defence ministry said nothing."

    response = admin_client.post(url, data)

    assert response.status_code == 200
    paragraph_form = inline_formset(response, Paragraph).forms[0]
    assert "“liberated heights”" in paragraph_form.errors["text"][0]


def test_update_dated_before_its_article_is_a_field_error_on_the_change_page(
    admin_client, clipping
):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["updates-0-published_on"] = "2016-04-01"

    response = admin_client.post(url, data)

    update_form = inline_formset(response, Update).forms[0]
    assert update_form.errors["published_on"] == [
        "An update cannot predate its article, first published on 02 April 2016."
    ]
    assert clipping.updates.get().published_on == datetime.date(2016, 4, 3)


def test_update_dated_before_its_article_is_a_field_error_on_the_add_page(admin_client):
    url = admin_url(Article, "add")
    data = submitted(admin_client.get(url))
    data.update(
        {
            "headline": "Ceasefire announced",
            "slug": "ceasefire-announced",
            "status": Article.Status.DRAFT,
            "published_on": "2016-04-03",
            "updates-TOTAL_FORMS": "1",
            "updates-0-label": "Update Saturday",
            "updates-0-published_on": "2016-04-02",
        }
    )

    response = admin_client.post(url, data)

    update_form = inline_formset(response, Update).forms[0]
    assert update_form.errors["published_on"] == [
        "An update cannot predate its article, first published on 03 April 2016."
    ]
    assert not Article.objects.exists()


def test_article_dated_after_its_first_update_is_a_field_error(admin_client, clipping):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["published_on"] = "2016-04-05"

    response = admin_client.post(url, data)

    assert "cannot be later" in response.context["adminform"].form.errors["published_on"][0]


def test_inferred_date_without_a_note_is_an_error_on_the_note_field(admin_client, clipping):
    url = change_url(clipping)
    data = submitted(admin_client.get(url))
    data["published_on_is_inferred"] = "on"

    response = admin_client.post(url, data)

    form = response.context["adminform"].form
    assert form.errors == {
        "published_on_note": ["Say how an inferred publication date was worked out."]
    }


def test_quote_relayed_by_its_own_speaker_is_an_error_on_the_intermediary_field(
    admin_client, clipping
):
    quote = clipping.quotes.get()
    url = change_url(quote)
    data = submitted(admin_client.get(url))
    data["intermediary"] = str(quote.speaker_id)

    response = admin_client.post(url, data)

    assert response.context["adminform"].form.errors == {
        "intermediary": ["The intermediary must be someone other than the speaker."]
    }


# Search and lists


@pytest.mark.parametrize(
    "term",
    [
        "clashes continue",  # headline
        "Fighting stopped",  # text of the update
        "Azerbaijani Defence",  # speaker's name
    ],
)
def test_article_search_finds_clipping_by_headline_text_and_speaker_name(
    admin_client, clipping, term
):
    QuoteFactory()  # another clipping, with another speaker

    response = admin_client.get(admin_url(Article, "changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [clipping]


def test_article_search_finds_clipping_by_speaker_alias(admin_client, clipping):
    QuoteFactory()  # another clipping, with another speaker

    response = admin_client.get(admin_url(Article, "changelist"), {"q": "azeri defense"})

    assert list(response.context["cl"].result_list) == [clipping]


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("clashes Sunday", True),  # one word in the headline, one in the update
        ('"Fighting stopped"', True),  # a quoted phrase
        ("clashes ceasefire", False),  # every word must appear somewhere
        ('"stopped Fighting"', False),
    ],
)
def test_article_search_needs_every_word_somewhere_in_the_clipping(
    admin_client, clipping, term, found
):
    response = admin_client.get(admin_url(Article, "changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == ([clipping] if found else [])


def test_article_search_lists_a_clipping_once_when_several_quotes_match(admin_client, clipping):
    quote = clipping.quotes.get()
    QuoteFactory(paragraph=quote.paragraph, speaker=quote.speaker, words="liberated")

    response = admin_client.get(admin_url(Article, "changelist"), {"q": "azeri defense"})

    assert list(response.context["cl"].result_list) == [clipping]
    assert response.context["cl"].result_list[0].quote_count == 2


def test_article_list_shows_counts_and_marks_an_inferred_date(admin_client, clipping):
    ArticleFactory(
        headline="Undated story",
        published_on=datetime.date(2016, 4, 1),
        published_on_is_inferred=True,
        published_on_note="From the update's weekday.",
    )

    # Sorted by the fourth column, the update count, descending.
    response = admin_client.get(admin_url(Article, "changelist"), {"o": "-4"})

    rows = list(response.context["cl"].result_list)
    assert [(a.headline, a.update_count, a.quote_count) for a in rows] == [
        ("Karabakh clashes continue", 1, 1),
        ("Undated story", 0, 0),
    ]
    assert "1 Apr 2016 (inferred)" in response.text


def test_speaker_search_finds_speaker_by_alias(admin_client, clipping):
    SpeakerFactory()

    response = admin_client.get(admin_url(Speaker, "changelist"), {"q": "Azeri defense"})

    assert [s.name for s in response.context["cl"].result_list] == ["Azerbaijani Defence Ministry"]


def test_speaker_autocomplete_of_the_quote_form_finds_speaker_by_alias(admin_client, clipping):
    SpeakerFactory()
    params = {
        "app_label": "clippings",
        "model_name": "quote",
        "field_name": "speaker",
        "term": "azeri defense",
    }

    response = admin_client.get(reverse("admin:autocomplete"), params)

    assert [row["text"] for row in response.json()["results"]] == ["Azerbaijani Defence Ministry"]


@pytest.mark.parametrize(
    ("model", "query"),
    [pytest.param(model, {}, id=label(model)) for model in CLIPPINGS_MODELS]
    + [
        pytest.param(Article, {"q": "minister"}, id="clippings.Article-search"),
        pytest.param(Quote, {"q": "give up"}, id="clippings.Quote-search"),
    ],
)
def test_changelist_runs_as_many_queries_for_many_rows_as_for_few(admin_client, model, query):
    url = admin_url(model, "changelist")
    add_clippings(2)
    admin_client.get(url, query)

    with CaptureQueriesContext(connection) as few_queries:
        few = admin_client.get(url, query).context["cl"].result_count
    add_clippings(4)
    with CaptureQueriesContext(connection) as many_queries:
        many = admin_client.get(url, query).context["cl"].result_count

    assert few > 0
    assert many == 3 * few
    assert len(many_queries) == len(few_queries)


# Speakers and updates


def test_speaker_change_page_adds_an_alias_inline(admin_client):
    speaker = SpeakerFactory(name="Serzh Sarksyan")
    url = change_url(speaker)
    data = submitted(admin_client.get(url))
    data.update({"aliases-TOTAL_FORMS": "1", "aliases-0-name": "Serzh Sargsyan"})

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert list(speaker.aliases.values_list("name", flat=True)) == ["Serzh Sargsyan"]


def test_update_page_adds_a_paragraph_to_the_update_and_its_article(admin_client, clipping):
    update = clipping.updates.get()
    url = change_url(update)
    data = submitted(admin_client.get(url))
    data.update(
        {
            "paragraphs-TOTAL_FORMS": "2",
            "paragraphs-1-position": "2",
            "paragraphs-1-kind": Paragraph.Kind.TEXT,
            "paragraphs-1-text": "Talks are due on Tuesday.",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    added = update.paragraphs.get(text="Talks are due on Tuesday.")
    assert (added.article, added.anchor) == (clipping, "p3")


# The real clipping


def test_real_clipping_saves_unchanged_from_its_change_page(admin_client, karabakh):
    url = change_url(karabakh)
    before = list(karabakh.quotes.values_list("anchor", "paragraph__anchor", "words"))

    response = admin_client.post(url, submitted(admin_client.get(url)))

    assert response.status_code == 302, response.context["errors"]
    after = list(karabakh.quotes.values_list("anchor", "paragraph__anchor", "words"))
    assert after == before


def test_real_clipping_is_found_by_a_spelling_it_never_prints(admin_client, karabakh):
    """“Sarkisian” is only an alias of Serzh Sarksyan; the clipping spells him “Sarksyan”."""
    assert not karabakh.paragraphs.filter(text__icontains="Sarkisian").exists()

    response = admin_client.get(admin_url(Article, "changelist"), {"q": "Sarkisian"})

    assert list(response.context["cl"].result_list) == [karabakh]
