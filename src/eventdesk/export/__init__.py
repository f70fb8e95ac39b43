"""Exports: JSON Lines (the interchange format of spec/export-format.md), CSV in ACLED's
columns, GeoJSON of events, Parquet tables."""

from eventdesk.export.writers import FORMATS, export

__all__ = ["FORMATS", "export"]
