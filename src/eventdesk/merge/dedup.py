"""Near-duplicate documents: MinHash + LSH over word shingles of cleaned bodies.

A wire story is copied by many sites with their own page furniture, cut short, or updated
as the toll rises. All of them are one report: the copy gets `duplicate_of` = the earliest
indexed document it matches, still adds its sources to events, but adds no new events.

Rules (in order), for a new body A against an indexed body B found by LSH:
1. A and B share most of their shingles: estimated Jaccard >= `jaccard_threshold`
   (syndicated copies: the cleaned bodies are nearly the same);
2. the smaller body is mostly inside the larger one: containment |S ∩ L| / |S| >=
   `containment_threshold` (shortened copies, and updated copies that add a paragraph or
   change the toll sentence). Containment is derived from the MinHash Jaccard estimate and
   the exact shingle counts kept in the signature; it is only trusted when the smaller body
   has at least `min_shingles` shingles (shorter bodies must pass rule 1).

Different reports of the same event written independently share quotes of the same
statement, but their own sentences keep them under both thresholds (measured on the
clusters in ../shared/data/clusters: see DedupConfig).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash, MinHashLSH

_MAGIC = b"EDM1"
_HEADER = struct.Struct("<4sI")  # magic, exact shingle count
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DedupConfig:
    """How near two bodies must be to count as one report."""

    # 256 permutations: the Jaccard estimate's standard error is <= 0.031, which keeps the
    # containment derived from it within ~0.1 for size ratios down to 1:3.
    num_perm: int = 256
    # 5-word shingles: long enough that two independent reports of one event (same names,
    # same quoted statement) share few of them; short enough that a changed toll sentence
    # breaks only the shingles around it.
    shingle_size: int = 5
    # Calibrated on ../shared/data/clusters (18 reports of 2 events from different outlets,
    # several quoting the same statement) plus the dev and seed articles, all pairs: the
    # highest Jaccard between independent reports is 0.27 and the highest containment 0.52
    # (bench/bench_merge.py prints them); invented syndicated / shortened (3 of 7 paragraphs)
    # / updated copies (tests/merge/test_dedup.py) score Jaccard 0.96 / containment 1.0 /
    # Jaccard 0.80 and containment 0.94. The thresholds sit between the two groups.
    jaccard_threshold: float = 0.5
    containment_threshold: float = 0.7
    # LSH candidate threshold: low enough to find a copy holding a third of the original
    # (Jaccard ~0.2 at containment 0.7); candidates are then checked by rules 1 and 2.
    lsh_threshold: float = 0.15
    # A body under ~40 words (36 shingles) is too short to judge containment reliably.
    min_shingles: int = 36
    seed: int = 1


def shingles(body: str, size: int) -> set[bytes]:
    """Word `size`-grams of the case-folded body (punctuation and spacing ignored)."""
    words = _WORD.findall(body.casefold())
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _minhash(shingle_set: set[bytes], config: DedupConfig) -> LeanMinHash:
    mh = MinHash(num_perm=config.num_perm, seed=config.seed)
    mh.update_batch(shingle_set)
    return LeanMinHash(mh)


def body_signature(body: str, config: DedupConfig | None = None) -> bytes:
    """A compact serialised signature of `body` (the store keeps it per document)."""
    config = config or DedupConfig()
    sh = shingles(body, config.shingle_size)
    lean = _minhash(sh, config)
    buf = bytearray(lean.bytesize(byteorder="<"))
    lean.serialize(buf, byteorder="<")
    return _HEADER.pack(_MAGIC, len(sh)) + bytes(buf)


def minhash_from_bytes(signature: bytes) -> tuple[LeanMinHash, int]:
    """The MinHash and the exact shingle count of a signature made by `body_signature`."""
    magic, size = _HEADER.unpack_from(signature)
    if magic != _MAGIC:
        raise ValueError("not an eventdesk body signature")
    return LeanMinHash.deserialize(signature[_HEADER.size:], byteorder="<"), size


def similarity(a: tuple[LeanMinHash, int], b: tuple[LeanMinHash, int]) -> tuple[float, float]:
    """(estimated Jaccard, estimated containment of the smaller set in the larger)."""
    (ma, na), (mb, nb) = a, b
    if not na or not nb:
        return 0.0, 0.0
    j = ma.jaccard(mb)
    # |A ∩ B| = J (|A| + |B|) / (1 + J)
    inter = j * (na + nb) / (1.0 + j)
    return j, min(1.0, inter / min(na, nb))


class NearDuplicateIndex:
    """An incremental index of document signatures.

    >>> index = NearDuplicateIndex()
    >>> index.add("d-1", body)                # or a signature from `body_signature`
    >>> index.find(copy_of_body)              # -> "d-1"
    """

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig()
        self._lsh = MinHashLSH(threshold=self.config.lsh_threshold, num_perm=self.config.num_perm)
        self._entries: dict[str, tuple[LeanMinHash, int]] = {}
        self._order: dict[str, int] = {}
        self._root: dict[str, str] = {}  # duplicate -> the original it copies

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._entries

    def _entry(self, body_or_signature: str | bytes) -> tuple[LeanMinHash, int]:
        if isinstance(body_or_signature, (bytes, bytearray, memoryview)):
            return minhash_from_bytes(bytes(body_or_signature))
        sh = shingles(body_or_signature, self.config.shingle_size)
        return _minhash(sh, self.config), len(sh)

    def add(self, doc_id: str, body_or_signature: str | bytes, duplicate_of: str | None = None) -> None:
        """Index a document (a stored one: pass its `duplicate_of` to keep copies pointing at
        the original); adding an id twice is a no-op."""
        if doc_id in self._entries:
            return
        self._insert(doc_id, self._entry(body_or_signature))
        if duplicate_of is not None:
            self._root[doc_id] = duplicate_of

    def is_duplicate(self, a: tuple[LeanMinHash, int], b: tuple[LeanMinHash, int]) -> bool:
        j, c = similarity(a, b)
        if j >= self.config.jaccard_threshold:
            return True
        return min(a[1], b[1]) >= self.config.min_shingles and c >= self.config.containment_threshold

    def find(self, body_or_signature: str | bytes) -> str | None:
        """The earliest-added indexed document that `body` duplicates, or None.

        A copy of a copy points at the original: the answer is always a document that was
        itself not a duplicate when it was added through `check_and_add`.
        """
        return self._find_entry(self._entry(body_or_signature))

    def check_and_add(self, doc_id: str, body_or_signature: str | bytes) -> str | None:
        """`find` then `add`: the document this one duplicates (None if it is new)."""
        if doc_id in self._entries:
            return self._root.get(doc_id)
        entry = self._entry(body_or_signature)
        original = self._find_entry(entry)
        self._insert(doc_id, entry)
        if original is not None:
            self._root[doc_id] = original
        return original

    def _find_entry(self, entry: tuple[LeanMinHash, int]) -> str | None:
        if entry[1] == 0:
            return None
        hits = [d for d in self._lsh.query(entry[0]) if self.is_duplicate(entry, self._entries[d])]
        if not hits:
            return None
        first = min(hits, key=self._order.__getitem__)
        return self._root.get(first, first)

    def _insert(self, doc_id: str, entry: tuple[LeanMinHash, int]) -> None:
        if entry[1] == 0 or doc_id in self._entries:
            return  # an empty body matches nothing; adding an id twice is a no-op
        self._entries[doc_id] = entry
        self._order[doc_id] = len(self._order)
        self._lsh.insert(doc_id, entry[0])
