"""Ingest: turn files, folders and globs of text, HTML, WARC and JSON Lines into Documents."""

from eventdesk.ingest.readers import (IngestConfig, IngestFailure, IngestWarning, expand_inputs,
                                     input_files, read_inputs)

__all__ = ["IngestConfig", "IngestFailure", "IngestWarning", "expand_inputs", "input_files",
           "read_inputs"]
