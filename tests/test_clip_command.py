"""manage.py clip: each source clipped in order, a failing one reported without stopping the
others."""

import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from clippings.capture.clip import clip_source, matching_source
from clippings.capture.draft import ClippedStory
from clippings.models import Article
from tests import factories

PAGES = Path(__file__).parent / "pages"
STORY = "Harbour reopens\n\nThe harbour reopened on Monday after repairs.\n\nBoats returned.\n"


def clip_json(*sources):
    out = io.StringIO()
    try:
        call_command("clip", *sources, "--dry-run", "--format", "json", stdout=out)
    except CommandError as error:
        return json.loads(out.getvalue()), error.returncode
    return json.loads(out.getvalue()), 0


def test_dry_run_prints_one_object_per_source_in_order(tmp_path, db):
    text = tmp_path / "story.txt"
    text.write_text(STORY, encoding="utf-8")
    page = PAGES / "update-marker.html"
    results, status = clip_json(str(text), str(page))
    assert status == 0
    assert [result["source"] for result in results] == [str(text), str(page)]
    assert results[0]["headline"] == "Harbour reopens"
    assert [p["text"] for p in results[0]["paragraphs"]] == [
        "The harbour reopened on Monday after repairs.",
        "Boats returned.",
    ]
    assert results[1]["published_on"] == "2016-04-02"
    assert results[1]["updates"][0]["published_on"] == "2016-04-03"
    assert {"text", "update", "kind", "url"} <= set(results[1]["paragraphs"][3])
    assert results[1]["paragraphs"][3]["update"] == 0
    assert isinstance(results[1]["quotes"], list)


def test_failing_source_gives_an_error_object_and_exit_status_1_the_others_are_clipped(
    tmp_path, db
):
    good = tmp_path / "story.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("Only a headline\n", encoding="utf-8")
    results, status = clip_json(str(tmp_path / "missing.html"), str(good), str(empty))
    assert status == 1
    assert results[0] == {"source": str(tmp_path / "missing.html"), "error": results[0]["error"]}
    assert "No such file" in results[0]["error"]
    assert results[1]["headline"] == "Harbour reopens"
    assert "no paragraphs" in results[2]["error"]


def test_text_format_prints_a_short_summary(tmp_path, db):
    text = tmp_path / "story.txt"
    text.write_text(STORY, encoding="utf-8")
    out = io.StringIO()
    call_command("clip", str(text), "--dry-run", stdout=out)
    assert "Harbour reopens" in out.getvalue()
    assert "2 paragraphs" in out.getvalue()


def test_address_is_fetched_and_the_capture_kept(site, db):
    site.add("/story", (PAGES / "plain.html").read_text(encoding="utf-8"))
    story = clip_source(site.url("/story"))
    assert story.headline == "Library reopens after flood repairs"
    assert story.capture.final_url == site.url("/story")


def test_address_that_cannot_be_fetched_is_a_clip_error(site, db):
    results, status = clip_json(site.url("/gone"))
    assert status == 1
    assert "error" in results[0]


def test_site_is_matched_to_an_existing_source_by_host_then_by_name(db):
    courier = factories.SourceFactory(name="The Valley Courier", url="https://courier.example/")
    gazette = factories.SourceFactory(name="Northfield Gazette", url="")
    by_host = ClippedStory(source="x", url="https://www.courier.example/world/dam")
    assert matching_source(by_host) == courier
    assert matching_source(ClippedStory(source="x", site_name="northfield gazette")) == gazette
    assert matching_source(ClippedStory(source="x", site_name="Elsewhere")) is None


@pytest.mark.parametrize("name", ["structured-data.html", "related-and-embeds.html"])
def test_saved_page_with_an_unusual_suffix_is_read_as_html(tmp_path, db, name):
    copy = tmp_path / "page.saved"
    copy.write_bytes((PAGES / name).read_bytes())
    assert clip_source(str(copy)).paragraphs


def test_benchmark_without_the_shared_scorers_says_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="No scorers in"):
        call_command("clip_benchmark", "--shared", str(tmp_path))


def clip_saving(*arguments):
    out = io.StringIO()
    try:
        call_command("clip", *arguments, "--format", "json", stdout=out)
    except CommandError as error:
        return json.loads(out.getvalue()), error.returncode
    return json.loads(out.getvalue()), 0


def clipped(tmp_path):
    """The draft clipping ``manage.py clip`` saves from STORY written to story.txt."""
    text = tmp_path / "story.txt"
    text.write_text(STORY, encoding="utf-8")
    return Article.objects.get(pk=clip_saving(str(text))[0][0]["saved"]["pk"])


def test_without_dry_run_each_source_is_saved_as_a_draft_clipping_without_quotes(tmp_path, db):
    text = tmp_path / "story.txt"
    text.write_text(STORY.replace("Boats returned.", '"We are open," the mayor said.'), "utf-8")
    results, status = clip_saving(str(text))
    assert status == 0
    article = Article.objects.get(pk=results[0]["saved"]["pk"])
    assert article.status == Article.Status.DRAFT
    assert article.headline == "Harbour reopens"
    assert [p.text for p in article.paragraphs.order_by("position")] == [
        "The harbour reopened on Monday after repairs.",
        '"We are open," the mayor said.',
    ]
    # Proposed quotes wait for an editor's review in the admin; none is saved unseen.
    assert results[0]["quotes"]
    assert not article.quotes.exists()


def test_update_records_a_newer_version_as_one_update_rewriting_its_paragraph(tmp_path, db):
    article = clipped(tmp_path)
    newer = tmp_path / "newer.txt"
    newer.write_text(STORY.replace("Boats returned.", "Boats returned by noon."), "utf-8")
    results, status = clip_saving(str(newer), "--update", article.slug)
    assert status == 0
    update = article.updates.get()
    assert results[0]["saved"] == {"model": "update", "pk": update.pk, "name": str(update)}
    (rewrite,) = update.paragraphs.all()
    assert rewrite.text == "Boats returned by noon."
    assert rewrite.replaces.text == "Boats returned."


def test_update_with_nothing_changed_saves_nothing_and_says_so(tmp_path, db):
    article = clipped(tmp_path)
    out = io.StringIO()
    call_command("clip", str(tmp_path / "story.txt"), "--update", article.slug, stdout=out)
    assert "nothing changed" in out.getvalue()
    assert not article.updates.exists()


def test_update_with_another_story_is_an_error_and_saves_nothing(tmp_path, db):
    article = clipped(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text(
        "Council budget passed\n\nCouncillors voted for the new budget late on Tuesday.\n\n"
        "Spending on schools rises by a tenth.\n",
        encoding="utf-8",
    )
    results, status = clip_saving(str(other), "--update", article.slug)
    assert status == 1
    assert "another story" in results[0]["error"]
    assert not article.updates.exists()
    assert article.paragraphs.count() == 2


def test_update_of_an_unknown_clipping_is_refused_before_anything_is_read(tmp_path, db):
    with pytest.raises(CommandError, match="No clipping with the slug 'nowhere'"):
        call_command("clip", str(tmp_path / "missing.txt"), "--update", "nowhere")


def test_benchmark_times_clipping_each_saved_page(tmp_path, db):
    (tmp_path / "clip_eval").mkdir()
    pages = tmp_path / "data" / "extraction-dev"
    pages.mkdir(parents=True)
    (pages / "plain.html.gz").write_bytes(gzip.compress((PAGES / "plain.html").read_bytes()))
    out = io.StringIO()
    call_command("clip_benchmark", "speed", "--shared", str(tmp_path), stdout=out)
    assert "pages=1 median=" in out.getvalue()


def test_dry_run_on_a_database_not_set_up_proposes_speakers_unmatched(tmp_path, monkeypatch):
    # No `db` fixture: any query would fail the test.
    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kw: [])
    text = tmp_path / "story.txt"
    text.write_text(STORY.replace("Boats returned.", '"We are open," the mayor said.'), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("clip", str(text), "--dry-run", "--format", "json", stdout=out, stderr=err)
    (result,) = json.loads(out.getvalue())
    assert result["quotes"][0]["speaker"] == "the mayor"
    assert result["quotes"][0]["speaker_id"] is None
    assert "not set up" in err.getvalue()


def test_saving_on_a_database_not_set_up_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kw: [])
    with pytest.raises(CommandError, match="database is not set up"):
        call_command("clip", str(tmp_path / "story.txt"))
