"""Fuzzing on a fixed budget (hypothesis, derandomised so CI is reproducible): whatever bytes
a file holds, whatever types a JSON Lines record carries, however a WARC is cut or garbled,
the readers and the cleaner return documents or coded failures, never raise, never hang."""

from __future__ import annotations

import gzip
import io
import json
import signal
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventdesk.clean import clean_document
from eventdesk.ingest import IngestFailure, IngestWarning, read_inputs
from eventdesk.ingest.decode import decode_bytes
from eventdesk.record import Document

# 40 examples per property keeps the file near 30 s on the 2-core CI machine; every example
# must finish within HANG_S (seconds), far above the slowest seen (under 1 s).
BUDGET = settings(max_examples=40, derandomize=True, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow])
HANG_S = 30
SUFFIXES = [".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".txt.gz", ".jsonl.gz", ".htm"]


@contextmanager
def no_hang():
    def stop(*_):
        raise TimeoutError(f"took over {HANG_S} s: a hang")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _check(items) -> list[Document]:
    docs = []
    for item in items:
        assert isinstance(item, (Document, IngestFailure, IngestWarning))
        if isinstance(item, Document):
            item.source.encode("utf-8")
            item.raw.encode("utf-8", "surrogatepass")
            assert all(isinstance(v, (str, list)) for v in item.meta.values())
            docs.append(item)
        else:
            assert item.message.startswith("[")  # coded
    return docs


@BUDGET
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_supported_file_never_break_the_reader(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fz") / f"page{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") and data[:1] == b"z" else data)
    with no_hang():
        _check(read_inputs([str(path)]))


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=40),
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
                    max_leaves=8)
FIELDS = ["text", "html", "url", "title", "published", "outlet", "language"]
TEXTISH = st.one_of(JSON, st.sampled_from(["2017-13-45", "2017-02-30", "http://[::1/x",
                                           "https://example.org:99999/", "Oct 30, 2017",
                                           "<html><body><p>Invented page.</p></body></html>",
                                           "Militants attacked a post, officials said."]))


@BUDGET
@given(records=st.lists(st.dictionaries(st.sampled_from(FIELDS), TEXTISH, max_size=7),
                        min_size=1, max_size=4))
def test_json_lines_records_of_odd_types_are_read_or_named(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("fz") / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    with no_hang():
        docs = _check(read_inputs([str(path)]))
    for doc in docs:
        for name in ("title", "published", "outlet", "language"):
            assert name not in doc.meta or isinstance(doc.meta[name], str)
        assert doc.url is None or doc.url.startswith(("http://", "https://"))


@BUDGET
@given(raw=st.one_of(st.text(max_size=2000), st.binary(max_size=2000).map(decode_bytes)),
       html=st.booleans(), url=st.one_of(st.none(), st.text(max_size=30)),
       published=st.one_of(st.none(), st.text(max_size=20)))
def test_the_cleaner_takes_any_text_or_markup(raw, html, url, published):
    if html:
        raw = f"<html><head><title>{raw[:50]}</title></head><body><p>{raw}</p></body></html>"
    doc = Document(id="d-fuzz", source="fuzz", url=url, content_type="html" if html else "text",
                   raw=raw, meta={"published": published} if published else {})
    with no_hang():
        clean_document(doc)
    assert doc.body is None or isinstance(doc.body, str)


def _warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(3):
        html = f"<html><body><p>Invented page {i}. Gunmen attacked a post.</p></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/{i}", "response", payload=io.BytesIO(html.encode()),
            http_headers=http))
    return buf.getvalue()


WARCS = {True: _warc(True), False: _warc(False)}


@BUDGET
@given(gz=st.booleans(), cut=st.floats(0, 1), flips=st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4), junk=st.binary(max_size=50))
def test_a_cut_or_garbled_warc_never_breaks_the_reader(tmp_path_factory, gz, cut, flips, junk):
    data = bytearray(WARCS[gz][: int(len(WARCS[gz]) * cut)])
    for where, byte in flips:
        if data:
            data[int(where * (len(data) - 1))] = byte
    path = tmp_path_factory.mktemp("fz") / ("x.warc.gz" if gz else "x.warc")
    path.write_bytes(bytes(data) + junk)
    with no_hang():
        docs = _check(read_inputs([str(path)]))
    assert len(docs) <= 3
