"""Indexes for the web API's event filters and order (eventdesk.web.queries): lists are
ordered by (date, id); type, sub-type and the historical flag carry both; the actor indexes
carry date and type so that an actor's dossier counts from the index alone. Measured on the
100,000-event bench store (bench/bench_api.py, bench/README.md).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_date_id": ["date", "id"],
    "ix_events_type_date_id": ["event_type", "date", "id"],
    "ix_events_sub_type_date_id": ["sub_event_type", "date", "id"],
    "ix_events_historical_date_id": ["historical", "date", "id"],
    "ix_events_actor1_date_type": ["actor1", "date", "event_type"],
    "ix_events_actor2_date_type": ["actor2", "date", "event_type"],
    "ix_events_lat_lon": ["latitude", "longitude"],
    "ix_events_fatalities": ["fatalities"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="events")
