"""Claims: the sourced numbers of a conflict (annotation guide §3).

`extract_claims(document, config)` reads the spaCy Doc the understanding stage left in
`document.analysis` and returns one `Claim` per figure: bounds and hedge
(claims.numbers), counted noun, unit and measure (claims.measure), source
(claims.attribution), subject (an actor of doc.spans["actors"]) and as_of (the report's
date when the text gives it, else the publication date). What is not a claim is decided by
claims.rules; a figure stated twice is folded by claims.repeats. `ClaimStage` runs it in
a pipeline.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventdesk.errors import Errors, KnowledgeError
from eventdesk.extract.claims.attribution import Attributor
from eventdesk.extract.claims.lexicon import ClaimLexicon, claim_lexicon
from eventdesk.extract.claims.measure import MeasureReader, measure_key
from eventdesk.extract.claims.numbers import NumberReader, Quantity
from eventdesk.extract.claims.repeats import merge_repeats, norm_name as _norm
from eventdesk.extract.claims.rules import ClaimConfig, ClaimRules, outside_quote
from eventdesk.pipeline.base import Stage
from eventdesk.record import Claim, Document, Evidence

_NOT_GROUPS = {"state forces", "civilians", "external"}


def _segments(doc: Doc) -> tuple[list[Span], list[int]]:
    """spaCy's sentences, cut again at line breaks (one paragraph a line in bodies)."""
    sents, paras, para = [], [], 0
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or (tok.is_space and "\n" in tok.whitespace_):
                if tok.i > start:
                    sents.append(doc[start:tok.i])
                    paras.append(para)
                para += 1
                start = tok.i + 1
            elif "\n" in tok.whitespace_:
                sents.append(doc[start:tok.i + 1])
                paras.append(para)
                para += 1
                start = tok.i + 1
        if start < sent.end:
            sents.append(doc[start:sent.end])
            paras.append(para)
    trimmed = [(s, p) for s, p in zip(sents, paras) if s.text.strip()]
    return [s for s, _ in trimmed], [p for _, p in trimmed]


class ClaimExtractor:
    """Holds the lexicon and readers; `extract(doc, ...)` returns the claims of a Doc."""

    def __init__(self, config: ClaimConfig | None = None, lex: ClaimLexicon | None = None):
        self.config = config or ClaimConfig()
        self.lex = lex or claim_lexicon()
        self.numbers = NumberReader(self.lex)
        self.measures = MeasureReader(self.lex)
        self.rules = ClaimRules(self.config, self.lex, self.measures)

    def extract(self, doc: Doc, document_id: str = "",
                published: tuple[str, str] | None = None) -> list[Claim]:
        published = published or doc.user_data.get("published")
        sents, paras = _segments(doc)
        attributor = Attributor(doc, sents, paras, self.lex)
        actors = _actor_mentions(doc)
        claims: list[Claim] = []
        previous: Token | None = None  # the last counted noun ("25,000 of them")
        for k, sent in enumerate(sents):
            for q in self.numbers.read(sent):
                noun = self.measures.counted_noun(q, sent, previous)
                if noun is not None and q.kind == "count":
                    previous = noun
                source = attributor.source(k)
                if source is not None and outside_quote(q, source, doc):
                    source = None
                if not self.rules.is_claim(q, noun, sent, source is not None):
                    continue
                unit = self.measures.unit(q, noun)
                if self.config.units is not None and unit not in self.config.units:
                    continue
                measure = self.measures.phrase(q, noun, sent)
                subject = _subject(q, sent, actors, source.name if source else None, doc)
                claim = Claim(
                    subject=subject, measure=measure, low=q.low, high=q.high, unit=unit,
                    qualifier=q.qualifier, attributed_to=source.name if source else None,
                    as_of=_as_of(sent, source, published, self.lex),
                    sources=[_evidence(sent, document_id)],
                    extra={"measure_key": measure_key(subject, measure, unit),
                           "figure": doc[q.start:q.end].text, "paragraph": paras[k]})
                claims.append(claim)
        return merge_repeats(claims)

def _actor_mentions(doc: Doc) -> list[tuple[int, int, str, str | None]]:
    """(start, end, canonical name, ACLED inter type) of the actors of the Doc, read defensively: the
    understanding stage's span group if present, else the model's organisations."""
    out = []
    group = doc.spans.get("actors") if hasattr(doc.spans, "get") else None
    if group is not None and len(group):
        for span in group:
            ref = getattr(span._, "actor", None) if Span.has_extension("actor") else None
            out.append((span.start, span.end, ref.name if ref is not None else span.text,
                        getattr(ref, "inter", None)))
        return out
    registry = _registry()
    for ent in doc.ents:
        if ent.label_ in {"ORG", "NORP", "PERSON", "GPE"}:
            ref = registry.resolve(ent.text) if registry is not None else None
            if ref is not None:
                out.append((ent.start, ent.end, ref.name, ref.inter))
            elif registry is None and ent.label_ == "ORG":
                out.append((ent.start, ent.end, ent.text, None))
    return out


@lru_cache(maxsize=1)
def _registry():
    """The actor registry of the understanding stage, or None while it is unavailable."""
    try:
        from eventdesk.understand.actors.registry import ActorRegistry

        return ActorRegistry.default()
    except (ImportError, KnowledgeError):
        return None


def _subject(q: Quantity, sent: Span, actors, source: str | None, doc: Doc) -> str | None:
    """The armed group nearest the figure in its sentence (state forces and civilians only
    when no group is named), else the document's most named actor; for an area, the place
    named last."""
    if q.kind == "area":
        in_sent = [e.text for e in sent.ents if e.label_ in {"LOC", "GPE", "FAC"} and e.start < q.start]
        pick = in_sent or [
            e.text for e in doc.ents if e.label_ in {"LOC", "GPE", "FAC"} and e.end <= sent.start]
        return pick[-1] if pick else None
    near = [(min(abs(s - q.head), abs(e - q.head)), name) for s, e, name, inter in actors
            if sent.start <= s < sent.end and inter not in _NOT_GROUPS
            and not _overlaps(name, source)]
    if near:
        return min(near)[1]
    counts: dict[str, int] = {}
    for _, _, name, inter in actors:
        if inter in _NOT_GROUPS:
            continue
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _overlaps(name: str, source: str | None) -> bool:
    a, b = _norm(name), _norm(source)
    return bool(a and b) and (a in b or b in a)


def _as_of(sent: Span, source, published, lex: ClaimLexicon) -> str | None:
    """The date of the report when a date hangs on the attribution ("in a February
    report", "last month estimated", "said Tuesday"); else the publication date."""
    pub = published[0] if published else None
    group = sent.doc.spans.get("dates") if hasattr(sent.doc.spans, "get") else None
    if source is None or source.token is None or group is None or not Span.has_extension("date"):
        return pub
    reports = lex.set_of("report_nouns")
    for span in group:
        if not (sent.start <= span.start < sent.end):
            continue
        value = span._.date
        if value is None or getattr(value, "open_end", False):
            continue
        hops = [span.root, *list(span.root.ancestors)[:3]]
        if any(t == source.token or (t.lemma_.lower() in reports and t.pos_ == "NOUN")
               for t in hops[1:]):
            return value.iso
    return pub


def _evidence(sent: Span, document_id: str) -> Evidence:
    text = sent.text.rstrip()
    lead = len(text) - len(text.lstrip())
    start = sent.start_char + lead
    return Evidence(document_id, start, sent.start_char + len(text), text.lstrip())


def claim_id(claim: Claim) -> str:
    """A stable id from what the claim says and where it was read."""
    src = claim.sources[0] if claim.sources else None
    raw = f"{claim.low}|{claim.high}|{claim.unit}|{_norm(claim.attributed_to)}|" \
          f"{src.document if src else ''}|{src.start if src else ''}"
    return "c-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def extract_claims(document: Document | Doc, config: ClaimConfig | None = None) -> list[Claim]:
    """The claims of a Document whose `analysis` is its spaCy Doc (or of a bare Doc)."""
    if isinstance(document, Doc):
        return ClaimExtractor(config).extract(document)
    if document.analysis is None:
        raise ValueError(Errors.E401.format(reason=f"{document.id} has no spaCy analysis"))
    return _document_claims(ClaimExtractor(config), document)


def _document_claims(extractor: "ClaimExtractor", document: Document) -> list[Claim]:
    """Claims of an analysed Document; an estimated publication year (not an anchor for the
    NLP) still dates the claims when nothing closer does."""
    published = document.analysis.user_data.get("published") or (
        (document.published, document.published_precision or "day") if document.published else None)
    claims = extractor.extract(document.analysis, document.id, published)
    taken: set[str] = set()
    for c in claims:
        c.id = claim_id(c)
        n = 1
        while c.id in taken:  # unique by construction: a same-looking claim gets its ordinal
            c.id = "c-" + hashlib.sha256(f"{c.id}|{n}".encode("utf-8")).hexdigest()[:16]
            n += 1
        taken.add(c.id)
    return claims


class ClaimStage(Stage):
    """Pipeline stage "claims": sets `doc.claims` from `doc.analysis`."""

    name = "claims"

    def __init__(self, config: ClaimConfig | None = None) -> None:
        super().__init__()
        self.config = config or ClaimConfig()
        self.extractor: ClaimExtractor | None = None

    def setup(self) -> None:
        self.extractor = ClaimExtractor(self.config)

    def process(self, doc: Document) -> None:
        self.ensure_setup()
        if doc.analysis is None:
            self.count("no_analysis")
            return
        if doc.language and not doc.language.startswith(self.config.language):
            self.count("other_language")  # the lexicons are English
            return
        doc.claims = _document_claims(self.extractor, doc)
        self.count("claims", len(doc.claims))
        self.count("claims_attributed", sum(c.attributed_to is not None for c in doc.claims))
