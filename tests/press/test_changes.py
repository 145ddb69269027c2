"""Reading the difference between two texts: paragraphs matched, words marked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from press.changes import paragraphs_of, text_changes, word_changes


def test_the_body_is_read_as_paragraphs_of_text():
    html = (
        "<h2>Results</h2><p>First <em>line</em><br>second&nbsp;line &amp; more.</p>"
        "<blockquote><p>“A quote.”</p></blockquote><ol><li>One</li><li>Two</li></ol>"
        '<p><img src="x.jpg" alt="Observers at work"></p>'
    )
    assert paragraphs_of(html) == [
        "Results",
        "First line second line & more.",  # spaces as one
        "“A quote.”",
        "One",
        "Two",
        "[Observers at work]",
    ]


def test_words_kept_removed_and_added():
    segments = word_changes("The Mission trained 40 judges.", "The Mission trained 45 judges.")
    assert [(s.kind, s.text) for s in segments] == [
        ("same", "The Mission trained "),
        ("removed", "40"),
        ("added", "45"),
        ("same", " judges."),
    ]


def test_a_rewritten_paragraph_reads_as_removed_and_added():
    changes = text_changes(["Talks begin in Vienna."], ["Elections were observed in Tirana."])
    assert [p.kind for p in changes] == ["removed", "added"]


def test_an_inserted_paragraph_leaves_the_others_untouched():
    changes = text_changes(["One.", "Three."], ["One.", "Two.", "Three."])
    assert [(p.kind, p.text) for p in changes] == [
        ("same", "One."),
        ("added", "Two."),
        ("same", "Three."),
    ]


paragraph = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@given(st.lists(paragraph, max_size=5), st.lists(paragraph, max_size=5))
def test_both_versions_can_be_read_back_from_the_changes(old, new):
    # Whatever the edit, the marks lose nothing: the old text is what was kept and removed,
    # the new one what was kept and added.
    changes = text_changes(old, new)
    before = [
        "".join(s.text for s in p.segments if s.kind != "added")
        for p in changes
        if p.kind != "added"
    ]
    after = [
        "".join(s.text for s in p.segments if s.kind != "removed")
        for p in changes
        if p.kind != "removed"
    ]
    assert before == old
    assert after == new
