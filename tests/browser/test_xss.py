"""Text from the archive is always escaped: payloads in every text field stay inert.

One clipping carries script, attribute and markup payloads in every text field of every model
it touches. Chromium opens every public page and every admin page (changelist, change and
history for each model) and hovers the payloads: no script may run, no dialog may open. The
pages are visited twice: once with the Content-Security-Policy bypassed, so that escaping alone
is proven, and once with it enforced, where Chromium must report no violation either.
"""

import datetime
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
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

from .conftest import TIMEOUT_MS

MARK = "window.__xss=1"
# 98 characters: it fits, with a two-letter prefix, the shortest text fields (100).
PAYLOAD = f'<script>{MARK}</script>"onmouseover="{MARK}"\'><img src=x onerror="{MARK}">'
# For the longer fields: a link a reader could click.
LINK = f'<a href="javascript:{MARK}">link</a>'

# URLField accepts these: valid URLs whose query would break out of an unescaped attribute.
URL = f'https://example.org/?q="onmouseover="{MARK}"><script>{MARK}</script>'
JAVASCRIPT_URL = f"javascript:{MARK}"
PASSWORD = "correct horse battery staple"


def text_fields(model):
    """The fields an editor types text into: every CharField and TextField without choices.

    Slugs and Wikidata identifiers are validated to a fixed alphabet (tested below).
    """
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
        and field.editable
        and field.name != "wikidata_id"
    ]


def saved(obj):
    obj.full_clean()
    obj.save()
    return obj


@pytest.fixture
def poisoned(site):
    """Every text field of a published clipping and its parts, carrying the payloads."""
    tag = saved(Tag(name=f"t {PAYLOAD}", slug="xss-tag"))
    source = saved(
        Source(
            name=f"Source {PAYLOAD}",
            slug="xss-source",
            kind=Source.Kind.NEWS_AGENCY,
            url=URL,
            description=f"About {PAYLOAD} {LINK}",
        )
    )
    speaker = saved(
        Speaker(
            name=f"Speaker {PAYLOAD}",
            slug="xss-speaker",
            role=f"Role {PAYLOAD}",
            affiliation=f"Affiliation {PAYLOAD}",
        )
    )
    alias = saved(SpeakerAlias(speaker=speaker, name=f"Alias {PAYLOAD}"))
    article = saved(
        Article(
            headline=f"Headline {PAYLOAD}",
            slug="xss-story",
            status=Article.Status.PUBLISHED,
            published_on=datetime.date(2016, 4, 2),
            published_on_is_inferred=True,
            published_on_note=f"Note {PAYLOAD}",
            filed_under_as_printed=f"Filed {PAYLOAD}",
            original_url=URL,
        )
    )
    article.tags.add(tag)
    credit = saved(Credit(article=article, source=source, name_as_printed=f"Credit {PAYLOAD}"))
    words = f"Quoted {PAYLOAD}"
    paragraph = saved(
        Paragraph(article=article, position=1, text=f"Before “{words}” after {LINK}", url=URL)
    )
    update = saved(
        Update(
            article=article,
            label=f"Update {PAYLOAD}",
            published_on=datetime.date(2016, 4, 3),
            headline=f"Later headline {PAYLOAD}",
        )
    )
    saved(
        Paragraph(
            article=article,
            update=update,
            position=1,
            kind=Paragraph.Kind.RELATED_LINK,
            text=f"Read: {PAYLOAD} {LINK}",
            url=URL,
        )
    )
    quote_obj = saved(
        Quote(
            article=article,
            paragraph=paragraph,
            words=words,
            speaker=speaker,
            speaker_as_printed=f"As printed {PAYLOAD}",
            channel=Quote.Channel.NEWS_AGENCY,
            channel_source=source,
            channel_as_printed=f"Channel {PAYLOAD}",
            said_on=datetime.date(2016, 4, 2),
            said_on_as_printed=f"s {PAYLOAD}",
        )
    )
    editor = get_user_model().objects.create_superuser("editor", "", PASSWORD)
    # A transactional test's flush recreates content types: the cached ids may be stale.
    ContentType.objects.clear_cache()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        object_repr=str(article),
        action_flag=CHANGE,
        change_message=f"Changed {PAYLOAD}",
    )
    return [tag, source, speaker, alias, article, credit, paragraph, update, quote_obj]


@pytest.fixture
def payload_fields(poisoned):
    """(model, field) for every text field the clipping carries payloads in."""
    fields = []
    for obj in poisoned:
        for field in text_fields(type(obj)):
            assert "__xss" in field.value_from_object(obj), f"{field} carries no payload"
            fields.append(f"{type(obj).__name__}.{field.name}")
    return sorted(set(fields))


def public_pages(poisoned):
    """Every HTML and XML page (citations are downloads, not pages a browser renders)."""
    article = f"/articles/{poisoned[4].slug}"
    return [
        "/",
        f"/?q={quote('Headline')}",
        f"/?q={quote(PAYLOAD)}",
        f"/?tag=xss-tag&source=xss-source&speaker=xss-speaker&q={quote(PAYLOAD)}",
        f"{article}/",
        f"{article}/evolution/",
        f"{article}/evolution/?before=original&after=update-1&view=inline",
        f"{article}/evolution/?before=original&after=update-1&view=side",
        f"{article}/versions/original/",
        f"{article}/versions/update-1/",
        f"/quotes/?q={quote('Quoted')}",
        f"/quotes/?q={quote(PAYLOAD)}",
        "/speakers/",
        f"/speakers/?affiliation={quote(PAYLOAD)}",
        "/speakers/xss-speaker/",
        "/sources/xss-source/",
        "/tags/xss-tag/",
        "/feeds/",
        "/feeds/about/",
        "/sitemap.xml",
    ]


def admin_pages(poisoned):
    by_model = {type(obj): obj for obj in poisoned}
    pages = ["/admin/"]
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        pages.append(reverse(f"{name}_changelist") + f"?q={quote(PAYLOAD)}")
        obj = by_model.get(model) or model._default_manager.first()
        if obj is not None:
            pages.append(reverse(f"{name}_change", args=[obj.pk]))
            pages.append(reverse(f"{name}_history", args=[obj.pk]))
    return pages


def log_in(page, site):
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert page.url.endswith("/admin/")


WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));
"""

# Fire every mouse handler an element could have gained, on every element of the page.
MOUSE_EVERYTHING = """() => {
    for (const element of document.querySelectorAll('*')) {
        for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus']) {
            element.dispatchEvent(new MouseEvent(type, {bubbles: true}));
        }
    }
    return Array.from(document.querySelectorAll('[href], [src], [action], [formaction]'))
        .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action')
             || e.getAttribute('formaction'))
        .filter(value => /^\\s*javascript:/i.test(value));
}"""


@pytest.fixture(params=["escaping-alone", "with-csp"])
def browser_page(request, browser, browser_context_args):
    """A page whose CSP is bypassed (escaping alone must hold) or enforced."""
    context = browser.new_context(
        **browser_context_args, bypass_csp=request.param == "escaping-alone"
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(WATCH)
    page.enforces_csp = request.param == "with-csp"
    yield page
    context.close()


@pytest.fixture
def fresh_content_types_afterwards():
    """Set up before the database, so torn down after its flush: the flush gives content
    types new ids, which the admin pages visited here have cached, in the server's thread too.
    """
    yield
    ContentType.objects.clear_cache()


def test_archive_text_is_inert_on_every_public_and_admin_page(
    fresh_content_types_afterwards, site, poisoned, payload_fields, browser_page
):
    page = browser_page
    dialogs, console_csp, csp_messages = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            console_csp.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, site)
    pages = public_pages(poisoned) + admin_pages(poisoned)
    shown = 0
    for path in pages:
        response = page.goto(f"{site}{path}")
        assert response is not None
        assert response.status < 500, f"GET {path} answered {response.status}"
        is_html = response.headers.get("content-type", "").startswith("text/html")
        if is_html:
            shown += MARK in page.locator("body").inner_text()
        for link in page.locator("a:visible").filter(has_text="__xss").all()[:10]:
            link.hover()
        assert page.evaluate(MOUSE_EVERYTHING) == [], f"javascript: URL on {path}"
        assert page.evaluate("() => window.__xss") is None, f"a payload ran on {path}"
        # Chromium's own XML viewer (feed, sitemap) styles its tree inline, which the policy
        # blocks: a violation of the viewer's, not of the site's pages.
        if page.enforces_csp and is_html:
            assert page.evaluate("() => window.__csp") == [], f"CSP violation on {path}"
            csp_messages.extend(console_csp)
        console_csp.clear()
    assert dialogs == []
    assert csp_messages == []
    # The payloads reached the pages as visible text, not swallowed.
    assert shown >= 20, f"payload text visible on only {shown} of {len(pages)} pages"
    print(
        f"{len(payload_fields)} payload fields, {len(pages)} pages visited, "
        f"payload shown as text on {shown}"
    )


@pytest.mark.parametrize(
    ("model", "field"), [(Article, "original_url"), (Paragraph, "url"), (Source, "url")]
)
def test_url_fields_refuse_javascript_urls(db, model, field):
    with pytest.raises(ValidationError) as refused:
        model(**{field: JAVASCRIPT_URL}).clean_fields()
    assert field in refused.value.message_dict


def test_slugs_and_wikidata_ids_refuse_markup(db):
    speaker = Speaker(name="Someone", slug="<script>", wikidata_id=f"Q1{PAYLOAD}")
    with pytest.raises(ValidationError) as refused:
        speaker.full_clean()
    assert {"slug", "wikidata_id"} <= set(refused.value.message_dict)
