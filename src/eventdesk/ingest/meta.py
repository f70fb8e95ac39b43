"""What an input record says about its document (url, title, date, outlet, language),
checked field by field: a field of the wrong type or an impossible value is dropped with a
coded warning (W101) and the document goes on; bad metadata never fails a document."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from eventdesk.errors import Errors

META_FIELDS = ("title", "published", "outlet", "language")
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=$|[T\s])")


def url_problem(url: str) -> str | None:
    """Why `url` is not a usable web address, or None. urlsplit raises on a broken IPv6 host
    ('http://[::1/x'), .port on a port out of range; either would fail later stages."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "not an http(s) address"
    if any(ch.isspace() for ch in url.strip()):
        return "holds white space"
    return None


def date_problem(value: str) -> str | None:
    """Why an ISO-shaped date is impossible ('2017-13-45'), or None. Other shapes ('Oct 30,
    2017') are left to the cleaner's date reader."""
    m = _ISO.match(value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        date(year, month, day)
    except ValueError as exc:
        return f"{value.strip()!r} is not a date ({exc})"
    return None


def record_meta(rec: dict, source: str) -> tuple[dict, str | None, list[str]]:
    """(meta hints, url, warnings) from a record's fields."""
    warnings: list[str] = []

    def drop(name: str, reason: str) -> None:
        warnings.append(Errors.W101.format(source=source, field=name, reason=reason))

    url = rec.get("url")
    if url is not None and not isinstance(url, str):
        drop("url", f"{type(url).__name__}, not text")
        url = None
    elif isinstance(url, str):
        url = url.strip() or None
        problem = url_problem(url) if url else None
        if problem:
            drop("url", problem)
            url = None
    meta = {}
    for name in META_FIELDS:
        value = rec.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            drop(name, f"{type(value).__name__}, not text")
            continue
        if name == "published" and (problem := date_problem(value)):
            drop(name, problem)
            continue
        if value.strip():
            meta[name] = value
    return meta, url, warnings
