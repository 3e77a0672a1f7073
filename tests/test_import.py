"""``manage.py import_clippings`` refuses a bad file as a whole and says what is wrong where."""

import copy
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from clippings.models import Article, Quote, Speaker
from clippings.search import search_index_problems
from clippings.speaker_names import matching_speaker_ids

NEW = "ceasefire-agreed"


def new_clipping():
    """A second clipping, naming a speaker and a tag the karabakh fixture already has."""
    article = [NEW]
    return [
        {"model": "clippings.speaker", "fields": {"name": "Mediator", "slug": "mediator"}},
        {
            "model": "clippings.article",
            "fields": {
                "headline": "Ceasefire agreed",
                "slug": NEW,
                "status": "published",
                "published_on": "2016-04-05",
                "tags": [["armenia"]],
            },
        },
        {
            "model": "clippings.update",
            "fields": {
                "article": article,
                "label": "Update",
                "published_on": "2016-04-06",
                "anchor": "update-1",
            },
        },
        {
            "model": "clippings.paragraph",
            "fields": {
                "article": article,
                "text": "Kerry said “the guns must fall silent” after the talks.",
                "anchor": "p1",
            },
        },
        {
            "model": "clippings.quote",
            "fields": {
                "article": article,
                "paragraph": [NEW, "p1"],
                "words": "the guns must fall silent",
                "kind": "partial",
                "speaker": ["john-kerry"],
                "intermediary": ["mediator"],
                "anchor": "q1",
            },
        },
    ]


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("clippings").get_models()
        if model._meta.managed
    } | {"auth.Group": apps.get_model("auth.Group").objects.count()}


def write(tmp_path, data, name="import.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def fields_of(data, model):
    return next(entry["fields"] for entry in data if entry["model"] == f"clippings.{model}")


def setting(model, field, value, name):
    """A breakage that sets ``field`` of the file's first ``model`` to ``value``."""

    def breakage(data):
        fields_of(data, model)[field] = value
        return data

    breakage.__name__ = name
    return breakage


def bad_json(data):
    return json.dumps(data)[:-20]


def missing_headline(data):
    del fields_of(data, "article")["headline"]
    return data


def duplicate_slug_in_file(data):
    data.append(copy.deepcopy(data[0]))
    return data


def slug_already_in_archive(data):
    fields_of(data, "article")["slug"] = "armenia-azerbaijan-karabakh-conflict-escalates"
    for entry in data[2:]:
        entry["fields"]["article"] = ["armenia-azerbaijan-karabakh-conflict-escalates"]
    return data


def primary_key_given(data):
    data[1]["pk"] = 7
    return data


def not_a_list(data):
    return {"objects": data}


def deeply_nested(data):
    return "[" * 100_000 + "]" * 100_000


def history_record(data):
    data.append({"model": "clippings.historicalarticle", "fields": {"headline": "x"}})
    return data


def search_index_entry(data):
    data.append({"model": "clippings.quotesearchentry", "fields": {"words": "x"}})
    return data


def nul_in_text(data):
    fields_of(data, "paragraph")["text"] += "\x00"
    return data


def part_without_its_article(data):
    del fields_of(data, "paragraph")["article"]
    return data


def quote_before_its_paragraph(data):
    data[3], data[4] = data[4], data[3]
    return data


def paragraph_too_long(data):
    fields_of(data, "paragraph")["text"] += " More." * 4000
    return data


#: (how the file is broken, what the message must name)
BAD_CASES = [
    (bad_json, ["not valid JSON", "line 1"]),
    (not_a_list, ["expected a JSON list"]),
    (missing_headline, [f"clippings.article “{NEW}”", "item 2", "headline:", "blank"]),
    (
        setting("quote", "speaker", ["nobody-of-that-name"], "unknown_speaker"),
        [f"clippings.quote “{NEW}#q1”", "speaker:", '["nobody-of-that-name"]'],
    ),
    (
        setting("quote", "words", "the guns will never fall silent", "quote_not_in_text"),
        [f"clippings.quote “{NEW}#q1”", "words:", "verbatim in paragraph p1"],
    ),
    (duplicate_slug_in_file, ["clippings.speaker “mediator”", "slug:", "twice in the file"]),
    (slug_already_in_archive, ["clippings.article", "slug:", "already in the archive"]),
    (
        setting("speaker", "slug", "John-Kerry", "slug_differing_only_in_case"),
        ["clippings.speaker “John-Kerry”", "slug:", "only in case"],
    ),
    (
        setting("article", "published_on", "05/04/2016", "wrong_date_format"),
        [f"clippings.article “{NEW}”", "published_on:", "05/04/2016"],
    ),
    (
        setting("update", "published_on", "2016-04-01", "update_before_article"),
        [f"clippings.update “{NEW}#update-1”", "published_on:", "predate"],
    ),
    (
        setting("quote", "said_on", "2016-04-30", "said_after_printed"),
        [f"clippings.quote “{NEW}#q1”", "said_on:", "cannot have been said"],
    ),
    (
        setting("quote", "speeker", ["john-kerry"], "unknown_field"),
        [f"clippings.quote “{NEW}#q1”", "speeker:", "no such field"],
    ),
    (
        setting("article", "tags", [["armenia"], ["no-such-tag"]], "unknown_tag"),
        [f"clippings.article “{NEW}”", "tags:", '["no-such-tag"]'],
    ),
    (
        setting("quote", "kind", "overheard", "bad_choice"),
        [f"clippings.quote “{NEW}#q1”", "kind:", "overheard"],
    ),
    (primary_key_given, ["clippings.article", "pk:", "natural key"]),
    (
        setting("article", "published_on", 20160405, "number_as_date"),
        [f"clippings.article “{NEW}”", "published_on:", "found a number"],
    ),
    (
        setting("article", "headline", ["Ceasefire", "agreed"], "list_as_text"),
        [f"clippings.article “{NEW}”", "headline:", "found a list"],
    ),
    (deeply_nested, ["nested too deeply"]),
    (history_record, ["clippings.historicalarticle", "model:", "archive's own records"]),
    (search_index_entry, ["clippings.quotesearchentry", "model:", "archive's own records"]),
    (nul_in_text, [f"clippings.paragraph “{NEW}#p1”", "text:", "U+0000"]),
    (
        setting(
            "quote", "speaker", ["john-kerry\u202e"], "bidirectional_override_in_slug_reference"
        ),
        ["speaker:", "U+202E"],
    ),
    (
        setting("update", "article", ["no-such-clipping"], "unknown_article_of_a_part"),
        ["clippings.update", "article:", '["no-such-clipping"]'],
    ),
    (part_without_its_article, ["clippings.paragraph", "item 4", "article:", "cannot be null"]),
    (
        setting("quote", "paragraph", [NEW], "natural_key_of_the_wrong_length"),
        ["paragraph:", f'no paragraph ["{NEW}"] in the archive'],
    ),
    (quote_before_its_paragraph, ["item 4", "paragraph:", "in the archive or earlier in the file"]),
    (paragraph_too_long, [f"clippings.paragraph “{NEW}#p1”", "text:", "at most 20,000"]),
    (
        setting("article", "outlet", ["no-such-outlet"], "unknown_outlet"),
        [f"clippings.article “{NEW}”", "outlet:", '["no-such-outlet"]'],
    ),
]


@pytest.mark.parametrize(("breakage", "named"), BAD_CASES, ids=[c[0].__name__ for c in BAD_CASES])
def test_bad_import_is_refused_whole_naming_object_and_field_and_changes_nothing(
    karabakh, tmp_path, breakage, named
):
    path = write(tmp_path, breakage(new_clipping()))
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        call_command("import_clippings", path, stdout=StringIO())
    message = str(refused.value)
    assert message.startswith("Nothing imported. ")
    assert path in message
    for part in named:
        assert part in message
    assert row_counts() == before
    assert search_index_problems() == []


def test_second_file_bad_refuses_the_first_too(karabakh, tmp_path):
    good = write(tmp_path, new_clipping(), "good.json")
    bad = write(tmp_path, [{"model": "clippings.tag", "fields": {"name": "x", "slug": "bad slug"}}])
    before = row_counts()
    with pytest.raises(CommandError, match="bad slug"):
        call_command("import_clippings", good, bad, stdout=StringIO())
    assert row_counts() == before


def test_good_import_creates_everything_reuses_known_speakers_and_passes_check_archive(
    karabakh, tmp_path
):
    before = row_counts()
    out = StringIO()
    call_command("import_clippings", write(tmp_path, new_clipping()), stdout=out)
    assert "Imported 5 new records" in out.getvalue()
    after = row_counts()
    for label in ("Article", "Update", "Paragraph", "Quote", "Speaker"):
        assert after[f"clippings.{label}"] == before[f"clippings.{label}"] + 1
    quote = Quote.objects.get(article__slug=NEW)
    assert quote.speaker == Speaker.objects.get(slug="john-kerry")
    assert list(Article.objects.get(slug=NEW).tags.values_list("slug", flat=True)) == ["armenia"]
    call_command("check_archive", stdout=StringIO())
    assert search_index_problems() == []


def test_import_names_the_outlet_by_its_natural_key(karabakh, tmp_path):
    data = new_clipping()
    fields_of(data, "article")["outlet"] = ["al-jazeera"]
    call_command("import_clippings", write(tmp_path, data), stdout=StringIO())
    assert Article.objects.get(slug=NEW).outlet.name == "Al Jazeera"


def test_imported_speaker_is_found_by_the_quote_search(karabakh, tmp_path):
    call_command("import_clippings", write(tmp_path, new_clipping()), stdout=StringIO())
    assert matching_speaker_ids("mediator") == {Speaker.objects.get(slug="mediator").pk}


@pytest.mark.django_db(transaction=True)  # PostgreSQL flushes only outside a transaction
def test_fixture_imports_into_an_empty_archive_like_loaddata():
    def records():  # history records aside: an import writes them, loaddata does not
        return {k: v for k, v in row_counts().items() if ".Historical" not in k}

    call_command("import_clippings", "fixtures/karabakh-2016.json", stdout=StringIO())
    imported = records()
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", "karabakh-2016", verbosity=0)
    assert records() == imported


def test_a_file_past_the_size_limit_is_refused_unread(karabakh, tmp_path, monkeypatch):
    """The limit is documented (README, "Importing"); a smaller one keeps the test quick."""
    monkeypatch.setattr("clippings.imports.MAX_FILE_BYTES", 100)
    path = write(tmp_path, new_clipping())
    before = row_counts()
    with pytest.raises(CommandError, match=r"Nothing imported\. .*at most 100\xa0bytes a file"):
        call_command("import_clippings", path, stdout=StringIO())
    assert row_counts() == before


def test_import_keeps_the_anchors_the_file_gives(karabakh, tmp_path):
    data = new_clipping()
    fields_of(data, "paragraph")["anchor"] = "p7"
    fields_of(data, "quote")["paragraph"] = [NEW, "p7"]
    call_command("import_clippings", write(tmp_path, data), stdout=StringIO())
    assert Article.objects.get(slug=NEW).paragraphs.get().anchor == "p7"
    assert Quote.objects.get(article__slug=NEW).anchor == "q1"


def test_old_command_name_still_imports_and_warns_it_is_deprecated(karabakh, tmp_path):
    err = StringIO()
    call_command("import_clipping", write(tmp_path, new_clipping()), stdout=StringIO(), stderr=err)
    assert "import_clipping is deprecated: use import_clippings." in err.getvalue()
    assert Article.objects.filter(slug=NEW).exists()
