"""CLEAN: from a raw page (plain-text scrape or HTML) to the article and its metadata.

    from eventdesk.clean import CleanConfig, CleanStage, clean_document
    clean_document(doc, CleanConfig())  # fills body, title, authors, published, outlet, language
"""

from eventdesk.clean.config import CleanConfig
from eventdesk.clean.core import CleanStage, clean_document

__all__ = ["CleanConfig", "CleanStage", "clean_document"]
