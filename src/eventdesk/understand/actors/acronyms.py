"""Actor acronyms that spell an English function word: "IS" for the Islamic State.

The small English model reads "IS seized Mosul" as "is seized" (a present passive), "In
2014, IS fighters took ..." as a copula, and the event extractor then sees a habit or no
subject at all. The tagger and parser see a token through its NORM (with prefix, suffix and
shape), so giving such a token the norm of another acronym of the same actor ("isis") makes
them read a name; the text, the offsets and every matcher (ORTH, LOWER) are unchanged. The
component runs first, before the model's own pipes.

    nlp.add_pipe("eventdesk_acronym_norms_v1", first=True)
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from eventdesk.understand.actors.registry import ActorRegistry


def acronym_norms(registry: ActorRegistry) -> dict[str, str]:
    """Case-sensitive one-word aliases that are English stop words ("IS") -> the lower-cased
    one-word all-capitals alias of the same actor that is not ("isis")."""
    by_actor: dict[str, list[str]] = {}
    for alias, actor_id, _exact in registry.aliases():
        by_actor.setdefault(actor_id, []).append(alias)
    out: dict[str, str] = {}
    for alias, actor_id, exact in registry.aliases():
        if not (exact and alias.isupper() and alias.isalpha() and alias.lower() in STOP_WORDS):
            continue
        other = next((a for a in by_actor[actor_id] if a.isupper() and a.isalpha()
                      and a.lower() not in STOP_WORDS), None)
        if other is not None:
            out[alias] = other.lower()
    return out


class AcronymNorms:
    """Sets the norm of actor acronyms that spell a function word, outside all-capitals text."""

    def __init__(self, norms: dict[str, str]) -> None:
        self.norms = norms

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            norm = self.norms.get(tok.text)
            if norm is not None and not _in_capitals(doc, tok.i):
                tok.norm_ = norm
        return doc


def _in_capitals(doc: Doc, i: int) -> bool:
    """A headline or banner set in capitals ("THE WAR IS OVER"): there the word is the word."""
    near = [t for t in doc[max(0, i - 2): i + 3] if t.i != i and t.is_alpha and len(t) > 1]
    return bool(near) and all(t.is_upper for t in near)


@Language.factory("eventdesk_acronym_norms_v1")
def make_acronym_norms(nlp: Language, name: str) -> AcronymNorms:
    return AcronymNorms(acronym_norms(ActorRegistry.default()))
