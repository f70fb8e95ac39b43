"""Which trigger mentions of a sentence tell an event of their own: a claim's anaphor, a
retelling by a demonstrative, what an attack did or acted on."""

from __future__ import annotations

from eventdesk.extract.events import acled_type
from eventdesk.extract.events.lexicon import EventLexicon
from eventdesk.extract.events.triggers import Mention
from eventdesk.extract.events.within_document import ANAPHORIC_DETS


def reports(tok, lex: EventLexicon) -> bool:
    """`tok` is in the subject of a reporting verb ("the Taliban government said")."""
    for t in [tok, *tok.ancestors]:
        if t.dep_ == "nsubj":
            return t.head.lemma_.lower() in lex.reporting_verbs
    return False


def anaphoric(m: Mention, date_tokens: set[int]) -> bool:
    """'the attack' / 'it' in a claim sentence: a second mention of an event told before."""
    a = m.main  # type: ignore[attr-defined]
    return (a.pos_ in ("NOUN",) and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in a.children)
            and not any(t.i in date_tokens for t in a.sent))


def retold(m: Mention, date_tokens: set[int], place_tokens: set[int]) -> bool:
    """A demonstrative noun trigger with no date in its clause ("that fighting", "this
    attack") points back at an event already told; the date of a speech verb around it
    ("That fighting has diverted resources, the general told AP last week") is not its own."""
    a = m.main  # type: ignore[attr-defined]
    clause = a.head if a.dep_ in ("nsubj", "nsubjpass", "dobj") else a
    if a.pos_ == "NOUN" and a.tag_ == "NNS" and any(c.dep_ == "det" and c.lower_ in ("these", "those")
                                                    for c in a.children):
        return True  # "these massacres ... since they began on 1 March": the ones told above
    return (a.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("that", "this", "these", "those")
                                     for c in a.children)
            and not any(t.i in date_tokens for t in clause.subtree))


def without_details_of_violence(mentions: list[Mention]) -> list[Mention]:
    """A development told as what an attack did ("stormed the prison, freeing hundreds of
    detainees", "overran the base, seizing weapons") is part of that event, not one of its own."""
    violent = {t.i for m in mentions if m.event_type in acled_type.VIOLENT for t in m.tokens}
    return [m for m in mentions if not (
        m.event_type == "Strategic developments" and m.main.tag_ == "VBG"  # type: ignore[attr-defined]
        and _told_by(m.main, violent))]  # type: ignore[attr-defined]


def _told_by(tok, violent: set[int]) -> bool:
    """`tok` hangs from a violent verb through a chain of participles ("stormed the town,
    killing nine and burning dozens of homes": burning <- killing <- stormed)."""
    while tok.dep_ in ("advcl", "xcomp", "conj") and tok.head is not tok:
        tok = tok.head
        if tok.i in violent:
            return True
    return False


def without_objects_of_others(mentions: list[Mention]) -> list[Mention]:
    """An occurrence noun that is the object of another mention's verb ("broke the siege",
    "repelled the attack", "ended the occupation") is what that event acted on, told by it."""
    verbs = {t.i for m in mentions for t in m.tokens if t.pos_ == "VERB"}
    return [m for m in mentions if not (m.main.pos_ == "NOUN" and m.main.dep_ == "dobj"  # type: ignore[attr-defined]
                                        and m.main.head.i in verbs  # type: ignore[attr-defined]
                                        and m.main.head.i not in {t.i for t in m.tokens})]  # type: ignore[attr-defined]
