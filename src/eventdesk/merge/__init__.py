"""One event, many reports: near-duplicate documents and cross-document event merging.

* `dedup`: MinHash signatures of bodies and a `NearDuplicateIndex` that finds syndicated,
  shortened and updated copies (Jaccard or containment over word shingles).
* `events`: `events_compatible`, `candidate_keys` (blocking keys for the store) and
  `EventMerger`, which says which stored event each new event joins, and `combine`.
* `ledger` (claims) is written separately.
"""
