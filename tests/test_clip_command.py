"""manage.py clip: each source clipped in order, a failing one reported without stopping the
others."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from clippings.capture.clip import clip_source, matching_source
from clippings.capture.draft import ClippedStory
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
