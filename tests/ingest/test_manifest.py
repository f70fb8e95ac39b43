"""Corpus manifests: an index beside plain text files gives them their address and date."""

from __future__ import annotations

import pytest

from eventdesk.errors import InputError
from eventdesk.ingest import IngestConfig, read_inputs
from eventdesk.ingest.manifest import read_manifest
from eventdesk.record import Document

ARTICLE = "Militants attacked a checkpoint near the town on Tuesday, officials said.\n"
INDEX = """# Corpus index

| file | outlet | date | address |
|---|---|---|---|
| a.txt | Example | 2014-06-10 (from URL) | http://example.com/2014/06/10/a/ |
| b.txt | Example | unknown (not on page) | https://example.com/b |
"""


def _docs(folder, **cfg):
    return [d for d in read_inputs([str(folder)], IngestConfig(**cfg)) if isinstance(d, Document)]


def test_a_markdown_index_beside_the_files_gives_address_and_date(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Tuesday", "Monday"))
    (tmp_path / "INDEX.md").write_text(INDEX)
    docs = {d.source.rsplit("/", 1)[-1]: d for d in _docs(tmp_path)}
    assert docs["a.txt"].url == "http://example.com/2014/06/10/a/"
    assert docs["a.txt"].meta["published"] == "2014-06-10"
    assert docs["b.txt"].url == "https://example.com/b" and "published" not in docs["b.txt"].meta


def test_no_manifest_leaves_the_files_alone(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "INDEX.md").write_text(INDEX)
    [doc] = _docs(tmp_path, auto_manifest=False)
    assert doc.url is None and not doc.meta


def test_an_explicit_csv_manifest_is_read_by_file_name(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    manifest = tmp_path / "elsewhere.csv"
    manifest.write_text("filename,url,published\na.txt,https://news.example/x,2019-10-27\n")
    [doc] = _docs(tmp_path / "a.txt", manifests=(str(manifest),))
    assert doc.url == "https://news.example/x" and doc.meta["published"] == "2019-10-27"


def test_a_table_without_a_file_column_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "list.csv"
    bad.write_text("title,author\nA,B\n")
    with pytest.raises(InputError, match="list.csv.*file column"):
        read_manifest(bad)


def test_the_cli_passes_the_manifest_to_the_run(tmp_path):
    from typer.testing import CliRunner

    from eventdesk.cli import app

    (tmp_path / "a.txt").write_text(ARTICLE)
    bad = tmp_path / "list.csv"
    bad.write_text("title,author\nA,B\n")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"),
                                      "--manifest", str(bad)])
    assert result.exit_code == 2 and "file column" in result.output
