"""The web API's "text in the evidence" filter from an index on both databases.

SQLite: 0004's trigram index held one row per sentence, so a list filtered by a common word
("forces", in 35 % of the 100,000-event bench store) had to map 38,000 sentences to their
events before it could count them (p95 193 ms, bench/README.md). This revision indexes one
row per EVENT instead: its evidence sentences joined by U+001F (a character a query never
matches across: the API reads a phrase holding it with LIKE), keyed by the event's arrival
number `seq` (unique: the store hands out max + 1 under its write lock, and triggers refuse a
duplicate, since two events under one key would mix their sentences). The total is then the index's own count, and the page is picked
from the (seq, date, id) covering index before only its rows are read. Triggers on
event_sources rebuild an event's row whenever one of its sentences comes, goes or changes, so
every writer (the store, `db upgrade`, bulk inserts) keeps it in step. 0004's per-sentence
index and its triggers are dropped.

PostgreSQL: a pg_trgm GIN index on the sentences, which ILIKE '%words%' reads (pg_trgm is a
trusted extension since PostgreSQL 13: the store's owner may create it).

The SQLite statements are fixed DDL: SQLAlchemy has no construct for virtual tables or
triggers.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FTS_TABLE = "event_evidence_fts"
DUPLICATE_SEQ = "events.seq must be unique: it keys the evidence index"
SEPARATOR = "char(31)"  # U+001F between an event's sentences
TRGM_INDEX = "ix_event_sources_text_trgm"


def _rebuild(event_id: str) -> list[str]:
    """Statements (inside a trigger) that replace the index row of the event `event_id`
    (an expression such as new.event_id) by its current sentences, or drop it if none."""
    return [
        f"DELETE FROM {FTS_TABLE} WHERE rowid = (SELECT seq FROM events WHERE id = {event_id});",
        f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT e.seq, group_concat(s.text, {SEPARATOR}) "
        f"FROM events e JOIN event_sources s ON s.event_id = e.id WHERE e.id = {event_id} "
        "GROUP BY e.id;",
    ]


CREATE = [
    # trigram: any substring of 3+ characters is found from the index, case-insensitively
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, tokenize='trigram')",
    "CREATE TRIGGER event_evidence_ai AFTER INSERT ON event_sources BEGIN "
    + " ".join(_rebuild("new.event_id")) + " END",
    "CREATE TRIGGER event_evidence_ad AFTER DELETE ON event_sources BEGIN "
    + " ".join(_rebuild("old.event_id")) + " END",
    "CREATE TRIGGER event_evidence_au AFTER UPDATE OF text, event_id ON event_sources BEGIN "
    + " ".join(_rebuild("old.event_id") + _rebuild("new.event_id")) + " END",
    # the event's own row: normally stored before its sentences and removed after them, but
    # a writer without foreign keys may do otherwise, and seq keys the index
    "CREATE TRIGGER event_evidence_events_ai AFTER INSERT ON events BEGIN "
    + " ".join(_rebuild("new.id")) + " END",
    "CREATE TRIGGER event_evidence_events_au AFTER UPDATE OF seq, id ON events BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.seq; " + " ".join(_rebuild("new.id")) + " END",
    "CREATE TRIGGER event_evidence_events_ad AFTER DELETE ON events BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.seq; END",
    # seq keys the index, so it is unique; checked by triggers rather than a unique index,
    # which SQLite's planner prefers to the (seq, date, id) covering index that orders a
    # page of matches from the index alone (100 against 29 ms on the bench store)
    "CREATE TRIGGER event_evidence_seq_bi BEFORE INSERT ON events "
    "WHEN EXISTS (SELECT 1 FROM events WHERE seq = new.seq) BEGIN "
    f"SELECT RAISE(ABORT, '{DUPLICATE_SEQ}'); END",
    "CREATE TRIGGER event_evidence_seq_bu BEFORE UPDATE OF seq ON events "
    "WHEN EXISTS (SELECT 1 FROM events WHERE seq = new.seq AND id != new.id) BEGIN "
    f"SELECT RAISE(ABORT, '{DUPLICATE_SEQ}'); END",
    # index the events already stored
    f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT e.seq, group_concat(s.text, {SEPARATOR}) "
    "FROM events e JOIN event_sources s ON s.event_id = e.id GROUP BY e.id",
]
DROP = [f"DROP TRIGGER IF EXISTS event_evidence_{name}"
        for name in ("au", "ad", "ai", "events_ai", "events_au", "events_ad", "seq_bi",
                     "seq_bu")]
DROP.append(f"DROP TABLE IF EXISTS {FTS_TABLE}")

# 0004's per-sentence index, dropped here and made again by downgrade()
OLD_TABLE = "event_sources_fts"
OLD_CREATE = [
    f"CREATE VIRTUAL TABLE {OLD_TABLE} USING fts5(text, content='event_sources', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER event_sources_fts_ai AFTER INSERT ON event_sources BEGIN "
    f"INSERT INTO {OLD_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER event_sources_fts_ad AFTER DELETE ON event_sources BEGIN "
    f"INSERT INTO {OLD_TABLE}({OLD_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER event_sources_fts_au AFTER UPDATE OF text ON event_sources BEGIN "
    f"INSERT INTO {OLD_TABLE}({OLD_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {OLD_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"INSERT INTO {OLD_TABLE}({OLD_TABLE}) VALUES ('rebuild')",
]
OLD_DROP = ["DROP TRIGGER IF EXISTS event_sources_fts_au",
            "DROP TRIGGER IF EXISTS event_sources_fts_ad",
            "DROP TRIGGER IF EXISTS event_sources_fts_ai", f"DROP TABLE IF EXISTS {OLD_TABLE}"]


def upgrade() -> None:
    # (seq, date, id) orders a page of matches by date from the index alone, and serves
    # the arrival order and seq lookups that ix_events_seq served
    op.create_index("ix_events_seq_date_id", "events", ["seq", "date", "id"])
    op.drop_index("ix_events_seq", table_name="events")
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in OLD_DROP + CREATE:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(TRGM_INDEX, "event_sources", ["text"], postgresql_using="gin",
                        postgresql_ops={"text": "gin_trgm_ops"})


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in DROP + OLD_CREATE:
            op.execute(statement)
    elif dialect == "postgresql":
        op.drop_index(TRGM_INDEX, table_name="event_sources")
    op.create_index("ix_events_seq", "events", ["seq"], unique=False)
    op.drop_index("ix_events_seq_date_id", table_name="events")
