"""Who a figure comes from: the named source of a sentence, resolved across sentences.

Rules, in order, for the sentence that holds a figure (cues are data in
knowledge/data/claim_attribution.yaml):

1. "according to X" / "citing X" in the sentence: X;
2. the subject of an attribution verb ("X said", "X estimates that", "noted X", "X told");
   "claim" and the like only with a clause ("claimed responsibility for" is an event);
3. a report noun stands for its author: "a report by X", "X's report", "an estimate by X";
4. pronouns: "he/she" is the last person named before; "it/they" is the previous
   sentence's source, else the last source noun or organisation named there ("UN experts");
   "the centre" / "the report" is the last name that holds that word, else the last source;
5. no source in the sentence but a passive hedge or a hedging adverb ("are thought to",
   "is believed", "reportedly"): the source of the previous sentence of the paragraph,
   else of the next one; a sentence that is a quotation ("“Three civilians were killed.”")
   takes the speaker of the quote: the source of the previous sentence of its paragraph,
   else of the next one ("“They abducted 17 people ...” he said");
6. otherwise, when the first paragraph says "<Outlet> reports that ..." (a blog quoting
   a newspaper), that outlet; else null: the article's own voice.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventdesk.extract.claims.lexicon import ClaimLexicon

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it", "they", "them"}
_FIRST_PERSON = {"i", "we", "you", "me", "us"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_NAME_MODS = {"compound", "amod", "nmod", "poss", "nummod"}
# a report named as not the article's main one ("a previous study published by ...")
_OTHER_REPORT = {"previous", "earlier", "another", "separate", "older", "prior", "different"}
_QUOTES = "\"“”'‘«"


@dataclass
class Source:
    name: str
    token: Token | None = None  # the verb or preposition that carries the attribution
    person: bool = False


class Attributor:
    """Resolves the source of each sentence of one Doc (sentences as given by the caller)."""

    def __init__(self, doc: Doc, sents: list[Span], paragraph_of: list[int], lex: ClaimLexicon):
        self.doc, self.sents, self.para = doc, sents, paragraph_of
        self.verbs = lex.set_of("verbs")
        self.verbs_clause = lex.set_of("verbs_needing_clause")
        self.preps = [tuple(p.lower().split()) for p in lex.attribution.get("prepositions", [])]
        self.passive = lex.set_of("passive_hedges")
        self.adverbs = lex.set_of("adverbs")
        self.report_nouns = lex.set_of("report_nouns")
        self.source_nouns = lex.set_of("source_nouns")
        self.doc_verbs = lex.set_of("document_source_verbs")
        self._explicit: dict[int, Source | None] = {}
        self.default = self._document_source()

    # -- public -----------------------------------------------------------------------
    def source(self, k: int) -> Source | None:
        """The source of sentence k (rules 1-6)."""
        found = self.explicit(k)
        if found is not None:
            return found
        if self._quoted(self.sents[k]):
            for j in (k - 1, k + 1):
                if 0 <= j < len(self.sents) and self.para[j] == self.para[k]:
                    near = self.explicit(j)
                    if near is not None:
                        return near
        hedge = self._hedge(self.sents[k])
        if hedge == "passive" and k > 0 and self.para[k - 1] == self.para[k]:
            near = self.explicit(k - 1)
            if near is not None:
                return near
        if hedge == "adverb":  # "reportedly": the source usually follows, else precedes
            for j in (k + 1, k - 1):
                near = self.explicit(j) if 0 <= j < len(self.sents) else None
                if near is not None:
                    return near
        return self.default

    def explicit(self, k: int) -> Source | None:
        """The source the sentence names itself (rules 1-4), cached."""
        if k not in self._explicit:
            self._explicit[k] = None  # guards against pronoun chains that loop
            self._explicit[k] = self._find(k)
        return self._explicit[k]

    # -- rules ------------------------------------------------------------------------
    def _find(self, k: int) -> Source | None:
        sent = self.sents[k]
        low = [t.lower_ for t in sent]
        for words in self.preps:  # rule 1
            n = len(words)
            for i in range(len(low) - n):
                if tuple(low[i:i + n]) == words:
                    obj = self._object_after(sent[i + n - 1])
                    if obj is not None and words == ("per",) and not (
                            obj.lemma_.lower() in self.report_nouns or obj.ent_type_ in _NAMED):
                        continue  # "10 per cent", "per day": a rate, not a source
                    if obj is not None:
                        src = self._name(obj, k)
                        if src is not None:
                            return src
        # the small model tags a sentence's main verb as a noun now and then ("Data ... shows")
        verbs = [t for t in sent if t.lemma_.lower() in self.verbs and (t.pos_ in {"VERB", "AUX"} or (
            t.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in t.children)))]
        verbs.sort(key=lambda t: len(list(t.ancestors)))  # the main clause first
        for verb in verbs:  # rule 2
            if verb.lemma_.lower() in self.verbs_clause and not any(
                    c.dep_ in {"ccomp", "xcomp"} for c in verb.children) and not _counted_object(verb):
                continue
            subj = next((c for c in verb.children if c.dep_ in {"nsubj"}), None)
            if subj is None:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if subj is None and verb.dep_ in {"advcl", "conj"} and verb.tag_ == "VBG":
                # "a hospital source put the tally higher, saying 19 bodies ...": the
                # participle's speaker is the subject of the clause it hangs on
                subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ in _FIRST_PERSON:
                continue
            if subj.pos_ in {"NUM"} or any(t.like_num for t in subj.subtree):
                continue
            src = self._name(subj, k)
            if src is not None:
                src.token = verb
                return src
        for verb in verbs:
            # "..., UN monitors estimated in a report.": the small model reads the trailing
            # attribution's subject as an object and its verb as a participle on it
            noun = verb.head
            if verb.dep_ == "acl" and verb.i == noun.i + 1 and noun.pos_ in {"NOUN", "PROPN"} \
                    and noun.left_edge.i > sent.start and self.doc[noun.left_edge.i - 1].text == ",":
                src = self._name(noun, k)
                if src is not None:
                    src.token = verb
                    return src
        return None

    def _object_after(self, tok: Token) -> Token | None:
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None and tok.i + 1 < len(self.doc):
            nxt = self.doc[tok.i + 1:tok.i + 6]
            obj = next((t for t in nxt if t.pos_ in {"NOUN", "PROPN"}), None)
            if obj is not None:
                while obj.head.pos_ in {"NOUN", "PROPN"} and obj.dep_ == "compound":
                    obj = obj.head
        return obj

    def _name(self, tok: Token, k: int) -> Source | None:
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            return self._last_person(k)
        if low in _THING_PRONOUNS:
            return self._last_thing(k, plural=low != "it")
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        lemma = tok.lemma_.lower()
        if lemma in self.report_nouns or low in self.report_nouns:  # rule 3 ("data": lemma "datum")
            author = self._author(tok, k)
            if author is not None:
                return author
            # an unnamed report's author is a source its own paragraph names, if any
            return (self._earlier_author(lemma, tok, k) or self._earlier_source(k, same_paragraph=True)
                    or self._later_source(k, same_paragraph=True) or Source(self._phrase(tok)))
        appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if tok.pos_ == "NOUN" and appos is not None:
            tok = appos
        if tok.pos_ == "NOUN" and self._generic(tok):
            # "the ministry" points back at a source it describes ("the interior ministry"),
            # not at whoever the sentence before cited ("the Kurdish-led force says")
            return self._named_with(tok, k) or self._earlier_source(k, tok.lower_) or Source(self._phrase(tok))
        if tok.pos_ == "NOUN" and lemma not in self.source_nouns and low not in self.source_nouns \
                and not self._has_name_mod(tok):
            return None
        return Source(self._phrase(tok), person=tok.ent_type_ == "PERSON")

    def _author(self, tok: Token, k: int) -> Source | None:
        """The author a report noun names: "X's report", "a report by X", "a UN report",
        "the study, prepared by X"."""
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ == "PROPN":
                return self._name(c, k)
            if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() not in self.report_nouns:
                    return self._name(obj, k)
            if c.dep_ == "acl":  # "the study, prepared by the Centre"
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                if obj is not None:
                    return self._name(obj, k)
        mods = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if mods:
            return Source(self._phrase(mods[-1]))
        return None

    def _earlier_author(self, lemma: str, tok: Token, k: int) -> Source | None:
        """"the latest study": the author of the first report of that name the text gave
        one, a report set apart as another one ("a previous study by X") left out."""
        for j in range(0, k + 1):
            for t in self.sents[j]:
                if t.i >= tok.i:
                    return None
                if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or any(
                        c.lower_ in _OTHER_REPORT for c in t.children if c.dep_ in {"amod", "det"}):
                    continue
                author = self._author(t, j)
                if author is not None:
                    return author
        return None

    # -- helpers ----------------------------------------------------------------------
    def _phrase(self, tok: Token) -> str:
        """The name a token stands for: its entity, or the noun with its name modifiers."""
        if tok.ent_type_ in _NAMED and tok.ent_iob_ != "O":
            ent = next((e for e in self.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None:
                left = [c for c in tok.lefts if c.dep_ == "compound" and c.i < ent.start]
                start = min([ent.start] + [c.left_edge.i for c in left])
                return _strip_det(self.doc[start:ent.end])
        left = [c for c in tok.lefts if c.dep_ in _NAME_MODS]
        start = min([tok.i] + [c.left_edge.i for c in left])
        return _strip_det(self.doc[start:tok.i + 1])

    def _generic(self, tok: Token) -> bool:
        """"the centre", "the report": a definite common noun with no name of its own."""
        return (any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children)
                and not self._has_name_mod(tok))

    @staticmethod
    def _has_name_mod(tok: Token) -> bool:
        return any(c.dep_ in _NAME_MODS and (c.pos_ == "PROPN" or c.ent_type_ in _NAMED)
                   for c in tok.lefts)

    def _named_with(self, tok: Token, k: int) -> Source | None:
        word = tok.lower_
        for j in range(k, -1, -1):
            for ent in reversed(self.sents[j].ents):
                if ent.label_ in _NAMED and word in ent.text.lower().split() and ent.end <= tok.i:
                    return Source(_strip_det(ent))
        return None

    def _earlier_source(self, k: int, word: str | None = None, same_paragraph: bool = False) -> Source | None:
        for j in range(k - 1, max(-1, k - 6), -1):
            if same_paragraph and self.para[j] != self.para[k]:
                break
            src = self.explicit(j)
            if src is not None and not src.person and (word is None or word in src.name.lower().split()):
                return src
        return None

    def _later_source(self, k: int, same_paragraph: bool = False) -> Source | None:
        for j in range(k + 1, min(len(self.sents), k + 3)):
            if same_paragraph and self.para[j] != self.para[k]:
                break
            src = self.explicit(j)
            if src is not None and not src.person:
                return src
        return None

    def _last_person(self, k: int) -> Source | None:
        for j in range(k, max(-1, k - 12), -1):
            ents = [e for e in self.sents[j].ents if e.label_ == "PERSON"]
            if j == k:
                ents = [e for e in ents if e.end <= self.sents[k].start + 3]
            if ents:
                return Source(_strip_det(ents[-1]), person=True)
        return None

    def _last_thing(self, k: int, plural: bool) -> Source | None:
        if k == 0:
            return None
        prev = self.explicit(k - 1)
        if prev is not None and not prev.person:
            return prev
        sent = self.sents[k - 1]
        nouns = [t for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in self.source_nouns
                 and (t.tag_ == "NNS") == plural and self._has_name_mod(t)]
        if nouns:
            return Source(self._phrase(nouns[-1]))
        orgs = [e for e in sent.ents if e.label_ == "ORG"]
        return Source(_strip_det(orgs[-1])) if orgs else None

    @staticmethod
    def _quoted(sent: Span) -> bool:
        """The sentence opens with a quotation mark (a quote going on from, or leading to,
        its speaker's sentence)."""
        first = next((t for t in sent if not t.is_space), None)
        if first is not None and first.text[:1] in _QUOTES:
            return True
        # the parser may leave the opening mark on the line before: the line's text up to the
        # sentence, read token by token (Doc.text would join the whole document each time)
        doc, parts = sent.doc, []
        for i in range(sent.start - 1, -1, -1):
            piece = doc[i].text_with_ws
            if "\n" in piece:
                parts.append(piece[piece.rfind("\n") + 1:])
                break
            parts.append(piece)
        before = "".join(reversed(parts)).strip()
        return bool(before) and all(ch in _QUOTES for ch in before)

    def _hedge(self, sent: Span) -> str | None:
        """"adverb" ("reportedly"), "passive" ("are thought to", "is believed") or None."""
        for t in sent:
            if t.lower_ in self.adverbs:
                return "adverb"
        for t in sent:
            if t.lemma_.lower() in self.passive and t.tag_ == "VBN":
                return "passive"
        return None

    def _document_source(self) -> Source | None:
        """Rule 6: "The Guardian reports that ..." in the first paragraph."""
        for k, sent in enumerate(self.sents):
            if self.para[k] != 0:
                break
            for t in sent:
                if t.lemma_.lower() in self.doc_verbs and t.tag_ == "VBZ" and any(
                        c.dep_ == "ccomp" for c in t.children):
                    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                    if subj is not None and subj.pos_ == "PROPN" and subj.ent_type_ != "PERSON":
                        return Source(self._phrase(subj))
        return None


def _counted_object(verb: Token) -> bool:
    """"has documented 24 drone strikes", "put the toll at 30": the verb's object is the
    figure itself."""
    for c in verb.children:
        if c.dep_ == "dobj" and (c.like_num or any(g.dep_ == "nummod" for g in c.children)):
            return True
        if c.dep_ == "prep" and c.lower_ == "at" and any(g.like_num or any(
                h.dep_ == "nummod" for h in g.children) for g in c.children if g.dep_ == "pobj"):
            return True
    return False


def _strip_det(span: Span) -> str:
    toks = list(span)
    while toks and (toks[0].dep_ == "det" or toks[0].lower_ in {"the", "a", "an"}):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return span.text
    return span.doc[toks[0].i:toks[-1].i + 1].text
