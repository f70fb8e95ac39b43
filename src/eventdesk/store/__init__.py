"""The store: SQLite by default, any SQLAlchemy URL (PostgreSQL for teams)."""

from eventdesk.store.engine import db_url, store_version, upgrade_store
from eventdesk.store.repository import Store

__all__ = ["Store", "db_url", "store_version", "upgrade_store"]
