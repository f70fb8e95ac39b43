"""Weapons and military platforms ("VBIED", "air strikes", "F-16s"): `doc.spans["materiel"]`.

The actors' means, as data (knowledge/data/materiel.yaml): span labels WEAPON and
MILITARY_PLATFORM, after re3d's Weapon and MilitaryPlatform types. The event extractors read
them as cues for the sub-event type (IED, air strike, shelling).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventdesk import knowledge

SPAN_KEY = "materiel"
MATERIEL_FILE = "materiel.yaml"
LABELS = {"Weapon": "WEAPON", "MilitaryPlatform": "MILITARY_PLATFORM"}


def _validate(entry: dict, path) -> None:
    if not isinstance(entry, dict) or entry.get("type") not in LABELS:
        raise ValueError(f"'type' must be one of {sorted(LABELS)}")
    for key in ("phrases", "exact"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ValueError(f"'{key}' must be a list of non-empty strings")


@Language.factory("eventdesk_materiel_v1", default_config={"span_key": SPAN_KEY})
def make_materiel(nlp: Language, name: str, span_key: str) -> "MaterielTagger":
    return MaterielTagger(nlp, span_key)


class MaterielTagger:
    def __init__(self, nlp: Language, span_key: str = SPAN_KEY) -> None:
        self.span_key = span_key
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        for entry in knowledge.load(MATERIEL_FILE, "materiel", _validate):
            label = LABELS[entry["type"]]
            exact = set(entry.get("exact", []))
            loose = [p for p in entry.get("phrases", []) if p not in exact]
            self.lower.add(label, list(nlp.tokenizer.pipe(loose)))
            if exact:
                self.orth.add(label, list(nlp.tokenizer.pipe(sorted(exact))))

    def __call__(self, doc: Doc) -> Doc:
        matches = [*self.lower(doc), *self.orth(doc)]
        spans = [Span(doc, s, e, label=label) for label, s, e in matches]
        doc.spans[self.span_key] = filter_spans(spans)
        return doc
