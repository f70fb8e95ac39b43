"""Inputs a hostile but fair user gives: each failure is contained to its file or record,
named with a code and counted; nothing is lost in silence. Texts are invented."""

from __future__ import annotations

import io
import json
import os

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventdesk.ingest import IngestConfig, IngestFailure, IngestWarning, read_inputs
from eventdesk.record import Document

ARTICLE = "Militants attacked a checkpoint near the invented town on Friday, officials said.\n"


def _read(*paths, **cfg):
    items = list(read_inputs([str(p) for p in paths], IngestConfig(**cfg)))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, IngestFailure)],
            [i for i in items if isinstance(i, IngestWarning)])


def _warc(n: int, gz: bool, uri: bool = True) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        html = f"<html><body><p>Page {i}. {ARTICLE * 40}</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(f"https://example.org/{i}", "response",
                                        payload=io.BytesIO(html), http_headers=http)
        if not uri:
            rec.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(rec)
    return buf.getvalue()


def test_a_truncated_warc_gz_reports_the_cut_with_file_record_and_offset(tmp_path):
    data = _warc(4, gz=True)
    for cut in (0.45, 0.7, 0.999):
        f = tmp_path / f"cut{cut}.warc.gz"
        f.write_bytes(data[: int(len(data) * cut)])
        docs, fails, _ = _read(f)
        assert len(docs) < 4 or cut == 0.999
        assert len(fails) == 1, cut
        msg = fails[0].message
        assert "E114" in msg and str(f) in msg and "offset" in msg and "record" in msg


def test_a_plain_warc_cut_inside_a_record_does_not_store_the_cut_record(tmp_path):
    data = _warc(3, gz=False)
    f = tmp_path / "cut.warc"
    f.write_bytes(data[: len(data) - 500])
    docs, fails, _ = _read(f)
    assert [d.source for d in docs] == ["https://example.org/0", "https://example.org/1"]
    assert len(fails) == 1 and "E114" in fails[0].message and "record 3" in fails[0].message
    assert "bytes" in fails[0].message and "read" in fails[0].message


def test_a_whole_warc_reads_every_record_without_failure(tmp_path):
    for gz in (True, False):
        f = tmp_path / ("ok.warc.gz" if gz else "ok.warc")
        f.write_bytes(_warc(3, gz=gz))
        docs, fails, warns = _read(f)
        assert len(docs) == 3 and not fails and not warns


def test_a_response_without_target_uri_is_read_and_other_files_go_on(tmp_path):
    (tmp_path / "nouri.warc").write_bytes(_warc(2, gz=False, uri=False))
    (tmp_path / "good.txt").write_text(ARTICLE)
    docs, fails, _ = _read(tmp_path)
    assert not fails
    assert sorted(os.path.basename(d.source) for d in docs) == ["good.txt", "nouri.warc#1",
                                                                "nouri.warc#2"]
    assert all(d.url is None for d in docs)


def test_warcio_warnings_become_coded_warnings_not_stderr_noise(tmp_path, capfd):
    data = _warc(2, gz=False).replace(b"Content-Length: ", b"Content-Length: 1", 1)
    f = tmp_path / "bad_length.warc"
    f.write_bytes(data)
    _read(f)
    assert capfd.readouterr().err == ""


def test_a_file_name_that_is_not_utf8_is_read_with_the_others(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as fh:
        fh.write(ARTICLE.encode())
    (tmp_path / "good.txt").write_text(ARTICLE + "More.\n")
    docs, fails, _ = _read(tmp_path)
    assert not fails and len(docs) == 2
    odd = next(d for d in docs if "caf" in d.source)
    assert "\\xe9" in odd.source
    odd.source.encode("utf-8")  # storable and printable


def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(ARTICLE)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ARTICLE)
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):  # as chmod 000 does for a non-root user
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, fails, _ = _read(tmp_path)
    assert len(docs) == 1
    assert len(fails) == 1 and "E113" in fails[0].message and "locked" in fails[0].message


def test_any_error_in_one_file_is_that_files_failure(tmp_path, monkeypatch):
    import eventdesk.ingest.readers as readers

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("BOOM " + ARTICLE)
    real = readers.decode_bytes

    def decode(data):
        if data.startswith(b"BOOM"):
            raise RuntimeError("a library bug")
        return real(data)

    monkeypatch.setattr(readers, "decode_bytes", decode)
    docs, fails, _ = _read(tmp_path)
    assert [os.path.basename(d.source) for d in docs] == ["a.txt"]
    assert len(fails) == 1 and "E115" in fails[0].message and "RuntimeError" in fails[0].message


def test_utf16_without_bom_is_decoded_not_called_binary(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        f = tmp_path / f"{codec}.txt"
        f.write_bytes(ARTICLE.encode(codec))
        docs, fails, _ = _read(f)
        assert not fails and docs[0].raw == ARTICLE


def test_bad_metadata_is_a_warning_on_that_field_never_a_failed_document(tmp_path):
    f = tmp_path / "feed.jsonl"
    records = [{"text": ARTICLE, "published": "2017-13-45"},
               {"text": ARTICLE + "2", "url": "http://[::1/news/x"},
               {"text": ARTICLE + "3", "title": 5, "outlet": ["x"], "language": 7},
               {"text": ARTICLE + "4", "url": "https://example.org:99999/a"},
               {"text": ARTICLE + "5", "published": "2017-10-30", "title": "Fine"}]
    f.write_text("\n".join(json.dumps(r) for r in records))
    docs, fails, _ = _read(f)
    assert not fails and len(docs) == 5
    assert "published" not in docs[0].meta and docs[1].url is None and docs[3].url is None
    assert docs[1].source == f"{f}#2"
    assert set(docs[2].meta) == {"warnings"}
    for d in docs[:4]:
        assert d.meta["warnings"] and all("W101" in w for w in d.meta["warnings"])
    assert docs[4].meta == {"published": "2017-10-30", "title": "Fine"}
