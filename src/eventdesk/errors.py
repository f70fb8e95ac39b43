"""Every user-facing error and warning message, each with a code (after spaCy's errors.py).

Use as `raise InputError(Errors.E101.format(path=p, reason=r))`. Codes are stable so that
logs, the store (`status_reason`) and documentation can point at them.
Ranges: E0xx configuration, E1xx input, E2xx cleaning, E3xx knowledge data, E4xx NLP and
extraction, E5xx store, E6xx export and evaluation, E7xx the web API (`eventdesk serve`).
W-codes are warnings: the document is kept and processed, one field or part of it is not.
"""

from __future__ import annotations


class ErrorsWithCodes(type):
    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=ErrorsWithCodes):
    E001 = "Could not load the spaCy pipeline '{name}': {reason}. Install it or set nlp.model in the config."
    E002 = "Unknown setting '{key}' in {path}."
    E003 = "Cannot open the database '{url}': {reason}"
    E004 = "Cannot read the pipeline file {path}: {reason}"
    E005 = "{option} must be {rule}, got {value!r}"
    E006 = "--since must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}"
    E101 = "{path}: {reason}"
    E102 = "file is empty"
    E103 = "binary file (not text, HTML, WARC or JSON Lines)"
    E104 = "file is {size_mb:.0f} MB, over the {limit_mb} MB limit (--max-mb)"
    E105 = "cannot read: {reason}"
    E106 = "line {line}: not valid JSON ({reason})"
    E107 = "line {line}: record has neither 'text' nor 'html'"
    E108 = "WARC record {n}: {reason}"
    E109 = "no such file or folder"
    E110 = "unsupported file type '{suffix}'"
    E111 = "not a manifest: it needs a header row with a file column and a url or date column ({columns})"
    E112 = "folder holds no .txt, .html, .warc(.gz) or .jsonl(.gz) file (found: {kinds})"
    E113 = "cannot read folder {folder}: {reason}"
    E114 = "WARC file is truncated at offset {offset} (in or after record {n}): {reason}"
    E115 = "unexpected {kind} while reading (record or line {n}): {reason}"
    E201 = "no article text found"
    E202 = "language '{language}' is not supported by the extractors (supported: {supported})"
    E203 = "not about armed conflict (relevance score {score:.2f} < {threshold})"
    E301 = "Knowledge file {path} is invalid: {reason}"
    E302 = "Knowledge file '{name}' not found in {folders}"
    E401 = "Extraction failed: {reason}"
    E402 = "no language analysis (run the understanding stage before extraction)"
    E501 = "Could not store {doc}: {reason}"
    E502 = "Cannot write to the store {url}: {reason}"
    E503 = "{url} is not an eventdesk store: {reason}"
    E504 = "The store {url} has schema {found}, older than this eventdesk ({wanted}): run `eventdesk db upgrade --db {url}` (back it up first)"
    E505 = "The store {url} has schema {found}, newer than this eventdesk knows ({wanted}): upgrade eventdesk; nothing was changed"
    E506 = "{doc}: one {kind} could not be stored ({reason}); the document's other items were stored"
    E507 = "Cannot upgrade the store {url}: {reason}"
    E601 = "Unknown export format '{fmt}' (choose from {choices})"
    E602 = "Gold folder {path} holds no gold files"
    E604 = "No inputs for the gold in {path}: give them with --input (or keep them in raw/ beside gold/)"
    E603 = "Parquet export needs pyarrow: {reason}"
    E605 = "Cannot write the export {path}: {reason}"
    E701 = "Spark is not available ({reason}): install the extra (`uv sync --extra spark`) and a Java runtime"
    E702 = "{path} holds no eventdesk Spark output (no documents/ table)"
    W101 = "{source}: field '{field}' ignored: {reason}"
    W102 = "{source}: {message}"
    W201 = "{source}: text of {size} characters cut to the first {limit} (clean max_page_chars)"
    E701 = "Invalid request: {reason}"
    E702 = "Writing needs the operator's bearer token (header 'Authorization: Bearer TOKEN')"
    E703 = "Writing is turned off: the operator set no token (EVENTDESK_TOKEN or --token-file)"
    E704 = "No such {kind}: '{id}'"
    E705 = "Internal error while answering {path}; the server log has the details"
    E706 = "Cannot read the token file {path}: {reason}"
    E707 = "The browser libraries are not installed in {path}: run scripts/setup (npm ci)"


class EventdeskError(Exception):
    """Base class of eventdesk's own errors."""


class InputError(EventdeskError):
    """A document could not be read; the batch goes on."""


class KnowledgeError(EventdeskError):
    """A knowledge data file is missing or does not follow its schema."""


class ConfigError(EventdeskError):
    """A setting is wrong."""


class StoreError(EventdeskError):
    """The store cannot be opened, read or written (not a store, wrong schema, read-only)."""
