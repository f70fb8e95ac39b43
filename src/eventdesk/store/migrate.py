"""The store's schema version (Alembic's `alembic_version` table) and its migrations.

A new store is made by running every migration, on SQLite and PostgreSQL alike. A store of
an older schema is refused with E504 until `eventdesk db upgrade` migrates it; a store newer
than this code is refused with E505 and left untouched. A store made before schema versions
(eventdesk's tables, no `alembic_version`) counts as the baseline revision 0001.
"""

from __future__ import annotations

from importlib import resources

from sqlalchemy import inspect, select, table, column, String
from sqlalchemy.engine import Connection, Engine

from eventdesk.errors import Errors, StoreError
from eventdesk.store.schema import KNOWN_VERSIONS, SCHEMA_VERSION

BASELINE = KNOWN_VERSIONS[0]
_VERSION_TABLE = table("alembic_version", column("version_num", String))
_OUR_TABLES = {"documents", "events", "claims", "runs"}


def include_name(name, type_, parent_names) -> bool:
    """For Alembic's comparisons: the evidence indexes of 0004 and 0005 live outside the
    mapped schema (SQLite's full-text virtual tables and their shadow tables, PostgreSQL's
    trigram index)."""
    if type_ == "table" and name:
        return not name.startswith(("event_sources_fts", "event_evidence_fts"))
    return not (type_ == "index" and name == "ix_event_sources_text_trgm")


def _config(connection: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location",
                        str(resources.files("eventdesk.store").joinpath("migrations")))
    cfg.attributes["connection"] = connection
    return cfg


def found_version(connection: Connection) -> str | None:
    """The store's revision; BASELINE for eventdesk tables without one; None when empty.
    Raises StoreError for a database that holds tables but not eventdesk's."""
    names = set(inspect(connection).get_table_names())
    if "alembic_version" in names:
        version = connection.execute(select(_VERSION_TABLE.c.version_num)).scalar()
        if version is not None:
            return version
    if not names - {"alembic_version"}:
        return None
    if not _OUR_TABLES <= names:
        raise StoreError(Errors.E503.format(url="{url}", reason=(
            f"it holds other tables ({', '.join(sorted(names)[:5])}) and not eventdesk's")))
    return BASELINE


def check(engine: Engine, shown: str, create: bool) -> None:
    """Make a new store, or refuse one whose schema is not this code's."""
    with engine.connect() as conn:
        try:
            version = found_version(conn)
        except StoreError as exc:
            raise StoreError(str(exc).replace("{url}", shown)) from None
    if version is None:
        if not create:
            raise StoreError(Errors.E503.format(url=shown, reason="it is empty"))
        with engine.begin() as conn:
            from alembic import command

            command.upgrade(_config(conn), "head")
        return
    if version == SCHEMA_VERSION:
        return
    if version in KNOWN_VERSIONS:
        raise StoreError(Errors.E504.format(url=shown, found=version, wanted=SCHEMA_VERSION))
    raise StoreError(Errors.E505.format(url=shown, found=version, wanted=SCHEMA_VERSION))


def upgrade(engine: Engine, shown: str) -> tuple[str | None, str]:
    """Migrate the store to this code's schema; returns (from, to) revisions."""
    from alembic import command

    with engine.begin() as conn:
        try:
            version = found_version(conn)
        except StoreError as exc:
            raise StoreError(str(exc).replace("{url}", shown)) from None
        if version is not None and version not in KNOWN_VERSIONS:
            raise StoreError(Errors.E505.format(url=shown, found=version, wanted=SCHEMA_VERSION))
        cfg = _config(conn)
        if version == BASELINE and "alembic_version" not in inspect(conn).get_table_names():
            command.stamp(cfg, BASELINE)
        command.upgrade(cfg, "head")
    return version, SCHEMA_VERSION
