"""A full-text index over the events' evidence sentences (SQLite only): the web API's "text
in the evidence" filter read every sentence with LIKE (p95 538 ms on the 100,000-event bench
store, bench/README.md); an FTS5 trigram index answers the same case-insensitive substring
question from the index. External content (the text stays once, in event_sources), kept in
step by triggers so that every writer (the store, `db upgrade`, bulk inserts) maintains it.
PostgreSQL keeps the LIKE filter (eventdesk.web.queries.events.text_match).

The statements are fixed DDL: SQLAlchemy has no construct for virtual tables or triggers.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FTS_TABLE = "event_sources_fts"

CREATE = [
    # trigram: any substring of 3+ characters is found from the index, case-insensitively
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content='event_sources', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER event_sources_fts_ai AFTER INSERT ON event_sources BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER event_sources_fts_ad AFTER DELETE ON event_sources BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER event_sources_fts_au AFTER UPDATE OF text ON event_sources BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    # index the sentences already stored
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
DROP = ["DROP TRIGGER IF EXISTS event_sources_fts_au", "DROP TRIGGER IF EXISTS event_sources_fts_ad",
        "DROP TRIGGER IF EXISTS event_sources_fts_ai", f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in DROP:
        op.execute(statement)
