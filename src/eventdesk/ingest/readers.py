"""Readers for the input formats. Each yields Documents, or IngestFailures for what it
could not read, so that one bad file never stops a batch."""

from __future__ import annotations

import glob
import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import Errors
from eventdesk.ingest.decode import decode_bytes, looks_binary
from eventdesk.ingest.manifest import ManifestIndex
from eventdesk.record import Document, document_id

TEXT_SUFFIXES = (".txt", ".wet", ".text", ".txt.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + JSONL_SUFFIXES


@dataclass(frozen=True)
class IngestConfig:
    # Files above this are refused with E104: the largest real news page we have seen is
    # under 2 MB of HTML; WARC and JSON Lines files hold many pages and are streamed.
    max_mb: float = 50.0
    # corpus indexes naming each plain file's address and date (ingest/manifest.py); one
    # found beside the files (INDEX.md, index.csv, ...) is read unless auto_manifest is off
    manifests: tuple[str, ...] = ()
    auto_manifest: bool = True


@dataclass(frozen=True)
class IngestFailure:
    """A file or record that could not be read, and why (a coded message)."""

    source: str
    message: str


def _suffix(path: str) -> str:
    name = path.lower()
    for suffix in SUPPORTED:
        if name.endswith(suffix):
            return suffix
    return Path(name).suffix


def expand_inputs(inputs: Iterable[str]) -> Iterator[str | IngestFailure]:
    """Files as given; folders recursively (supported types only, sorted); globs."""
    for given in inputs:
        if os.path.isdir(given):
            found, other = [], []
            for root, _dirs, files in os.walk(given):
                for f in files:
                    (found if _suffix(f) in SUPPORTED else other).append(os.path.join(root, f))
            if not found:  # say so rather than read nothing in silence
                kinds = sorted({_suffix(f) or "(none)" for f in other})
                yield IngestFailure(given, Errors.E101.format(path=given, reason=Errors.E112.format(
                    kinds=", ".join(kinds[:8]) or "nothing")))
            yield from sorted(found)
        elif os.path.exists(given):
            yield given
        else:
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield IngestFailure(given, Errors.E101.format(path=given, reason=Errors.E109))
            for match in matches:
                if os.path.isdir(match):
                    yield from expand_inputs([match])
                else:
                    yield match


def read_inputs(inputs: Iterable[str], config: IngestConfig | None = None
                ) -> Iterator[Document | IngestFailure]:
    config = config or IngestConfig()
    manifest = ManifestIndex(list(config.manifests), auto=config.auto_manifest)
    for path in expand_inputs(inputs):
        if isinstance(path, IngestFailure):
            yield path
            continue
        yield from read_file(path, config, manifest)


def _fail(path: str, reason: str) -> IngestFailure:
    return IngestFailure(path, Errors.E101.format(path=path, reason=reason))


def read_file(path: str, config: IngestConfig, manifest: ManifestIndex | None = None
              ) -> Iterator[Document | IngestFailure]:
    suffix = _suffix(path)
    if suffix not in SUPPORTED:
        yield _fail(path, Errors.E110.format(suffix=suffix or "(none)"))
        return
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        yield _fail(path, Errors.E105.format(reason=exc.strerror or exc))
        return
    if suffix in WARC_SUFFIXES:
        yield from _read_warc(path)
        return
    if size > config.max_mb * 1024 * 1024:
        yield _fail(path, Errors.E104.format(size_mb=size / 1048576, limit_mb=config.max_mb))
        return
    if size == 0:
        yield _fail(path, Errors.E102)
        return
    try:
        opener = gzip.open if path.lower().endswith(".gz") else open
        with opener(path, "rb") as fh:
            data = fh.read()
    except (OSError, EOFError) as exc:
        yield _fail(path, Errors.E105.format(reason=getattr(exc, "strerror", None) or exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, data)
        return
    if looks_binary(data):
        yield _fail(path, Errors.E103)
        return
    text = decode_bytes(data)
    if not text.strip():
        yield _fail(path, Errors.E102)
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text"
    entry = manifest.lookup(path) if manifest is not None else None
    meta = {"published": entry.published} if entry and entry.published else {}
    # The id keys on the file name, not the path as typed, so `seeds/x.txt` and
    # `./seeds/x.txt` are the same document on a re-run.
    yield Document(id=document_id(os.path.basename(path), text), source=path,
                   url=entry.url if entry else None, content_type=kind, raw=text, meta=meta)


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or "<html" in head or "<body" in head


def _read_jsonl(path: str, data: bytes) -> Iterator[Document | IngestFailure]:
    if looks_binary(data):
        yield _fail(path, Errors.E103)
        return
    for n, line in enumerate(decode_bytes(data).splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("a line must hold a JSON object")
        except ValueError as exc:
            yield _fail(path, Errors.E106.format(line=n, reason=exc))
            continue
        html, text = rec.get("html"), rec.get("text")
        raw = html if isinstance(html, str) and html.strip() else text
        if not isinstance(raw, str) or not raw.strip():
            yield _fail(path, Errors.E107.format(line=n))
            continue
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        source = url or f"{path}#{n}"
        meta = {k: rec[k] for k in ("title", "published", "outlet", "language") if rec.get(k)}
        kind = "html" if raw is html or _looks_html(raw) else "text"
        yield Document(id=document_id(source, raw), source=source, url=url,
                       content_type=kind, raw=raw, meta=meta)


def _read_warc(path: str) -> Iterator[Document | IngestFailure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), 1):
                if record.rec_type not in ("response", "resource", "conversion"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{n}"
                ctype = ""
                if record.http_headers is not None:
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                payload = record.content_stream().read()
                if record.length and record.http_headers is None and len(payload) < record.length:
                    yield _fail(path, Errors.E108.format(n=n, reason="record is truncated"))
                    continue
                is_wet = record.rec_type == "conversion"
                if not is_wet and ctype and "html" not in ctype:
                    continue
                if not payload.strip():
                    continue
                text = decode_bytes(payload)
                kind = "text" if is_wet or not _looks_html(text) else "html"
                date = record.rec_headers.get_header("WARC-Date")
                meta = {"crawled": date[:10]} if date else {}
                yield Document(id=document_id(uri, text), source=uri, url=uri,
                               content_type=kind, raw=text, meta=meta)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield _fail(path, Errors.E108.format(n=n + 1, reason=exc))
        return
    if n == 0:
        # warcio stops silently on a cut gzip member: say so rather than report nothing.
        yield _fail(path, Errors.E108.format(n=1, reason="no readable record (truncated or not WARC)"))
