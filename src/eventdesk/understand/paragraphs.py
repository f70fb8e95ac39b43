"""The paragraph component: a body line is a paragraph, and no sentence runs across one.

The parser sometimes joins the closing quote of one paragraph with the next paragraph's first
sentence (`"We have lost Mosul."\\nThe fall of ...` becomes one sentence starting at `"`), and
then time and place told in the previous paragraph leak into the next one. Set before the
parser, preset sentence starts are kept by it (spaCy's parser only adds boundaries).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventdesk_paragraphs_v1")
def mark_paragraphs(doc: Doc) -> Doc:
    for i, token in enumerate(doc[1:], 1):
        prev = doc[i - 1]
        if token.is_space:
            continue
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    return doc


def add_to_pipeline(nlp: Language, config: object | None = None) -> None:
    """Before the parser (or first, when the model has none)."""
    where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe("eventdesk_paragraphs_v1", name="paragraphs", **where)
