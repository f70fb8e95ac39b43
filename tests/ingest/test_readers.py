import gzip
import io
import json
import os

from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders

from eventdesk.ingest import IngestConfig, IngestFailure, read_inputs
from eventdesk.record import Document

ARTICLE = "Militants attacked a checkpoint near the town on Friday, officials said.\n"


def _read(*paths, **cfg):
    items = list(read_inputs([str(p) for p in paths], IngestConfig(**cfg)))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, IngestFailure)]
    return docs, fails


def test_folder_is_read_recursively_with_supported_types_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (tmp_path / "notes.md").write_text("not an input")
    docs, fails = _read(tmp_path)
    assert sorted(os.path.basename(d.source) for d in docs) == ["one.txt", "two.html"]
    assert {d.content_type for d in docs} == {"text", "html"}
    assert not fails


def test_source_is_the_path_as_given_and_id_is_stable(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text(ARTICLE)
    (d1,), _ = _read(f)
    (d2,), _ = _read(f"{tmp_path}/./x.txt")
    assert d1.source == str(f)
    assert d1.id == d2.id


def test_jsonl_records_use_url_else_path_and_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [{"url": "https://example.org/2022/12/11/raid", "text": ARTICLE, "title": "Raid"},
             {"html": f"<html><body><p>{ARTICLE}</p></body></html>"},
             "not json", {"title": "no text"}]
    f.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines))
    docs, fails = _read(f)
    assert [d.source for d in docs] == ["https://example.org/2022/12/11/raid", f"{f}#2"]
    assert docs[0].url == "https://example.org/2022/12/11/raid" and docs[0].meta["title"] == "Raid"
    assert docs[1].content_type == "html"
    assert len(fails) == 2 and "line 3" in fails[0].message and "line 4" in fails[1].message


def _warc_bytes(pages):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, html in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response",
                                                      payload=io.BytesIO(html.encode()),
                                                      http_headers=http))
    return buf.getvalue()


def test_warc_response_records_become_documents_with_target_uri(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(_warc_bytes([("https://news.example/a", f"<html><body><p>{ARTICLE}</p></body></html>"),
                               ("https://news.example/b", f"<html><body><p>{ARTICLE}x</p></body></html>")]))
    docs, fails = _read(f)
    assert [d.source for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert all(d.content_type == "html" for d in docs) and not fails


def test_broken_warc_is_reported_with_file_name_and_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    bad = tmp_path / "broken.warc.gz"
    data = _warc_bytes([("https://news.example/a", "<html><body>x</body></html>")])
    bad.write_bytes(data[: len(data) // 2])
    docs, fails = _read(bad, good)
    assert [os.path.basename(d.source) for d in docs] == ["good.txt"]
    assert len(fails) == 1 and "broken.warc.gz" in fails[0].message


def test_bad_files_each_get_one_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (tmp_path / "big.txt").write_bytes(b"word " * 300_000)
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    (tmp_path / "ok.txt").write_text(ARTICLE)
    docs, fails = _read(tmp_path, max_mb=1)
    assert [os.path.basename(d.source) for d in docs] == ["ok.txt"]
    by_file = {os.path.basename(f.source): f.message for f in fails}
    assert "empty" in by_file["empty.txt"]
    assert "binary" in by_file["image.txt"]
    assert "MB" in by_file["big.txt"]
    assert "cannot read" in by_file["dangling.txt"]
    assert all(m.startswith("[E") and "\n" not in m for m in by_file.values())


def test_encodings_bom_cp1252_and_mixed_lines_decode(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Caf\u00e9 attack.".encode())
    (tmp_path / "cp.txt").write_bytes("\u201cThe militants\u201d attacked \u2013 officials said.".encode("cp1252"))
    (tmp_path / "mixed.txt").write_bytes("Deir ez-Zor \u2013 first line.\n".encode()
                                         + "Second line \u2019quoted\u2019.".encode("cp1252"))
    docs, fails = _read(tmp_path)
    text = {os.path.basename(d.source): d.raw for d in docs}
    assert text["bom.txt"] == "Caf\u00e9 attack."
    assert text["cp.txt"] == "\u201cThe militants\u201d attacked \u2013 officials said."
    assert text["mixed.txt"] == "Deir ez-Zor \u2013 first line.\nSecond line \u2019quoted\u2019."
    assert not fails


def test_missing_input_is_reported():
    docs, fails = _read("/nonexistent/folder/*.txt")
    assert not docs and "no such file" in fails[0].message


def test_gzipped_jsonl(tmp_path):
    f = tmp_path / "feed.jsonl.gz"
    f.write_bytes(gzip.compress(json.dumps({"url": "https://x.example/1", "text": ARTICLE}).encode()))
    docs, _ = _read(f)
    assert docs[0].source == "https://x.example/1"


def test_gzipped_html_and_text_pages_are_read(tmp_path):
    with gzip.open(tmp_path / "page.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(f"<html><body><p>{ARTICLE}</p></body></html>")
    with gzip.open(tmp_path / "scrape.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(ARTICLE)
    docs, fails = _read(tmp_path)
    assert not fails and sorted(d.content_type for d in docs) == ["html", "text"]


def test_a_folder_with_nothing_readable_is_reported_not_silently_empty(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    docs, fails = _read(tmp_path)
    assert not docs and len(fails) == 1
    assert "E112" in fails[0].message and ".pdf" in fails[0].message
