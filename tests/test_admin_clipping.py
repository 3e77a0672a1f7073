"""Clipping in the admin: a story, then each newer version, reviewed before anything is saved."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clippings.models import Article, Credit, Paragraph, Quote, Source, Speaker, Update
from clippings.roles import EDITOR, VIEWER
from tests.test_roles import roles, staff_client  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

CLIP_URL = reverse("admin:clippings_article_clip")
HEADLINE = "Clashes erupt in Nagorno-Karabakh"
PARAGRAPHS = [
    "Fighting broke out overnight along the line of contact in Nagorno-Karabakh on Saturday.",
    "“We will not give up an inch of our land,” President Serzh Sarksyan said on Saturday.",
    "The defence ministry said 12 soldiers were killed in the clashes.",
]
TEXT = "\n\n".join([HEADLINE, *PARAGRAPHS])
PAGE = f"""<!doctype html><html lang="en"><head><title>{HEADLINE}</title>
<meta property="og:site_name" content="Local News">
<meta property="article:published_time" content="2016-04-02T10:00:00Z">
<meta name="keywords" content="Nagorno-Karabakh, Armenia">
</head><body><header><h1>{HEADLINE}</h1></header>
<article>{"".join(f"<p>{text}</p>" for text in PARAGRAPHS)}</article></body></html>"""


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Update, Paragraph, Quote, Speaker, Source, Credit)
    }


def newer_url(article):
    return reverse("admin:clippings_article_clip_newer", args=[article.pk])


def review_of(client, url=CLIP_URL, **data):
    """Send a source; return the review page it leads to."""
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return client.get(response.url), response.url


def quote_rows(review):
    return {form.proposal.words: form.prefix for form, _ in review.context["quote_rows"]}


def decisions(review, **changes):
    """The review page's form as a browser posts it with no quote ticked, then ``changes``."""
    data = {}
    for field in review.context["form"]:
        value = field.value()
        data[field.html_name] = value.isoformat() if hasattr(value, "isoformat") else value or ""
    quotes = review.context["quotes"]
    data[f"{quotes.prefix}-TOTAL_FORMS"] = str(quotes.total_form_count())
    data[f"{quotes.prefix}-INITIAL_FORMS"] = "0"
    for form, _ in review.context["quote_rows"]:
        data[f"{form.prefix}-words"] = form.proposal.words
        data[f"{form.prefix}-speaker"] = form.proposal.speaker
        data[f"{form.prefix}-kind"] = form.proposal.kind
    data.update(changes)
    return data


@pytest.fixture
def editor_client(client, roles):  # noqa: F811
    return staff_client(client, EDITOR, roles)


@pytest.fixture
def clipped(editor_client):
    """A published clipping of TEXT, clipped through the admin."""
    review, url = review_of(editor_client, text=TEXT)
    editor_client.post(url, decisions(review, published_on="2016-04-02"))
    article = Article.objects.get()
    article.status = Article.Status.PUBLISHED
    article.save()
    return article


# Clip a story ----------------------------------------------------------------------------


def test_pasted_text_is_shown_for_review_and_nothing_is_saved_before_the_review(editor_client):
    before = counts()
    review, _ = review_of(editor_client, text=TEXT)
    assert review.status_code == 200
    page = review.content.decode()
    assert HEADLINE in page
    assert all(text.split("“")[-1][:30] in page for text in PARAGRAPHS)
    assert "We will not give up an inch of our land" in quote_rows(review)
    assert counts() == before


def test_the_review_saves_a_draft_with_only_the_accepted_quote(editor_client):
    review, url = review_of(editor_client, text=TEXT)
    sarksyan = quote_rows(review)["We will not give up an inch of our land"]
    response = editor_client.post(url, decisions(review, **{f"{sarksyan}-accept": "on"}))
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:clippings_article_change", args=[article.pk])
    assert article.status == Article.Status.DRAFT
    assert [p.text for p in article.paragraphs.all()] == PARAGRAPHS
    assert [(q.words, q.speaker.name) for q in article.quotes.all()] == [
        ("We will not give up an inch of our land", "Serzh Sarksyan")
    ]
    page = editor_client.get(response.url).content.decode()
    assert "was clipped as a draft" in page


def test_accept_all_saves_every_proposed_quote(editor_client):
    review, url = review_of(editor_client, text=TEXT)
    editor_client.post(url, decisions(review, accept_all="Accept all quotes and save"))
    assert Quote.objects.count() == len(quote_rows(review)) > 1


def test_a_corrected_speaker_and_kind_are_saved(editor_client):
    review, url = review_of(editor_client, text=TEXT)
    row = quote_rows(review)["We will not give up an inch of our land"]
    editor_client.post(
        url,
        decisions(
            review,
            **{f"{row}-accept": "on", f"{row}-speaker": "Serzh Sargsyan", f"{row}-kind": "partial"},
        ),
    )
    quote = Quote.objects.get()
    assert (quote.speaker.name, quote.kind) == ("Serzh Sargsyan", "partial")


def test_words_not_in_the_paragraph_are_refused_and_the_review_stays_open(editor_client):
    review, url = review_of(editor_client, text=TEXT)
    row = quote_rows(review)["We will not give up an inch of our land"]
    before = counts()
    injected = {f"{row}-accept": "on", f"{row}-words": "We will give up our land"}
    response = editor_client.post(url, decisions(review, **injected))
    assert response.status_code == 200
    assert "These words are not in the paragraph" in response.content.decode()
    assert counts() == before

    fixed = {f"{row}-accept": "on", f"{row}-words": "We will not give up an inch"}
    response = editor_client.post(url, decisions(review, **fixed))
    assert response.status_code == 302
    assert Quote.objects.get().words == "We will not give up an inch"


def test_a_date_that_reads_both_ways_must_be_chosen_by_the_editor(editor_client):
    text = TEXT + "\n\nUpdate 03/04/2016:\n\nA ceasefire was announced by Moscow on Sunday."
    review, url = review_of(editor_client, text=text)
    assert "reads both ways" in review.content.decode()
    response = editor_client.post(url, decisions(review, published_on="2016-03-01"))
    assert response.status_code == 200
    assert "Choose which date the page means." in response.content.decode()
    assert not Article.objects.exists()

    editor_client.post(
        url, decisions(review, published_on="2016-03-01", update_0_date="2016-03-04")
    )
    assert Update.objects.get().published_on == datetime.date(2016, 3, 4)


def test_a_page_at_an_address_is_fetched_reviewed_and_credited_to_its_site(editor_client, site):
    site.add("/story", PAGE)
    review, url = review_of(editor_client, address=site.url("/story"))
    page = review.content.decode()
    assert "Local News" in page
    assert "nagorno-karabakh: no such tag yet" in page
    editor_client.post(url, decisions(review))
    article = Article.objects.get()
    assert article.original_url == site.url("/story")
    assert article.credits.get().source.name == "Local News"


def test_an_uploaded_saved_page_is_clipped(editor_client):
    upload = SimpleUploadedFile("story.html", PAGE.encode(), content_type="text/html")
    review, url = review_of(editor_client, file=upload)
    editor_client.post(url, decisions(review))
    assert [p.text for p in Article.objects.get().paragraphs.all()] == PARAGRAPHS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Give one source"),
        ({"text": "Only a headline"}, "no paragraphs"),
        (
            {"file": SimpleUploadedFile("story.pdf", b"%PDF-1.4 ...", "application/pdf")},
            "Upload a web page saved as .html",
        ),
        (
            {"file": SimpleUploadedFile("story.html", b"%PDF-1.4 ...", "text/html")},
            "looks like a PDF",
        ),
        ({"text": TEXT, "address": "https://news.example/story"}, "Give one source"),
    ],
    ids=["nothing", "no paragraphs", "a pdf", "a pdf named .html", "two sources"],
)
def test_bad_input_is_a_clear_form_error_and_nothing_is_saved(editor_client, data, message):
    before = counts()
    response = editor_client.post(CLIP_URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_an_empty_page_or_a_refused_fetch_is_a_clear_form_error(editor_client, site):
    site.add("/empty", "")
    before = counts()
    for path in ("/empty", "/missing"):
        response = editor_client.post(CLIP_URL, {"address": site.url(path)})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
    assert counts() == before


def test_a_viewer_may_not_clip_a_story(client, roles):  # noqa: F811
    staff_client(client, VIEWER, roles)
    assert client.get(CLIP_URL).status_code == 403
    assert client.post(CLIP_URL, {"text": TEXT}).status_code == 403
    assert not Article.objects.exists()


def test_the_changelist_links_to_clip_a_story_for_editors_only(editor_client, client, roles):  # noqa: F811
    changelist = reverse("admin:clippings_article_changelist")
    assert CLIP_URL in editor_client.get(changelist).content.decode()
    editor_client.logout()
    staff_client(client, VIEWER, roles)
    assert CLIP_URL not in client.get(changelist).content.decode()


# Clip a newer version --------------------------------------------------------------------


def test_an_unchanged_newer_version_creates_nothing_and_says_so(editor_client, clipped):
    before = counts()
    response = editor_client.post(newer_url(clipped), {"text": TEXT}, follow=True)
    assert "Nothing changed since the latest version" in response.content.decode()
    assert counts() == before


def test_a_newer_version_is_reviewed_then_recorded_as_one_update(editor_client, clipped):
    assert (
        newer_url(clipped)
        in editor_client.get(
            reverse("admin:clippings_article_change", args=[clipped.pk])
        ).content.decode()
    )
    rewritten = PARAGRAPHS[2].replace("12", "18")
    added = "“The truce is fragile,” Foreign Minister Elmar Mammadyarov said on Sunday."
    text = "\n\n".join(["Ceasefire holds in Nagorno-Karabakh", *PARAGRAPHS[:2], rewritten, added])
    review, url = review_of(editor_client, newer_url(clipped), text=text)
    page = review.content.decode()
    assert "1 rewritten, 1 new paragraph, headline changed" in page
    assert set(quote_rows(review)) <= {
        "The truce is fragile",
        "18 soldiers were killed in the clashes",
    }
    assert not Update.objects.exists()

    editor_client.post(url, decisions(review, accept_all="yes"))
    update = Update.objects.get()
    assert update.headline == "Ceasefire holds in Nagorno-Karabakh"
    assert [(p.text, p.replaces_id is not None) for p in update.paragraphs.all()] == [
        (rewritten, True),
        (added, False),
    ]
    assert {quote.paragraph.update for quote in Quote.objects.all()} == {update}


def test_another_story_as_a_newer_version_is_refused(editor_client, clipped):
    other = "Central bank raises rates\n\nThe central bank raised interest rates on Thursday."
    before = counts()
    response = editor_client.post(newer_url(clipped), {"text": other})
    assert response.status_code == 200
    assert "This is another story" in response.content.decode()
    assert counts() == before


def test_a_viewer_may_not_clip_a_newer_version(client, roles, clipped):  # noqa: F811
    staff_client(client, VIEWER, roles)
    before = counts()
    response = client.post(newer_url(clipped), {"text": TEXT.replace("12", "18")})
    assert response.status_code == 403
    assert counts() == before


def test_a_review_opened_by_someone_else_is_not_open_to_a_viewer(editor_client, roles):  # noqa: F811
    _, url = review_of(editor_client, text=TEXT)
    editor_client.logout()
    viewer = User.objects.create_user(username="viewer", is_staff=True)
    viewer.groups.add(roles[VIEWER])
    editor_client.force_login(viewer)
    assert editor_client.post(url, {}).status_code == 403
    assert not Article.objects.exists()


def test_a_newer_versions_date_that_reads_both_ways_is_given_by_the_editor(editor_client, clipped):
    text = TEXT + "\n\nUpdate 03/04/2016:\n\nA ceasefire was announced by Moscow on Sunday."
    review, url = review_of(editor_client, newer_url(clipped), text=text)
    assert "reads two ways" in review.content.decode()
    response = editor_client.post(url, decisions(review))
    assert response.status_code == 200
    assert not Update.objects.exists()

    editor_client.post(url, decisions(review, label="Update 4 March", published_on="2016-04-04"))
    update = Update.objects.get()
    assert (update.label, update.published_on) == ("Update 4 March", datetime.date(2016, 4, 4))
