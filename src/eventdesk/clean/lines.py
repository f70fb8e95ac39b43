"""A line classifier for plain-text scrapes: which lines of a page are the article.

Written by hand because no library handles scrapes whose markup is gone (jusText on lines
then C4 rules reach 0.90 macro F1 on the seeds and cannot tell where the article ended).
Each non-empty line gets features (length, sentence shape, stop-word density from jusText's
stoplists, bullets, indentation, repetition, date-only shape, cue phrases from
knowledge/data/boilerplate.yaml), then:

1. cue lines (ads, share bars, paywalls), credits and captions, bullets, lines indented
   deeper than the page's prose, date-only lines, embedded social posts, lines repeated in
   the page (captions, headlines) and shorter copies of another line (pull quotes) are bad;
2. a line of >= `good_min_words` words that ends like a sentence (or an unpunctuated one of
   >= `standfirst_min_words`, a standfirst) with prose stop-word density is good; a short
   sentence is near-good; anything else (headlines, crossheads, menu items) is short;
3. context (jusText-like): near-good lines next to good ones become good; short lines stay
   out (crossheads, headlines, bios);
4. the article ends at an "end" cue ("Leave a reply") or at a thread of reader comments
   (name line, date line, reply: twice) once some article text was seen;
5. good lines are grouped into blocks allowing `max_gap_lines` bad lines between them; the
   biggest block is the article, and other blocks join it when they hold
   `min_block_words` words (the article resumes after a related-links box);
6. the last line of a page cut mid-sentence stays when it follows article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventdesk.clean.config import CleanConfig
from eventdesk.clean.dates import DATE_RE, STAMP_RE, is_date_line
from eventdesk.clean.knowledge import CleanKnowledge, norm_line

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣►▸\-*–—]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_SOCIAL_SIGNATURE = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)")
_LINK = re.compile(r"https?://|www\.|pic\.twitter\.com|\bt\.co/", re.IGNORECASE)
# photo captions end with the picture's date after a comma: "... in Baghdad, January 12, 2023."
_CAPTION_DATE = re.compile(rf",\s*(?:{DATE_RE.pattern})\.?\s*$", re.IGNORECASE)
_CUT_REASONS = ("not-prose", "heading-or-menu", "short-sentence")
_NAME_LINE = re.compile(r"^(?:\d{1,3}[.)]\s*|[•·\-*]\s*)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")


@lru_cache(maxsize=8)
def stoplist(language: str) -> frozenset[str]:
    import justext

    try:
        return frozenset(justext.get_stoplist(language))
    except ValueError:
        return frozenset()


@dataclass
class Line:
    index: int  # line number in the page
    text: str  # stripped, as in the page
    indent: int
    words: int
    stop: float  # stop-word density
    punctuated: bool  # ends like a sentence
    label: str = "short"  # good | near | short | bad
    reason: str = ""


@dataclass
class Layout:
    """The page as classified lines, and what the classifier found on the way."""

    lines: list[Line]
    stamp: str | None = None  # corpus date stamp " date YYYY-MM-DD", if the page had one
    body: list[int] = field(default_factory=list)  # positions in `lines` of article lines
    end: int | None = None  # position where the article ended (comments, footer)

    def text_of(self, positions: list[int]) -> list[str]:
        return [self.lines[p].text for p in positions]


def _features(index: int, raw: str, stops: frozenset[str], config: CleanConfig) -> Line:
    head = raw[: config.max_line_chars]
    text = head.strip()
    words = _WORD.findall(text)
    n_stop = sum(1 for w in words if w.lower() in stops)
    return Line(index=index, text=raw.strip(), indent=len(head) - len(head.lstrip()),
                words=len(words), stop=n_stop / len(words) if words else 0.0,
                punctuated=bool(_SENTENCE_END.search(text)))


def split_lines(raw: str, config: CleanConfig, language: str) -> tuple[list[Line], str | None]:
    """Non-empty lines with their features, and the corpus date stamp removed from line 1."""
    stamp = None
    match = STAMP_RE.match(raw[:64])
    if match:
        stamp, raw = match[1], raw[match.end():]
    stops = stoplist(language)
    lines = [_features(i, r, stops, config) for i, r in enumerate(raw.splitlines())
             if r.strip()]
    return lines, stamp


def _prose_indent(lines: list[Line], config: CleanConfig) -> int:
    """The page's prose indentation: the smallest indentation that holds a fair share
    (`prose_indent_share`) of the words of sentence-shaped lines. A lone standfirst at the
    margin above paragraphs all indented by four spaces does not make them "indented"."""
    words: dict[int, int] = {}
    for ln in lines:
        if ln.words >= config.good_min_words and ln.punctuated:
            words[ln.indent] = words.get(ln.indent, 0) + ln.words
    total = sum(words.values())
    held = [indent for indent, n in words.items() if n >= config.prose_indent_share * total]
    return min(held) if held else 0


def _mark_repeats(lines: list[Line]) -> None:
    """Repeated lines are captions or headlines; a line that starts another is a pull quote."""
    seen: dict[str, list[int]] = {}
    prefix: dict[str, list[int]] = {}
    for pos, ln in enumerate(lines):
        key = norm_line(ln.text[:300])
        if ln.words >= 3:
            seen.setdefault(key, []).append(pos)
        if ln.words >= 6:
            prefix.setdefault(key[:50], []).append(pos)
    for positions in seen.values():
        if len(positions) > 1:
            for pos in positions:
                lines[pos].label, lines[pos].reason = "bad", "repeated"
    for positions in prefix.values():
        if len(positions) < 2:
            continue
        if len(positions) > 20:  # boilerplate repeated all over the page
            for pos in positions:
                lines[pos].label, lines[pos].reason = "bad", "repeated"
            continue
        keys = {p: norm_line(lines[p].text[:2000]) for p in positions}
        for a in positions:
            for b in positions:
                # `a` is a shorter copy of `b`: a full sentence side by side with `b` is a
                # caption and its longer repeat (both go); an unfinished sentence is a pull
                # quote of the paragraph `b` (only the quote goes)
                if a != b and len(keys[a]) < len(keys[b]) and keys[b].startswith(keys[a]):
                    lines[a].label, lines[a].reason = "bad", "repeated"
                    if abs(a - b) <= 3 and lines[a].punctuated:
                        lines[b].label, lines[b].reason = "bad", "repeated"


def _initial_label(ln: Line, kb: CleanKnowledge, config: CleanConfig, indent: int) -> None:
    if ln.label == "bad":
        return
    cue = kb.cue(ln.text[: config.max_line_chars], ln.words)
    if cue:
        ln.label, ln.reason = "bad", f"cue:{cue}"
    elif _BULLET.match(ln.text) or ln.text[:1] in "•·▪●":
        ln.label, ln.reason = "bad", "bullet"
    elif ln.indent > indent + 1:
        ln.label, ln.reason = "bad", "indented"
    elif _SOCIAL_SIGNATURE.match(ln.text) or _LINK.search(ln.text[: config.max_line_chars]):
        ln.label, ln.reason = "bad", "social-or-link"
    elif ln.words <= 14 and is_date_line(ln.text):
        ln.label, ln.reason = "bad", "date"
    elif ln.words <= 45 and _CAPTION_DATE.search(ln.text[-80:]):
        ln.label, ln.reason = "bad", "dated-caption"
    elif ln.stop < config.stop_min:
        ln.label, ln.reason = "bad" if ln.words >= config.near_min_words else "short", "not-prose"
    elif ln.words >= config.good_min_words and ln.punctuated:
        ln.label, ln.reason = "good", "sentence"
    elif ln.words >= config.standfirst_min_words:
        ln.label, ln.reason = "good", "standfirst"
    elif ln.words >= config.near_min_words and ln.punctuated:
        ln.label, ln.reason = "near", "short-sentence"
    else:
        ln.label, ln.reason = "short", "heading-or-menu"


def _mark_social(lines: list[Line]) -> None:
    """The line before a "— Name (@handle) date" signature is the embedded post's text."""
    for pos, ln in enumerate(lines):
        if pos and _SOCIAL_SIGNATURE.match(ln.text):
            lines[pos - 1].label, lines[pos - 1].reason = "bad", "social-post"


def _smooth(lines: list[Line]) -> None:
    """Near-good lines next to good ones (skipping short lines) become good; a near-good
    line that became good counts for its neighbours (a forward and a backward pass)."""
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        previous = "bad"  # label of the nearest non-short line already passed
        for pos in order:
            ln = lines[pos]
            if ln.label == "near" and previous == "good":
                ln.label, ln.reason = "good", "near-good-in-context"
            if ln.label != "short":
                previous = ln.label


def _article_end(lines: list[Line], config: CleanConfig) -> int | None:
    """Where reader comments or the footer begin, once some article text was seen."""
    seen_words = 0
    headers: list[int] = []
    for pos, ln in enumerate(lines):
        if ln.label == "good":
            seen_words += ln.words
        if seen_words < config.min_block_words:
            continue
        if ln.reason == "cue:end":
            return pos
        # a comment: a name line, a date line, then a reply
        if (ln.words <= 4 and _NAME_LINE.match(ln.text) and pos + 2 < len(lines)
                and is_date_line(lines[pos + 1].text) and lines[pos + 2].words >= 8):
            headers.append(pos)
            if len(headers) >= 2:
                return headers[0]
    return None


def _blocks(lines: list[Line], config: CleanConfig, stop: int) -> list[int]:
    """Positions of good lines in blocks big enough to be the article."""
    blocks: list[list[int]] = []
    last = None
    for pos in range(stop):
        if lines[pos].label != "good":
            continue
        if last is None or pos - last - 1 > config.max_gap_lines:
            blocks.append([])
        blocks[-1].append(pos)
        last = pos
    if not blocks:
        return []
    words = [sum(lines[p].words for p in b) for b in blocks]
    best = max(range(len(blocks)), key=words.__getitem__)
    keep = [p for i, b in enumerate(blocks) if i == best or words[i] >= config.min_block_words
            for p in b]
    # the page was cut mid-sentence right after the article: keep the cut line
    tail = stop - 1
    if stop == len(lines) and keep and tail not in keep and lines[tail].reason in _CUT_REASONS \
            and tail - keep[-1] <= 2 and not lines[tail].punctuated:
        keep.append(tail)
    return keep


def classify(raw: str, kb: CleanKnowledge, config: CleanConfig, language: str | None = None
             ) -> Layout:
    """Classify the lines of a plain-text page; `Layout.body` lists the article lines."""
    lines, stamp = split_lines(raw, config, language or config.stoplist)
    _mark_repeats(lines)
    indent = _prose_indent(lines, config)
    for ln in lines:
        _initial_label(ln, kb, config, indent)
    _mark_social(lines)
    _smooth(lines)
    end = _article_end(lines, config)
    layout = Layout(lines=lines, stamp=stamp, end=end)
    layout.body = _blocks(lines, config, end if end is not None else len(lines))
    return layout
