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
from eventdesk.ingest.meta import record_meta
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


@dataclass(frozen=True)
class IngestWarning:
    """Something in a file that was read anyway but not wholly (a coded message)."""

    source: str
    message: str


def _suffix(path: str) -> str:
    name = path.lower()
    for suffix in SUPPORTED:
        if name.endswith(suffix):
            return suffix
    return Path(name).suffix


def display_path(path: str) -> str:
    """A path as text that any database and terminal accepts: bytes of a file name that are
    not UTF-8 (kept by Python as surrogates) become backslash escapes, so two such names
    stay distinct and a document's id and source never fail to encode."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def expand_inputs(inputs: Iterable[str]) -> Iterator[str | IngestFailure]:
    """Files as given; folders recursively (supported types only, sorted); globs. A subfolder
    that cannot be listed is reported (E113), never skipped in silence."""
    for given in inputs:
        if os.path.isdir(given):
            found, other, unreadable = [], [], []
            for root, _dirs, files in os.walk(given, onerror=unreadable.append):
                for f in files:
                    (found if _suffix(f) in SUPPORTED else other).append(os.path.join(root, f))
            for exc in unreadable:
                folder = display_path(str(exc.filename or given))
                yield IngestFailure(folder, Errors.E101.format(path=display_path(given), reason=Errors.E113.format(
                    folder=folder, reason=exc.strerror or exc)))
            if not found and not unreadable:  # say so rather than read nothing in silence
                kinds = sorted({_suffix(f) or "(none)" for f in other})
                yield IngestFailure(given, Errors.E101.format(path=display_path(given), reason=Errors.E112.format(
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


def input_files(inputs: Iterable[str]) -> tuple[list[str], list[IngestFailure]]:
    """The files `inputs` name, in the order a run reads and merges them, and what could not
    be listed. The order is the files' absolute paths (a file named twice is read once),
    never the order the inputs were given or listed in: which copy of a story is the original
    and which report an event is built from follow the order documents are stored, so a run
    over the same files gives the same merge however it is invoked, and a Spark run, which
    reads files in any order over its tasks, gives the same as a local one (spark/executor.py
    keys each document by its file's place in this list and its place in the file)."""
    found: dict[str, str] = {}
    failed = []
    for item in expand_inputs(inputs):
        if isinstance(item, IngestFailure):
            failed.append(item)
        else:
            found.setdefault(os.path.abspath(item), item)
    return [found[k] for k in sorted(found)], failed


def read_inputs(inputs: Iterable[str], config: IngestConfig | None = None
                ) -> Iterator[Document | IngestFailure | IngestWarning]:
    """Documents, failures and warnings of every input file, files in `input_files` order
    and each file's records in the order it holds them."""
    config = config or IngestConfig()
    manifest = ManifestIndex(list(config.manifests), auto=config.auto_manifest)
    paths, failed = input_files(inputs)
    yield from failed
    for path in paths:
        yield from _contained(path, read_file(path, config, manifest))


def _contained(path: str, items: Iterator[Document | IngestFailure]
               ) -> Iterator[Document | IngestFailure]:
    """Whatever a reader or a library under it raises on one file is that file's failure,
    named and counted; the batch goes on with the next file."""
    n = 0
    try:
        for n, item in enumerate(items, 1):
            yield item
    except Exception as exc:  # noqa: BLE001 - the isolation boundary of one input file
        yield _fail(path, Errors.E115.format(kind=type(exc).__name__, n=n + 1, reason=exc))


def _fail(path: str, reason: str) -> IngestFailure:
    shown = display_path(path)
    return IngestFailure(shown, Errors.E101.format(path=shown, reason=reason))


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
    source = display_path(path)
    meta, url, warnings = record_meta({"published": entry.published, "url": entry.url}
                                      if entry else {}, source)
    if warnings:
        meta["warnings"] = warnings
    # The id keys on the file name, not the path as typed, so `seeds/x.txt` and
    # `./seeds/x.txt` are the same document on a re-run.
    yield Document(id=document_id(os.path.basename(source), text), source=source,
                   url=url, content_type=kind, raw=text, meta=meta)


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
        meta, url, warnings = record_meta(rec, f"{display_path(path)}#{n}")
        source = url or f"{display_path(path)}#{n}"
        if warnings:
            meta["warnings"] = warnings
        kind = "html" if raw is html or _looks_html(raw) else "text"
        yield Document(id=document_id(source, raw), source=source, url=url,
                       content_type=kind, raw=raw, meta=meta)


def _read_warc(path: str) -> Iterator[Document | IngestFailure | IngestWarning]:
    from eventdesk.ingest.warc import read_warc

    for item in read_warc(path, display_path(path)):
        if isinstance(item, Document):
            yield item
        elif item[0] == "warn":
            yield IngestWarning(display_path(path), item[1])
        else:
            yield _fail(path, item[1])
