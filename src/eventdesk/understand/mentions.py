"""Span groups of an analysed Doc -> `record.Mention`s, and `describe_entities` for the CLI."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventdesk.record import Mention

# Span group -> (Mention.kind, span extension holding the resolution).
GROUPS = (("actors", "actor", "actor"), ("places", "place", "place"), ("dates", "date", "date"))


def _value(span: Span, ext: str):
    return getattr(span._, ext, None) if Span.has_extension(ext) else None


def _actor(span: Span, ref) -> Mention:
    return Mention("actor", span.start_char, span.end_char, span.text, ref=ref.id, name=ref.name,
                   country=ref.country, extra={"inter": ref.inter, "how": ref.how})


def _place(span: Span, place) -> Mention:
    precision = getattr(place, "geo_precision", None)
    return Mention("place", span.start_char, span.end_char, span.text,
                   ref=_str(getattr(place, "id", None)), name=getattr(place, "name", None),
                   country=getattr(place, "country", None), latitude=getattr(place, "latitude", None),
                   longitude=getattr(place, "longitude", None),
                   precision=str(precision) if precision is not None else None,
                   extra={k: v for k in ("kind", "admin1") if (v := getattr(place, k, None))})


def _date(span: Span, value) -> Mention:
    iso = getattr(value, "iso", None)
    return Mention("date", span.start_char, span.end_char, span.text, ref=iso, name=iso,
                   precision=getattr(value, "precision", None))


def _str(value) -> str | None:
    return None if value is None else str(value)


def to_mentions(doc: Doc) -> list[Mention]:
    """Actor, place and date mentions in text order; a group that is absent is skipped."""
    makers = {"actor": _actor, "place": _place, "date": _date}
    mentions = []
    for key, kind, ext in GROUPS:
        if key not in doc.spans:
            continue
        for span in doc.spans[key]:
            value = _value(span, ext)
            if value is not None:
                mentions.append(makers[kind](span, value))
            else:
                mentions.append(Mention(kind, span.start_char, span.end_char, span.text))
    return sorted(mentions, key=lambda m: (m.start, m.end, m.kind))


def make_doc(nlp: Language, text: str, published: tuple | None = None,
             document_id: str | None = None, dateline: str | None = None) -> Doc:
    """A Doc ready for `nlp(...)`/`nlp.pipe(...)`, carrying the publication date for dates
    and the dateline ("MAIDUGURI, Nigeria, March 3 (Reuters)") for places."""
    doc = nlp.make_doc(text)
    doc.user_data["published"] = published
    if dateline:
        doc.user_data["dateline"] = dateline
    if document_id is not None:
        doc.user_data["document_id"] = document_id
    return doc


def describe_entities(text: str, published: tuple | None = None, nlp: Language | None = None
                      ) -> list[Mention]:
    """Actors, places and dates of a text, resolved (`eventdesk entities FILE`)."""
    if nlp is None:
        from eventdesk.understand.nlp import build_nlp

        nlp = build_nlp()
    return to_mentions(nlp(make_doc(nlp, text, published)))
