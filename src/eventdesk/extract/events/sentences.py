"""What the event extractor reads off the parsed text: a sentence's paragraph, the death
words of a sentence, how far apart two tokens hang in the parse, whether a mention's object is
a civilian target, whether a sentence's dates are only the day it was told, and the evidence
span of a sentence cut to its body line."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventdesk.extract.events.acled_type import _keys, typing_cues
from eventdesk.extract.events.lexicon import EventLexicon
from eventdesk.record import Evidence

# Paragraphs before a sentence whose time and place it may inherit. Calibrated on the seeds:
# 1 gives new_event_f1 0.857 and historical 1.0, 2 or 3 give 0.824 and 0.967 (a background
# date two paragraphs up leaks into later news); dev and clusters are the same for 1 to 3.
LOOKBACK_PARAGRAPHS = 1


def _paragraphs(doc: Doc, lookback: int = LOOKBACK_PARAGRAPHS) -> dict[int, list[Span]]:
    """Sentence start -> the sentences before it in its paragraph (a line of the body), after
    those of the `lookback` paragraphs before: journalists set time and place once and go on,
    quotes and reactions in between."""
    out, current, earlier = {}, [], []
    text = doc.text  # built once: Doc.text joins every token
    for sent in doc.sents:
        # a sentence's trailing line break is its own space token: look from its last word
        if current and "\n" in text[_last_word_end(current[-1]):sent.start_char + 1]:
            earlier, current = (earlier + [current])[-lookback:], []
        out[sent.start] = [s for para in earlier for s in para] + current
        current.append(sent)
    return out


def _last_word_end(sent: Span) -> int:
    words = [t for t in sent if not t.is_space]
    return words[-1].idx + len(words[-1]) if words else sent.start_char



def _death_tokens(sent: Span, lex: EventLexicon) -> list:
    return [t for t in sent if t.lemma_.lower() in lex.death_words or t.lower_ in lex.death_words]


def _distance(a, b) -> int:
    ancestors_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors_a:
            return n + ancestors_a[t.i]
    return 99


def _civilian_victim(tokens, lex: EventLexicon) -> bool:
    for t in tokens:
        for c in t.children:
            if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("on", "against")):
                words = {w.lower_ for w in c.subtree} | {w.lemma_.lower() for w in c.subtree}
                if words & lex.civilian_targets:
                    return True
    return False


def _day_of_telling(sent: Span, main, date_tokens: set[int], lex: EventLexicon) -> bool:
    """Every date of the sentence is the day a source told it ("killed 12, the army said
    on Sunday"): on a reporting verb that governs the trigger, not on the event."""
    dated = [t for t in sent if t.i in date_tokens]
    for t in dated:
        verb = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.lemma_.lower() not in lex.reporting_verbs or not verb.is_ancestor(main):
            return False
        path = [main, *[a for a in main.ancestors if verb.is_ancestor(a)]]
        if not any(a.dep_ in ("ccomp", "parataxis") for a in path):
            return False  # "announced the arrest on Monday": the day the noun's event is told of
    return bool(dated)


OTHER_WORDS = ("another", "second", "separate", "new", "fresh")  # English determiners of a new occurrence


def another_occasion(main, sent) -> bool:
    """The trigger is told as a new occurrence: "another attack", "a second blast", or the
    sentence opens on one ("In a separate incident, a roadside bomb killed ...";
    "Separately, ...")."""
    if any(c.dep_ in ("det", "amod") and c.lower_ in OTHER_WORDS for c in main.children):
        return True
    occurrence = typing_cues().generic  # "attack", "incident", ...
    return any(t.lower_ == "separately" and t.dep_ == "advmod" for t in sent) or any(
        t.lower_ in OTHER_WORDS and t.dep_ in ("det", "amod") and t.head.lemma_.lower() in occurrence
        and t.head.i < main.i for t in sent)


def mass_toll(tokens, lex: EventLexicon) -> bool:
    """A toll in thousands ("killed thousands of people this year"): a tally over a war or a
    year, never one occasion's (ACLED codes a known event's toll in numbers)."""
    return any(w.lower_ in lex.vague and lex.vague[w.lower_] >= 1000 for t in tokens for c in t.children
               if c.dep_ in ("dobj", "nsubjpass", "nsubj") for w in c.subtree)


def _trim(ev: Evidence, body: str | None, at: int | None = None) -> Evidence:
    """The sentence without surrounding whitespace, cut to the body line (paragraph) that holds
    the trigger at character `at`: the parser sometimes runs a sentence across a line break."""
    text = ev.text
    if at is not None and "\n" in text:
        rel = at - ev.start
        line_start = text.rfind("\n", 0, rel) + 1
        line_end = text.find("\n", rel)
        line_end = len(text) if line_end < 0 else line_end
        ev = Evidence(ev.document, ev.start + line_start, ev.start + line_end, text[line_start:line_end])
        text = ev.text
    start = ev.start + (len(text) - len(text.lstrip()))
    end = ev.end - (len(text) - len(text.rstrip()))
    return Evidence(ev.document, start, end, body[start:end] if body else text.strip())


def victims_told_after(events: list, doc: Doc) -> list:
    """An attack left undecided between a battle and violence against civilians (a generic
    trigger, victims untold: "ambushed a group, killing 12") whose next sentences say the dead
    were unarmed people ("The victims were shepherds") is violence against civilians, and that
    sentence its evidence too (codebook: armed group against unarmed people)."""
    cues = typing_cues()
    sents = list(doc.sents)
    for ev in events:
        if not ev.extra.get("generic") or (ev.event_type, ev.sub_event_type) != ("Battles", "Armed clash") \
                or not ev.sources:
            continue
        at = next((k for k, s in enumerate(sents) if s.start_char <= ev.sources[0].start < s.end_char), None)
        for sent in sents[at + 1:at + 3] if at is not None else []:
            root = sent.root
            # "The victims were shepherds, a monitor said": the copula under the reporting verb
            root = next((c for c in root.children if c.dep_ == "ccomp" and c.lemma_ == "be"), root)
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            told = [t for c in root.children if c.dep_ in ("attr", "acomp") for t in c.subtree]
            if root.lemma_ != "be" or subj is None or not told or not (
                    {t.lower_ for t in subj.subtree} & cues.victim_subjects):
                continue
            words = _keys(told)
            if words & cues.unarmed and not words & cues.armed:
                ev.event_type, ev.sub_event_type = "Violence against civilians", "Attack"
                ev.actor2 = f"Civilians ({ev.country})" if ev.country else "Civilians"
                ev.extra.pop("generic", None)
                ev.sources.append(Evidence(ev.sources[0].document, sent.start_char, sent.end_char, sent.text.strip()))
            break
    return events
