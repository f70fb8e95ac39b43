"""People named by office: "Foreign Secretary Boris Johnson", "the Prime Minister",
"commander of U.S. Central Command", "a Foreign Office spokesman" -> `doc.spans["persons"]`.

The small model tags "Boris Johnson" but not the office around it, nor an office standing for
its holder ("The Foreign Secretary said"), which news and government texts use as often as the
name. Titles, honorifics and name particles are data (knowledge/data/person_titles.yaml); the
code grows each title over what journalists attach to it:

* left: the organisation or nationality that owns the office ("FCO Minister", "the Iraqi
  Foreign Minister", "407th AEG commander") and a determiner before it;
* right: "of"/"for" + a capitalised name ("Secretary of State", "Minister for the Middle East")
  and the holder's name ("General Joseph Votel", "Sheikh Ahmed al-Tayeb").

A title in lower case counts only when marked as an office (a determiner, an owner, a name or
an "of" phrase) and when it is a noun heading its phrase ("the general public" is not).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventdesk import knowledge

SPAN_KEY = "persons"
TITLES_FILE = "person_titles.yaml"
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "my", "your",
                          "this", "that", "whose"})
_OWNER_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC"})
_LINKS = frozenset({"of", "for"})


def _validate_words(entry, path) -> None:
    if not isinstance(entry, list) or not all(isinstance(w, str) and w.strip() for w in entry):
        raise ValueError("each entry must be a list of non-empty strings")


def _load_words(key: str) -> list[str]:
    """All strings under `key` (a list of lists, or a flat list) of every person_titles.yaml."""
    words: list[str] = []
    for _, data in knowledge.load_all(TITLES_FILE):
        value = (data or {}).get(key) or []
        groups = value if value and isinstance(value[0], list) else [value]
        for group in groups:
            _validate_words(group, None)
            words.extend(group)
    return words


@Language.factory("eventdesk_person_titles_v1", default_config={"span_key": SPAN_KEY})
def make_person_titles(nlp: Language, name: str, span_key: str) -> "PersonTitles":
    return PersonTitles(nlp, span_key)


class PersonTitles:
    """Writes `doc.spans[span_key]` (label PERSON): office holders, titled and honorific names."""

    def __init__(self, nlp: Language, span_key: str = SPAN_KEY) -> None:
        self.span_key = span_key
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles.add("TITLE", list(nlp.tokenizer.pipe(sorted(set(_load_words("titles"))))))
        self.honorifics = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.honorifics.add("HONORIFIC", list(nlp.tokenizer.pipe(sorted(set(_load_words("honorifics"))))))
        self.particles = {w.lower() for w in _load_words("name_particles")}

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for _, start, end in self.titles(doc):
            span = self._office(doc, start, end)
            if span is not None:
                found.append(span)
        for _, start, end in self.honorifics(doc):
            stop = self._name_end(doc, end)
            if stop > end:
                found.append(Span(doc, start, stop, label="PERSON"))
        doc.spans[self.span_key] = filter_spans(found)
        return doc

    def _office(self, doc: Doc, start: int, end: int) -> Span | None:
        capital = doc[start].is_title or doc[start].is_upper
        stop = end
        while stop + 1 < len(doc) and doc[stop].lower_ in _LINKS and not doc[stop].is_sent_start:
            nxt = stop + 2 if doc[stop + 1].lower_ == "the" and stop + 2 < len(doc) else stop + 1
            last = self._proper_run(doc, nxt)
            if last == nxt:
                break
            stop = last
        of_phrase = stop > end
        named = self._name_end(doc, stop)
        has_name = named > stop
        begin = start
        while begin > 0 and not doc[begin].is_sent_start and _owner(doc[begin - 1]):
            begin -= 1
        owned = begin < start
        if begin > 0 and not doc[begin].is_sent_start and doc[begin - 1].lower_ in _DETERMINERS:
            begin -= 1
        determined = begin < start
        head = doc[end - 1]
        if not has_name and not of_phrase and _modifies_next(head):
            return None  # "the general public", "Major operations", "Commander Ridge Road"
        if not capital and not (determined or owned or has_name or of_phrase):
            return None
        if not capital and head.pos_ not in {"NOUN", "PROPN"} and doc.has_annotation("TAG"):
            return None
        return Span(doc, begin, named, label="PERSON")

    def _proper_run(self, doc: Doc, i: int) -> int:
        """End of a run of capitalised words from `i` ("U.S. Central Command", "Foreign Affairs")."""
        while i < len(doc) and not (i > 0 and doc[i].is_sent_start) and _capitalised(doc[i]):
            i += 1
        return i

    def _name_end(self, doc: Doc, i: int) -> int:
        """End of the person's name starting at `i` ("Joseph Votel", "Haider al-Abadi"), else i."""
        end = i
        j = i
        while j < len(doc) and not (j > i and doc[j].is_sent_start):
            token = doc[j]
            if _capitalised(token) and token.ent_type_ not in {"DATE", "TIME", "CARDINAL"}:
                j += 1
                end = j
            elif token.lower_.rstrip("-") in self.particles or token.text == "-":
                j += 1  # kept only if a capitalised word follows
            else:
                break
        return end


def _capitalised(token) -> bool:
    text = token.text
    bare = text.replace(".", "").replace("-", "").replace("'", "").replace("\u2019", "")
    return text[:1].isupper() and bare.isalpha()


def _owner(token) -> bool:
    """A word before a title that names the office's owner: an entity, an ordinal unit."""
    if token.ent_type_ in _OWNER_LABELS:
        return True
    if token.ent_type_ == "ORDINAL" or (token.text[:1].isdigit() and token.text[-2:] in {"st", "nd", "rd", "th"}):
        return True
    return token.pos_ == "PROPN" and _capitalised(token)


def _modifies_next(token) -> bool:
    """The title word is an adjective or a modifier of the noun after it."""
    if not token.doc.has_annotation("DEP"):
        return False
    return token.pos_ == "ADJ" or (token.dep_ in {"amod", "compound"} and token.head.i > token.i)
