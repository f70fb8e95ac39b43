"""The store: SQLite by default, any SQLAlchemy URL (PostgreSQL for teams)."""

from eventdesk.store.repository import Store, db_url, store_version, upgrade_store

__all__ = ["Store", "db_url", "store_version", "upgrade_store"]
