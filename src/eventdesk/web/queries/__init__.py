"""Read-only questions over the store for the web API and pages (SQLAlchemy, indexed)."""
