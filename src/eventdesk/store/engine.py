"""Opening a store's database: its URL (printed without the password), the SQLAlchemy engine
with SQLite's settings, and a driver's errors as coded lines. `eventdesk db upgrade` and
`eventdesk db version` open a store here without making a Store, which would refuse an old
schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, SQLAlchemyError

from eventdesk.errors import ConfigError, Errors, StoreError
from eventdesk.store import migrate

# A writer waits this long for another writer's lock before giving up (SQLite busy timeout).
# A document's transaction takes well under a second on the seeds; 60 s covers a merge-heavy
# document of a concurrent run on a slow disk.
BUSY_TIMEOUT_S = 60.0


def db_url(path_or_url: str) -> str:
    """A plain path means a SQLite file; anything with '://' is an SQLAlchemy URL."""
    if "://" in path_or_url:
        return path_or_url
    return "sqlite:///" + os.path.abspath(path_or_url)


def shown_url(url: str) -> str:
    """The URL as printed in messages and logs: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1] if "@" in url else url


def redact(message: str, url: str) -> str:
    """A driver's message with the URL's password (if one was given) blanked out."""
    try:
        password = make_url(url).password
    except ArgumentError:
        return message
    return message.replace(str(password), "***") if password else message


def _sqlite_connect(dbapi_conn, _record) -> None:
    # the driver's own transaction handling is off so that SQLAlchemy's BEGIN (below) and
    # SAVEPOINTs work as documented (SQLAlchemy's pysqlite notes)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    # a writer takes the write lock at BEGIN, so what it reads (stored events to merge with)
    # cannot change under it; readers do not block anyone (WAL)
    write = conn.get_execution_options().get("eventdesk_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _engine(url: str) -> Engine:
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S} if sqlite else {})
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


@contextmanager
def _coded_errors(url: str) -> Iterator[None]:
    """A driver's error on opening a store as one coded line, without the password."""
    shown = shown_url(url)
    try:
        yield
    except OperationalError as exc:
        reason = redact(str(exc.orig if exc.orig is not None else exc).strip(), url)
        if "readonly" in reason or "read-only" in reason:
            raise StoreError(Errors.E502.format(url=shown, reason=reason)) from None
        raise ConfigError(Errors.E003.format(url=shown, reason=reason)) from None
    except DatabaseError as exc:  # "file is not a database", a foreign server
        reason = redact(str(exc.orig if exc.orig is not None else exc).strip(), url)
        raise StoreError(Errors.E503.format(url=shown, reason=reason)) from None
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise ConfigError(Errors.E003.format(url=shown, reason=redact(str(exc), url))) from None


def _existing(path_or_url: str) -> str:
    url = db_url(path_or_url)
    if url.startswith("sqlite:///") and not os.path.exists(url[len("sqlite:///"):]):
        raise ConfigError(Errors.E003.format(url=shown_url(url), reason="no such file"))
    return url


def upgrade_store(path_or_url: str) -> tuple[str | None, str]:
    """`eventdesk db upgrade`: migrate a store to this code's schema; (from, to)."""
    url = _existing(path_or_url)
    with _coded_errors(url):
        engine = _engine(url)
        try:
            return migrate.upgrade(engine, shown_url(url))
        except SQLAlchemyError as exc:
            raise StoreError(Errors.E507.format(url=shown_url(url), reason=redact(
                str(getattr(exc, "orig", None) or exc).strip(), url))) from None


def store_version(path_or_url: str) -> str | None:
    url = _existing(path_or_url)
    with _coded_errors(url), _engine(url).connect() as conn:
        return migrate.found_version(conn)

