"""HTML pages: trafilatura for the article and its metadata (htmldate inside it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventdesk.clean.config import CleanConfig


@dataclass
class HtmlArticle:
    body: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    sitename: str | None = None
    text_fallback: str = ""  # the page as plain text, for the line classifier


def _split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    parts = re.split(r";|,|\band\b|&", value)
    return [p.strip() for p in parts if p.strip() and len(p.split()) <= 5]


def extract_html(html: str, url: str | None, config: CleanConfig) -> HtmlArticle:
    """The article of an HTML page; an empty body when trafilatura finds none."""
    import trafilatura

    if not html.strip():
        return HtmlArticle()
    result = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=True,
        favor_precision=config.favor_precision, include_tables=True)
    if result is None:
        text = trafilatura.html2txt(html) or ""
        return HtmlArticle(text_fallback=text)
    return HtmlArticle(
        body=(result.text or "").strip(),
        title=(result.title or None),
        authors=_split_authors(result.author),
        date=result.date or None,
        sitename=result.sitename or None,
    )
