"""An editor's journey in Chromium: a story clipped from its page, reviewed and published; the
page changes; the re-check finds it; the editor records it; the public evolution page shows
the rewritten paragraph word by word."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from clippings.models import Article, PendingVersion
from clippings.roles import EDITOR

PASSWORD = "a long test password"
HEADLINE = "Clashes erupt along the Karabakh line"
BEFORE = [
    "Fighting broke out overnight along the line of contact in Nagorno-Karabakh on Saturday.",
    "“We will not give up an inch of our land,” President Serzh Sarksyan said on Saturday.",
    "The defence ministry said 12 soldiers were killed in the clashes near Talish.",
]
AFTER = [
    BEFORE[0],
    BEFORE[1],
    "The defence ministry said 18 soldiers were killed in the clashes near Talish.",
    "A ceasefire brokered by Moscow took hold on Sunday evening, officials said.",
]


def news_page(paragraphs):
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><title>{HEADLINE}</title>'
        '<meta property="og:site_name" content="Caucasus Daily">'
        '<meta property="article:published_time" content="2016-04-02T10:00:00Z">'
        f"</head><body><header><h1>{HEADLINE}</h1></header><article>{body}</article>"
        "</body></html>"
    )


@pytest.fixture
def story_page(news_site):
    """The story's address on a news site on 127.0.0.1: its page changes once."""
    news_site.versions("/2016/04/clashes", news_page(BEFORE), news_page(AFTER))
    return news_site.url("/2016/04/clashes")


@pytest.fixture
def editor_page(page, site):
    call_command("setup_roles", verbosity=0)
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.set([*editor.groups.all(), *editor.groups.model.objects.filter(name=EDITOR)])
    page.goto(f"{site}/admin/login/?next=/admin/clippings/article/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    return page


def test_a_clipped_story_and_its_rewritten_version_reach_the_evolution_page(
    editor_page, site, story_page, screenshot
):
    page = editor_page
    page.get_by_role("link", name="Clip a story").click()
    page.get_by_label("Address").fill(story_page)
    page.get_by_role("button", name="Read it").click()

    expect(page.locator("#id_headline")).to_have_value(HEADLINE)
    expect(page.locator(".clip-paragraphs li")).to_have_count(3)
    expect(page.locator(".clip-source")).to_contain_text("Caucasus Daily")
    expect(page.locator(".clip-quote").first).to_be_visible()
    assert not Article.objects.filter(headline=HEADLINE).exists()
    screenshot("clip-review")
    page.get_by_role("button", name="Accept all quotes and save").click()

    expect(page.locator(".messagelist")).to_contain_text("was clipped as a draft")
    article = Article.objects.get(headline=HEADLINE)
    assert article.quotes.exists()
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    out = io.StringIO()
    call_command("recheck_clippings", "--seconds-between-requests=0", stdout=out)
    assert f"{article.slug}: 1 rewritten, 1 new paragraph" in out.getvalue()

    page.reload()
    page.get_by_role("link", name="Review the newer version").click()
    expect(page.locator(".clip-changes")).to_contain_text("18 soldiers")
    page.get_by_role("button", name="Record the update with the ticked quotes").click()
    expect(page.locator(".messagelist")).to_contain_text("The newer version was recorded")
    assert not PendingVersion.objects.exists()

    page.goto(f"{site}{article.get_absolute_url()}evolution/")
    rewritten = page.locator(".change--changed").filter(has_text="soldiers were killed").last
    expect(rewritten.locator("ins.diff")).to_have_text("[added: 18]")
    before = page.locator(".change--changed").filter(has_text="soldiers were killed").first
    expect(before.locator("del.diff")).to_have_text("[removed: 12]")
    expect(page.locator("main")).to_contain_text(AFTER[3])
    screenshot("clip-evolution")
