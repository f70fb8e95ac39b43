"""An article body cut into segments, each with the extractions that cover it, so that a
template can highlight and link them (text is escaped by the template, never here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # actor | place | date | event | claim | source
    label: str
    href: str | None = None
    anchor: str | None = None  # an id the address can point at (#src-120-188)


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # ids that start at this segment

    @property
    def kinds(self) -> str:
        return " ".join(sorted({f"hl-{m.kind}" for m in self.marks}))

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(m.label for m in self.marks))

    @property
    def href(self) -> str | None:
        """The link of the narrowest mark (a name inside an event sentence links the name)."""
        linked = [m for m in self.marks if m.href]
        return min(linked, key=lambda m: m.end - m.start).href if linked else None


def segments(body: str, marks: list[Mark]) -> list[Segment]:
    """Cut `body` at every mark boundary; marks outside the body are dropped."""
    n = len(body)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        anchors = [m.anchor for m in marks if m.anchor and m.start == a]
        out.append(Segment(body[a:b], covering, anchors))
    return out


def document_marks(doc: dict, focus: tuple[int, int] | None = None) -> list[Mark]:
    """Every extraction of a document (from queries.documents.get_document) as marks; the
    `focus` span (an event's supporting sentence) is marked as the source."""
    marks = []
    for m in doc["mentions"]:
        # actors link by canonical name: state forces made from the country table have no
        # registry id, but their name finds their events
        href = (f"/actors/{quote(m['name'], safe='')}" if m["kind"] == "actor" and m.get("name")
                else None)
        label = f"{m['kind']}: {m.get('name') or m['text']}"
        marks.append(Mark(m["start"], m["end"], m["kind"], label, href))
    for e in doc["events"]:
        marks.append(Mark(e["start"], e["end"], "event", f"event: {e['sub_event_type']}",
                          f"/events/{quote(e['event'], safe='')}", f"src-{e['start']}-{e['end']}"))
    for c in doc["claims"]:
        marks.append(Mark(c["start"], c["end"], "claim", f"claim: {c['measure']}",
                          f"/ledger/{quote(c['ledger_id'], safe='')}" if c.get("ledger_id") else None,
                          f"claim-{c['start']}-{c['end']}"))
    if focus is not None:
        marks.append(Mark(focus[0], focus[1], "source", "the supporting sentence", None,
                          f"focus-{focus[0]}-{focus[1]}"))
    return marks
