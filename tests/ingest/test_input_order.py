"""A run reads its files in one order whatever order they are named in (ingest.input_files):
the merge of copies and events follows that order, so it must not follow the command line."""

from __future__ import annotations

import os

from eventdesk.ingest import input_files, read_inputs
from eventdesk.record import Document


def test_files_are_read_in_path_order_however_they_are_named(tmp_path, monkeypatch):
    for sub, name in (("b", "2.txt"), ("a", "9.txt"), ("a", "1.txt"), ("c", "0.txt")):
        (tmp_path / sub).mkdir(exist_ok=True)
        (tmp_path / sub / name).write_text(f"Invented report {sub}{name}.")
    expected = [str(tmp_path / p) for p in ("a/1.txt", "a/9.txt", "b/2.txt", "c/0.txt")]
    given = [str(tmp_path / "c" / "0.txt"), str(tmp_path / "b"), str(tmp_path / "a" / "9.txt"),
             str(tmp_path / "a")]  # a/9.txt named twice: read once
    paths, failed = input_files(given)
    assert not failed and paths == expected
    # a relative name sorts by where it points, not by how it is spelled
    monkeypatch.chdir(tmp_path / "b")
    paths, _ = input_files(["../c/0.txt", str(tmp_path / "a")])
    assert [os.path.abspath(p) for p in paths] == [expected[0], expected[1], expected[3]]
    docs = [d for d in read_inputs(list(reversed(given))) if isinstance(d, Document)]
    assert [d.source for d in docs] == expected


def test_a_name_that_matches_nothing_is_still_reported(tmp_path):
    (tmp_path / "x.txt").write_text("Invented.")
    paths, failed = input_files([str(tmp_path / "missing-*.txt"), str(tmp_path / "x.txt")])
    assert paths == [str(tmp_path / "x.txt")] and len(failed) == 1
    assert "E101" in failed[0].message
