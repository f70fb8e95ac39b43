"""The gazetteer's ranking: candidates scored in the context of the document.

Candidates are ranked, not picked by population alone (which sends Rawa to Poland, Anbar to
Turkey, Sinai to Mexico): a score adds the document's countries, closeness to the document's
other places, the kind of feature (country > region > town), a trusted curated entry, how the
name matched, and only then log population. `resolve_all` resolves the toponyms of one
document in two passes so that each one's context is the others.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from eventdesk.understand.places.index import GazetteerIndex
from eventdesk.understand.places.names import name_key
from eventdesk.understand.places.place import REGION_KINDS, TOWN_KINDS, Place, km
from eventdesk.understand.places.rank_config import RankConfig


class Ranking:
    """The ranking part of `Gazetteer` (gazetteer.py), which holds the index and the config."""

    index: GazetteerIndex
    config: RankConfig

    # -- ranking ------------------------------------------------------------------------
    def score(self, idx: int, quality: int, countries: dict[str, float],
              near: Sequence[tuple[float, float]], prefer: str | None,
              regions: frozenset[tuple[str, str]] = frozenset(),
              implied: frozenset[tuple[str, str]] = frozenset()) -> float:
        cfg = self.config
        _, _, cc, admin1, lat, lon, kind, pop, curated = self.index.records[idx]
        s = cfg.population_weight * math.log10(pop + 10) + cfg.kind_bonus.get(kind, 0.0)
        s += cfg.country_bonus * countries.get(cc, 0.0) if cc else 0.0
        if regions and kind not in REGION_KINDS and (cc, admin1) in regions:
            s += cfg.region_bonus
        if implied and kind not in ("country", "admin1") and (cc, admin1) in implied:
            s += cfg.implied_region_bonus
        if near and lat is not None:
            d = min(km((lat, lon), p) for p in near)
            s += cfg.near_bonus * max(0.0, 1.0 - d / cfg.near_km)
        if curated:
            s += cfg.curated_bonus
        s += cfg.primary_bonus if quality == 2 else (-cfg.loose_malus if quality == 0 else 0.0)
        if prefer == "region" and kind in REGION_KINDS - {"country", "continent"}:
            s += cfg.prefer_bonus
        elif prefer == "settlement" and kind not in REGION_KINDS:
            s += cfg.prefer_bonus
        return s

    def _weights(self, countries) -> dict[str, float]:
        if not countries:
            return {}
        if isinstance(countries, dict):
            return countries
        codes = (self.country_code(c) for c in countries)
        return {c: 1.0 for c in codes if c}

    def rank(self, name: str, countries=None, near=None, prefer: str | None = None,
             regions: frozenset[tuple[str, str]] = frozenset(),
             implied: frozenset[tuple[str, str]] = frozenset()) -> list[tuple[float, int]]:
        weights = self._weights(countries)
        cands = self.candidates(name)
        if weights and cands and all(q == 0 for _, q in cands):
            # A loose match abroad is a different name, not another spelling.
            cands = [(i, q) for i, q in cands if self.index.records[i][2] in weights]
        if regions and cands:
            cands = cands + self._named_regions(name, regions, {i for i, _ in cands})
        ranked = [(self.score(i, q, weights, near or (), prefer, regions, implied), i)
                  for i, q in cands]
        if weights and len(ranked) > 1:
            ranked = self._demote_tiny(ranked, dict(cands), weights)
        return sorted(ranked, reverse=True)

    def _named_regions(self, name: str, regions, have: set[int]) -> list[tuple[int, int]]:
        """A state the document names another way ("Wash.", "WA", "Washington state") is a
        reading of its bare name too, which a bigger town holds alone ("Washington")."""
        key = name_key(name)
        return [(i, 2) for cc, a1 in regions if name_key(a1) == key
                for i in self._admin1_named(cc, a1) if i not in have]

    def _demote_tiny(self, ranked: list[tuple[float, int]], quality: dict[int, int],
                     weights: dict[str, float]) -> list[tuple[float, int]]:
        recs, towns = self.index.records, ("city", "capital")
        main = [recs[i] for _, i in ranked if quality[i] == 2 and recs[i][6] in towns]
        top = max((r[7] for r in main if weights.get(r[2])), default=0)
        world = max((r[7] for r in main), default=0)
        cfg = self.config
        limit, far = top / cfg.tiny_ratio, world / cfg.world_ratio
        return [(s - (cfg.world_malus if recs[i][7] < far else cfg.tiny_malus)
                 if recs[i][6] in towns and recs[i][7] < max(limit, far) else s, i)
                for s, i in ranked]

    def resolve(self, name: str, countries: Iterable[str] | dict | None = None,
                near: Sequence[tuple[float, float]] | None = None,
                prefer: str | None = None) -> Place | None:
        """The best place for `name` given the document's countries (names or ISO codes)
        and the points of its other places; `prefer` is "region" or "settlement"."""
        ranked = self.rank(name, countries, near, prefer)
        return self.place(ranked[0][1]) if ranked else None

    def resolve_all(self, names: Sequence[str], prefer: Sequence[str | None] | None = None,
                    countries: Iterable[str] | None = None) -> list[Place | None]:
        """Resolve the toponyms of one document, each in the context of the others.

        Pass 1 ranks each name with the countries the caller knows; the countries, regions
        and points of its answers (each counted once per distinct name) then become the
        context of pass 2, where every name sees the others' answers but not its own
        (GeoWebNews 0.9005 when a name's own first answer counted, 0.9096 without). A name
        that qualified a town elsewhere ("Tacoma, Washington") keeps that sense.
        """
        prefer = list(prefer) if prefer is not None else [None] * len(names)
        base = self._weights(countries)
        ranked = [self.rank(n, base, None, p) for n, p in zip(names, prefer)]
        for _ in range(self.config.passes - 1):
            ranked = self._again(names, prefer, ranked, base)
        focus = self._focus(names, ranked)
        places = [self.place(r[0][1]) if r else focus if focus is not None
                  and self._facility_split(n) is not None else None for n, r in zip(names, ranked)]
        return self._without_loose_abroad(names, places, base)

    def _without_loose_abroad(self, names: Sequence[str], places: list, base: dict) -> list:
        """A loose match (skeleton or fuzzy) in a country no sure name of the document, and
        no country the caller knows, points at is another name, not another spelling
        ("Kolofata" is no Klofta in Norway): no answer beats a wrong one."""
        loose = {i for i, (n, p) in enumerate(zip(names, places)) if p is not None and self.match_quality(n, p) == 0}
        sure = set(base) | {p.country_code for i, p in enumerate(places)
                            if p is not None and p.country_code and i not in loose}
        return [None if i in loose and p.country_code not in sure else p for i, p in enumerate(places)]

    def _focus(self, names: Sequence[str], ranked: list) -> Place | None:
        """The town the document is about: the settlement its names resolve to most often
        (the first named on a tie), else its county, where a church, hospital or prison the
        gazetteer lacks most likely stands."""
        recs = self.index.records
        towns: Counter = Counter()
        areas: Counter = Counter()
        states: Counter = Counter()
        for n, r in zip(names, ranked):
            kind = recs[r[0][1]][6] if r and not n.islower() else None
            if kind in TOWN_KINDS:
                towns[r[0][1]] += 1
            elif kind in ("admin2", "district"):
                areas[r[0][1]] += 1  # no town named: the county it lies in
            elif kind == "admin1":
                states[(recs[r[0][1]][2], recs[r[0][1]][3])] += 1
        # a town of the state the article keeps naming ("Shelby" in an article on Montana)
        score = {i: c + states[(recs[i][2], recs[i][3])] for i, c in towns.items()}
        if score:
            return self.place(max(score, key=score.get))
        best = areas.most_common(1)
        return self.place(best[0][0]) if best else None

    def _again(self, names: Sequence[str], prefer: list, ranked: list, base: dict) -> list:
        """One more pass: each name ranked in the context of the others' last answers."""
        context = self._context(names, ranked)
        out = []
        for n, p, last in zip(names, prefer, ranked):
            if not last:
                out.append(last)
                continue
            own = self._own_key(n)
            sense = context.senses.get(own)
            if sense is not None:  # "Tacoma, Washington" said which Washington this is
                out.append([(0.0, sense)])
                continue
            weights, regions, near, implied = context.without(own, base, self.config.implied_min)
            out.append(self.rank(n, weights, near, p, regions, implied))
        return out

    def _context(self, names: Sequence[str], first: list) -> "_Context":
        """What each distinct name's first answer says about the document."""
        ctx = _Context()
        for n, ranked in zip(names, first):
            key = self._own_key(n)
            if not ranked or key in ctx.seen or n.islower():
                continue  # a lower-case word ("the embassy") is no name and lends no context
            ctx.seen.add(key)
            rec = self.index.records[ranked[0][1]]
            self._area_sense(n, ranked[0][1], ctx)
            if rec[2]:
                ctx.votes[key] = rec[2]
            if rec[6] == "admin1" and rec[3]:
                ctx.regions[key] = (rec[2], rec[3])
            if rec[6] not in ("country", "continent") and rec[4] is not None:
                ctx.points[key] = (rec[4], rec[5])
            if rec[6] != "country" and rec[2] and rec[3]:
                ctx.admins[key] = (rec[2], rec[3])
        return ctx

    def _own_key(self, name: str) -> str:
        """The key a name lends context under: a pair whose town is unknown ("Ramor
        Theatre, Virginia") is the qualifier named again."""
        head, comma, tail = name.rpartition(",")
        if (comma and head.strip() and tail.strip() and name_key(name) not in self.index.keys
                and not any(q for _, q in self.candidates(head.strip()))):
            return name_key(tail)
        return name_key(name)

    def _area_sense(self, name: str, idx: int, ctx: "_Context") -> None:
        """"Tacoma, Washington": the area that holds the answer is what the qualifier means
        wherever the document names it alone, and a region of the document."""
        head, comma, tail = name.rpartition(",")
        if not (comma and head.strip() and tail.strip()):
            return
        head, tail = head.strip(), tail.strip()
        for area in self._area_records(tail) or self._bare_areas(head, tail):
            if self._inside(idx, area):
                ctx.senses.setdefault(name_key(tail), area)
                ctx.senses.setdefault(name_key(head), idx)  # "New Quay" alone: the same town
                rec = self.index.records[area]
                if rec[6] == "admin1" and rec[3]:
                    ctx.regions[name_key(tail)] = (rec[2], rec[3])
                return


@dataclass
class _Context:
    """The first-pass answers of a document's names, keyed by name; a name's context is
    the others' answers (leave-one-out), never its own: "Santa Barbara" first read as the
    Honduran department must not vote Honduras and that department into its own ranking."""

    seen: set = field(default_factory=set)
    votes: dict = field(default_factory=dict)  # name key -> country code
    regions: dict = field(default_factory=dict)  # name key -> (country, admin1)
    points: dict = field(default_factory=dict)  # name key -> (lat, lon)
    senses: dict = field(default_factory=dict)  # name key -> the area record it names
    admins: dict = field(default_factory=dict)  # name key -> (country, admin1) it lies in

    def without(self, own: str, base: dict[str, float], min_names: int = 3):
        votes = Counter(c for k, c in self.votes.items() if k != own)
        total = sum(votes.values()) or 1
        weights = {c: min(1.0, 0.5 + v / total) for c, v in votes.items()}
        for c, w in base.items():
            weights[c] = max(weights.get(c, 0.0), w)
        regions = frozenset(r for k, r in self.regions.items() if k != own)
        near = [pt for k, pt in self.points.items() if k != own]
        counts = Counter(a for k, a in self.admins.items() if k != own)
        implied = frozenset(a for a, n in counts.items() if n >= min_names)
        return weights, regions, near, implied
