"""A newer version of a story set against the archive's: pure functions, no database."""

from clippings.capture.align import align, is_same_story

OLD = [
    "Fighting broke out overnight along the line of contact in Nagorno-Karabakh.",
    "The defence ministry said 12 soldiers were killed in the clashes.",
    "Residents fled to shelters as shelling continued into the morning.",
    "Talks are planned in Vienna next week.",
]


def ops(alignment):
    return [(step.op, step.old, step.new) for step in alignment.steps]


def test_the_same_text_is_all_unchanged_even_with_other_spacing_and_quote_marks():
    new = [text.replace(" ", "  ") for text in OLD]
    new[1] = new[1].replace("said", "said “")[:-1] + "”."
    alignment = align(OLD, [*new[:1], OLD[1], *new[2:]], old_headline="A", new_headline="A")
    assert ops(alignment) == [("unchanged", i, i) for i in range(4)]
    assert not alignment.has_changes
    assert alignment.summary == "nothing changed"


def test_a_rewritten_paragraph_is_paired_with_the_one_it_rewrites():
    new = list(OLD)
    new[1] = "The defence ministry said 14 soldiers were killed in the clashes on Saturday."
    alignment = align(OLD, new)
    assert ops(alignment) == [
        ("unchanged", 0, 0),
        ("rewritten", 1, 1),
        ("unchanged", 2, 2),
        ("unchanged", 3, 3),
    ]
    assert alignment.changed_new_indexes == {1}
    assert alignment.summary == "1 rewritten paragraph"


def test_a_removed_paragraph_and_new_ones_are_told_apart_from_rewrites():
    new = [
        OLD[0],
        OLD[1],
        "A ceasefire was announced by Moscow on Sunday evening after mediation.",
        OLD[3],
        "Armenia's president called for calm.",
    ]
    alignment = align(OLD, new)
    assert ops(alignment) == [
        ("unchanged", 0, 0),
        ("unchanged", 1, 1),
        ("removed", 2, None),
        ("added", None, 2),
        ("unchanged", 3, 3),
        ("added", None, 4),
    ]
    assert alignment.changed_new_indexes == {2, 4}
    assert alignment.summary == "1 removed, 2 new paragraphs"


def test_a_changed_headline_is_reported_and_an_unchanged_one_is_not():
    changed = align(OLD, OLD, old_headline="Clashes in Karabakh", new_headline="Truce in Karabakh")
    assert changed.headline == "Truce in Karabakh"
    assert changed.summary == "headline changed"
    same = align(OLD, OLD, old_headline="Clashes in Karabakh", new_headline="Clashes  in Karabakh")
    assert same.headline == ""


def test_the_summary_counts_every_kind_of_change():
    new = [OLD[0].replace("overnight", "late on Friday"), OLD[1], OLD[3], "New text.", "More."]
    alignment = align(OLD, new, old_headline="Old", new_headline="New")
    assert alignment.summary == "1 rewritten, 1 removed, 2 new paragraphs, headline changed"


def test_a_rewrite_is_paired_in_order_with_the_likeliest_paragraph():
    old = ["Alpha beta gamma delta epsilon.", "Zeta eta theta iota kappa."]
    new = ["Zeta eta theta iota kappa lambda."]
    assert ops(align(old, new)) == [("removed", 0, None), ("rewritten", 1, 0)]


def test_another_story_is_told_from_a_newer_version_of_the_same_one():
    old = " ".join(OLD)
    newer = " ".join([OLD[0], OLD[1].replace("12", "14"), "A ceasefire was announced."])
    other = (
        "The central bank raised interest rates by half a point on Thursday, citing inflation "
        "that has stayed above its target for a year, and said further rises were possible."
    )
    assert is_same_story(old, newer)
    assert not is_same_story(old, other)
