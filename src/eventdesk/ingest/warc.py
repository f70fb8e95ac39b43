"""WARC and WET files through warcio, with what warcio leaves unsaid made explicit.

warcio stops in silence at a cut gzip member (the records after the cut vanish), returns a
record cut inside its block as if whole, crashes on a response without WARC-Target-URI, and
writes its own warnings to stderr. Here a short block, an unfinished gzip member and unread
bytes at the end are each reported (file, record, offset: E114); a record without address is
read under PATH#N; warcio's warnings become coded warnings of the file (W102); anything else
that goes wrong in one record is that file's failure (E108/E115), never the batch's.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import redirect_stderr

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader

from eventdesk.errors import Errors
from eventdesk.ingest.decode import decode_bytes
from eventdesk.ingest.meta import url_problem
from eventdesk.record import Document, document_id

KEPT_TYPES = ("response", "resource", "conversion")


class _Loader(ArcWarcRecordLoader):
    def load_http_headers(self, rec_type, uri, stream, length):
        # A response record's block is an HTTP message (WARC 1.1, 6.3); warcio decides that
        # from the target URI's scheme and crashes when the header is missing.
        return super().load_http_headers(rec_type, uri if uri is not None else "http:", stream,
                                          length)


class _Iterator(ArchiveIterator):
    """Notes whether the last gzip member ended properly before warcio closes it."""

    member_cut = False

    def __init__(self, fh) -> None:
        super().__init__(fh)
        self.loader = _Loader()

    def close(self) -> None:
        dec = self.reader.decompressor if self.reader is not None else None
        if dec is not None and not getattr(dec, "eof", True):
            self.member_cut = True
        super().close()


def read_warc(path: str, shown: str) -> Iterator[Document | tuple[str, str]]:
    """Documents of a WARC/WET file, and ("fail"|"warn", message) for what went wrong."""
    size = os.path.getsize(path)
    n, end, cut = 0, 0, False
    warnings: list[str] = []
    with open(path, "rb") as fh:
        it = _Iterator(fh)
        records = iter(it)
        while True:
            noise = io.StringIO()
            try:
                with redirect_stderr(noise):
                    record = next(records, None)
            except ArchiveLoadFailed as exc:
                yield "fail", Errors.E108.format(n=n + 1, reason=exc)
                return
            finally:
                if noise.getvalue().strip():
                    warnings.append(noise.getvalue().strip().splitlines()[0])
            end = it.offset
            if record is None:
                break
            n += 1
            offset = it.offset
            try:
                with redirect_stderr(noise):
                    item = _document(record, shown, n)
            except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
                yield "fail", Errors.E108.format(n=n, reason=exc)
                continue
            remaining = getattr(record.raw_stream, "limit", 0) or 0
            if remaining > 0:
                cut = True  # the end of the file is this same cut: said once
                yield "fail", Errors.E114.format(offset=offset, n=n, reason=(
                    f"record declares {record.length} bytes, {record.length - remaining} read"))
                continue
            if item is not None:
                yield item
    for message in warnings:
        yield "warn", Errors.W102.format(source=shown, message=f"warcio: {message}")
    if cut:
        return
    if it.member_cut:
        yield "fail", Errors.E114.format(offset=end, n=n + 1, reason="the gzip member is cut off")
    elif end < size and _unread_bytes(path, end):
        yield "fail", Errors.E114.format(offset=end, n=n + 1, reason=(
            f"{size - end} bytes after the last whole record could not be read"))
    elif n == 0:
        yield "fail", Errors.E108.format(n=1, reason="no readable record (truncated or not WARC)")


def _unread_bytes(path: str, offset: int) -> bool:
    with open(path, "rb") as fh:
        fh.seek(offset)
        return bool(fh.read(4096).strip())


def _document(record, shown: str, n: int) -> Document | None:
    """The record's page as a Document, or None for a record that holds no page."""
    # the block is read to its end in every case, so that a short block is seen as such
    payload = record.content_stream().read()
    if record.rec_type not in KEPT_TYPES:
        return None
    ctype = ""
    if record.http_headers is not None:
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    is_wet = record.rec_type == "conversion"
    if not is_wet and ctype and "html" not in ctype:
        return None
    if not payload.strip():
        return None
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    url = uri if uri and url_problem(uri) is None else None
    source = uri or f"{shown}#{n}"
    text = decode_bytes(payload)
    head = text.lstrip()[:500].lower()
    looks_html = head.startswith("<!doctype html") or "<html" in head or "<body" in head
    kind = "text" if is_wet or not looks_html else "html"
    date = record.rec_headers.get_header("WARC-Date")
    meta = {"crawled": date[:10]} if date else {}
    return Document(id=document_id(source, text), source=source, url=url,
                    content_type=kind, raw=text, meta=meta)
