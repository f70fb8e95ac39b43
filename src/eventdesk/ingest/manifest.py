"""Sidecar manifests: what a corpus index says about its plain files (address, date).

Scraped text files rarely carry their page address or date; collections of them usually come
with an index (a CSV, a Markdown table, a JSON Lines list) naming each file's address and
publication date. A manifest row gives the document its `url` and `meta["published"]`, which
the cleaner then prefers to what it can guess from the text.

Found automatically beside the files (`AUTO_NAMES` in the file's folder), or given with
`--manifest`. Columns are recognised by name, case-insensitively (`COLUMNS`); other columns are
ignored. A date cell counts only when it starts with an ISO date ("2016-11-08 (from URL)"
gives 2016-11-08; "unknown" gives nothing).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import Errors, InputError

AUTO_NAMES = ("INDEX.md", "index.md", "index.csv", "manifest.csv", "INDEX.csv")
COLUMNS = {
    "file": ("file", "filename", "file_name", "path", "name"),
    "url": ("url", "address", "link", "source_url", "page"),
    "published": ("published", "date", "publication_date", "pubdate", "date_published"),
}
_ISO_DATE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b")
_URL = re.compile(r"^\s*<?(https?://\S+?)>?\s*$")


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None
    published: str | None


def _column(header: list[str], key: str) -> int | None:
    names = [h.strip().lower() for h in header]
    for wanted in COLUMNS[key]:
        if wanted in names:
            return names.index(wanted)
    return None


def _markdown_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue  # the |---|---| rule under the header
        rows.append(cells)
    return rows


def _jsonl_rows(text: str, path: Path) -> list[list[str]]:
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            raise InputError(Errors.E101.format(path=path, reason=Errors.E106.format(line=n, reason=exc))) from exc
        if isinstance(rec, dict):
            records.append(rec)
    header = sorted({k for r in records for k in r})
    return [header] + [[str(r.get(k) or "") for k in header] for r in records]


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Errors.E101.format(path=path, reason=Errors.E105.format(reason=exc))) from exc
    suffix = path.suffix.lower()
    if suffix == ".md":
        return _markdown_rows(text)
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_rows(text, path)
    dialect = "excel-tab" if suffix == ".tsv" else "excel"
    return [row for row in csv.reader(io.StringIO(text), dialect=dialect) if row]


def read_manifest(path: str | Path) -> dict[str, ManifestEntry]:
    """Rows of a manifest by file name (the base name, as listed)."""
    path = Path(path)
    rows = _rows(path)
    if not rows:
        return {}
    header, body = rows[0], rows[1:]
    col_file, col_url, col_date = (_column(header, k) for k in ("file", "url", "published"))
    if col_file is None or (col_url is None and col_date is None):
        raise InputError(Errors.E101.format(path=path, reason=Errors.E111.format(
            columns=", ".join(f"{k}: {'/'.join(v)}" for k, v in COLUMNS.items()))))
    out = {}
    for row in body:
        if col_file >= len(row) or not row[col_file]:
            continue
        url = _cell(row, col_url, _URL)
        published = _cell(row, col_date, _ISO_DATE)
        out[os.path.basename(row[col_file].strip("` "))] = ManifestEntry(url, published)
    return out


def _cell(row: list[str], col: int | None, pattern: re.Pattern) -> str | None:
    if col is None or col >= len(row):
        return None
    m = pattern.match(row[col])
    return m[1] if m else None


class ManifestIndex:
    """Manifest rows for files: explicit manifests first, then one found beside each file.
    Each folder's manifest is read once."""

    def __init__(self, explicit: list[str | Path] = (), auto: bool = True) -> None:
        self.explicit: dict[str, ManifestEntry] = {}
        for path in explicit:
            self.explicit.update(read_manifest(path))
        self.auto = auto
        self._folders: dict[str, dict[str, ManifestEntry]] = {}

    def lookup(self, file_path: str) -> ManifestEntry | None:
        name = os.path.basename(file_path)
        if name in self.explicit:
            return self.explicit[name]
        if not self.auto:
            return None
        folder = os.path.dirname(os.path.abspath(file_path))
        if folder not in self._folders:
            self._folders[folder] = self._beside(folder)
        return self._folders[folder].get(name)

    @staticmethod
    def _beside(folder: str) -> dict[str, ManifestEntry]:
        for name in AUTO_NAMES:
            path = Path(folder) / name
            if path.is_file():
                try:
                    return read_manifest(path)
                except InputError:
                    return {}  # an index of another shape (a README table): not a manifest
        return {}
