from __future__ import annotations

from compactdraft.parse.markup import analyse


def test_nested_brackets_have_depths_and_offsets() -> None:
    text = "We [will [strive to]] ensure [access]."
    markup = analyse(text)
    assert [(text[b.start:b.end], b.depth) for b in markup.brackets] == [
        ("[will [strive to]]", 1), ("[strive to]", 2), ("[access]", 1)]
    assert markup.max_depth == 2 and markup.unbalanced == 0 and not markup.whole


def test_options_and_alternatives() -> None:
    markup = analyse("[Option 1: States shall cooperate.] [Option 2: States are encouraged to cooperate.] [alt delete]")
    assert [b.option for b in markup.options] == ["1", "2", ""]


def test_whole_provision_bracketed_and_unbalanced() -> None:
    assert analyse("[We commit to end statelessness [by 2030].]").whole
    assert not analyse("We commit [to end] statelessness.").whole
    assert analyse("We [commit to [end").unbalanced == 2
    assert analyse("end] here").unbalanced == 1


def test_status_marks() -> None:
    assert analyse("Adopt the plan; (agreed ad ref (green))").status == "agreed ad ref (green)"
    assert analyse("Adopt the plan; [Agreed ad ref]").status == "agreed ad ref"
    assert analyse("Adopt the plan (pending)").status == "pending"
    assert analyse("[Deleted]").status == "deleted"
    assert analyse("Text deleted in part by the Group").status is None
    assert analyse("Adopt the plan;").status is None


def test_real_editorial_brackets_balance(corpus) -> None:
    """The UN corpus marks its editorial notes as [GAP ...], [NOTE ...] (some running over several lines):
    real bracketed text, balanced in every file, each passage from a "[" to its "]"."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*_partial.txt"))]
    found = 0
    for text in texts:
        markup = analyse(text)
        assert markup.unbalanced == 0
        assert all(text[b.start] == "[" and text[b.end - 1] == "]" for b in markup.brackets)
        found += len(markup.brackets)
    assert found >= 10
