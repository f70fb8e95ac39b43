"""Headline, bylines, dateline prefixes, publication date and outlet of a text scrape.

Rules (numbered as they are tried):
Title: 1. the heading-like line nearest before the byline; 2. a heading-like line
repeated in the page header; 3. a heading-like line matching the URL slug; 4. the heading-like
line nearest before the article text; else None.
Authors: "By Name[, Name and Name]" lines before the article; a standfirst closing with
"..., writes Name"; an author bio after the article ("Name is the ... editor of ...").
Published: the earliest date on a date line of the page header (issue dates, "Published
on ..."; a later "viewed on" date loses), then the URL, then reader-comment dates, then the
corpus stamp.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from eventdesk.clean.dates import PageDate, find_dates, is_date_line, url_date
from eventdesk.clean.knowledge import CleanKnowledge, norm_line
from eventdesk.clean.lines import Layout, Line

# a person's name: 2-5 capitalised tokens, with the usual lower-case particles
_PERSON = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|(?:al|el|ad|as|ash|ar)-[A-Z][\w'’-]+"
                     r"|al|el|bin|ibn|de|van|von|da|le|la|di)){1,4}$")
_BULLET_START = re.compile(r"^\s*[•·▪*\-–—]\s*")
_UPPER_PLACE = r"[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*"


def _heading_like(ln: Line) -> bool:
    """A headline shape: 3-25 words, not a sentence ending in a period, not furniture."""
    return (3 <= ln.words <= 25 and ln.label not in ("good",)
            and not ln.reason.startswith(("cue", "bullet", "indented", "social", "date"))
            and not ln.text.rstrip().endswith((".", ":", ",", ";", ")")) and ln.indent <= 1)


def _not_person(name: str, kb: CleanKnowledge) -> bool:
    """An agency, a desk or a newsroom rather than a person ("Euronews with AP", "AFP Staff")."""
    words = set(name.lower().split())
    return (name.lower() in kb.not_people or bool(words & kb.not_people)
            or any(a.lower() in words for a in kb.agencies) or "with" in words)


def byline_names(text: str, kb: CleanKnowledge) -> list[str] | None:
    """The people named on a byline line ("By Jane Doe and John Roe, Reuters"), or None."""
    text = _BULLET_START.sub("", text.replace("\u00a0", " "))
    text = re.sub(r"\(.*?\)", "", text)
    lowered = text.strip().lower()
    for prefix in sorted(kb.byline_prefixes, key=len, reverse=True):
        if lowered.startswith(prefix.lower() + " ") or lowered.startswith(prefix.lower() + ":"):
            rest = text.strip()[len(prefix) + 1:].strip(" :\u00a0")
            break
    else:
        return None
    if len(rest.split()) > 12:
        return None
    names = []
    for part in re.split(r",|;|\band\b|&|\|", rest):
        part = re.sub(r"\(.*?\)", "", part).strip(" \u00a0-–—·")
        if part and _PERSON.match(part) and not _not_person(part, kb):
            names.append(part)
    return names


def _standfirst_author(text: str, kb: CleanKnowledge) -> str | None:
    verbs = "|".join(re.escape(v) for v in kb.standfirst_verbs)
    match = re.search(rf",\s*(?:{verbs})\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}})\W*$", text)
    return match[1] if match else None


def bio_author(text: str, kb: CleanKnowledge) -> str | None:
    roles = "|".join(re.escape(r) for r in kb.bio_roles)
    match = re.match(rf"^([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}) is (?:an?|the)\b.{{0,80}}?\b"
                     rf"(?:{roles})s?\b", text, re.IGNORECASE)
    if match and _PERSON.match(match[1]) and not _not_person(match[1], kb):
        return match[1]
    return None


def find_authors(layout: Layout, kb: CleanKnowledge) -> list[str]:
    first = layout.body[0] if layout.body else len(layout.lines)
    authors: list[str] = []
    for ln in layout.lines[: first + 12]:
        names = byline_names(ln.text, kb) if ln.words <= 14 else None
        if names:
            authors.extend(n for n in names if n not in authors)
    if not authors and layout.body:
        name = _standfirst_author(layout.lines[layout.body[0]].text, kb)
        if name:
            authors.append(name)
    if not authors and layout.body:
        for ln in layout.lines[layout.body[-1] + 1: layout.body[-1] + 6]:
            name = bio_author(ln.text, kb)
            if name:
                authors.append(name)
                break
    return authors


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    path = urlsplit(url).path.rstrip("/")
    slug = max(path.split("/"), key=lambda part: part.count("-"), default="")
    return {w for w in slug.lower().split("-") if w.isalpha() and len(w) > 2}


def find_title(layout: Layout, kb: CleanKnowledge, url: str | None) -> str | None:
    lines = layout.lines
    first = layout.body[0] if layout.body else len(lines)
    header = [p for p in range(first) if _heading_like(lines[p])
              and byline_names(lines[p].text, kb) is None]
    # 1. nearest heading before a byline
    for pos in range(min(first + 12, len(lines))):
        if lines[pos].words <= 14 and byline_names(lines[pos].text, kb) is not None:
            before = [p for p in range(pos) if _heading_like(lines[p]) and p not in layout.body
                      and lines[p].words <= 25]
            if before:
                return lines[before[-1]].text
            break
    # 2. a heading repeated in the header (the page shows its headline more than once)
    counts: dict[str, int] = {}
    for ln in lines:
        counts[norm_line(ln.text)] = counts.get(norm_line(ln.text), 0) + 1
    for pos in header:
        if counts[norm_line(lines[pos].text)] > 1:
            return lines[pos].text
    # 3. a heading matching the URL slug
    slug = _slug_words(url)
    if slug:
        for pos in header:
            words = set(norm_line(lines[pos].text).split())
            if len(slug & words) >= 0.6 * len(slug):
                return lines[pos].text
    # 4. the heading nearest before the article
    return lines[header[-1]].text if header else None


def split_dateline(text: str, kb: CleanKnowledge) -> tuple[str, str]:
    """The dateline opening a paragraph and the text after it: "BEIRUT —", "ERBIL, Kurdistan
    Region –", "(Reuters) -", "WASHINGTON, Oct 3 (AP) —", "BAMAKO, March 4, 2025 (AFP) -".
    No dateline gives ("", text)."""
    agencies = "|".join(re.escape(a) for a in kb.agencies)
    pattern = (rf"^(?:{_UPPER_PLACE}(?:,\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*)*"
               rf"(?:,?\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?)?\s*)?"
               rf"(?:\((?:{agencies})\)\s*)?[-–—]+\s+")
    match = re.match(pattern, text)
    if match and match.end() < len(text) and (match[0].strip(" -–—") or match.end() > 0):
        head = match[0]
        if re.search(r"[A-Z]{2,}|\(", head):  # a capitalised place or an agency credit
            return head, text[match.end():]
    return "", text


def lead_dateline(paragraphs: list[str], kb: CleanKnowledge) -> tuple[list[str], PageDate | None, str]:
    """The paragraphs without the dateline opening the first ("KIRKUK, Iraq - " is not body
    text), the full date it gives ("BAMAKO, March 4, 2025 (AFP) -": the day the report was
    filed, its publication date) or None, and the dateline itself ("" when there is none)."""
    if not paragraphs:
        return paragraphs, None, ""
    head, rest = split_dateline(paragraphs[0], kb)
    found = [d for d in find_dates(head) if d.precision == "day"]
    return [rest, *paragraphs[1:]], (found[0] if found else None), head.strip(" -–—")


def find_published(layout: Layout, url: str | None, max_lines: int = 1500) -> PageDate | None:
    lines = layout.lines
    body = layout.body
    header_end = body[1] if len(body) > 1 else (body[0] if body else len(lines))
    header_end = min(header_end, max_lines)
    found: list[PageDate] = []
    for ln in lines[:header_end]:
        if ln.words <= 16 and ln.label != "good" and is_date_line(ln.text):
            found.extend(d for d in find_dates(ln.text) if d.precision in ("day", "month"))
        elif ln.words <= 16 and ln.label != "good":
            found.extend(d for d in find_dates(ln.text) if d.precision == "day")
    if found:
        return min(found, key=lambda d: d.iso)
    from_url = url_date(url)
    if from_url:
        return from_url
    after = body[-1] + 1 if body else len(lines)
    comments = [d for ln in lines[after: after + max_lines] if ln.words <= 8 and is_date_line(ln.text)
                for d in find_dates(ln.text) if d.precision == "day"]
    if comments:
        return min(comments, key=lambda d: d.iso)
    if layout.stamp:
        return PageDate(layout.stamp, "day")
    return None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host.removeprefix("www.") or None


def outlet_from_host(url: str | None, kb: CleanKnowledge) -> str | None:
    host = host_of(url)
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = kb.outlets.get(".".join(parts[i:]))
        if name:
            return name
    return None


def find_outlet(layout: Layout, kb: CleanKnowledge, url: str | None, title: str | None
                ) -> str | None:
    """A known host; else a short name line at the top of the page that recurs (the masthead
    and the footer) or names a known outlet; else the host."""
    known = outlet_from_host(url, kb)
    if known:
        return known
    lines = layout.lines
    first = layout.body[0] if layout.body else len(lines)
    names = {n.lower(): n for n in kb.outlets.values()}
    counts: dict[str, int] = {}
    for ln in lines:
        key = ln.text.strip().lower()
        counts[key] = counts.get(key, 0) + 1
    for ln in lines[: min(first, 12)]:
        text = ln.text.strip()
        if not (1 <= ln.words <= 4) or text == title or ln.indent > 1 or text.endswith((".", "?")):
            continue
        if ln.reason.startswith(("cue", "date", "bullet")):
            continue
        if text.lower() in names:
            return names[text.lower()]
        if counts[text.lower()] > 1 and all(w[:1].isupper() for w in text.split()):
            return text
    return host_of(url)
