"""Ingest: turn files, folders and globs of text, HTML, WARC and JSON Lines into Documents."""

from eventdesk.ingest.readers import IngestConfig, IngestFailure, expand_inputs, read_inputs

__all__ = ["IngestConfig", "IngestFailure", "expand_inputs", "read_inputs"]
