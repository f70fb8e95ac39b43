"""Documents record which eventdesk processed them and how (pipeline_version, extracted),
and the warnings their reading gave, so that a later run re-extracts what `ingest` or an
older version stored, and retries what failed.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("pipeline_version", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("extracted", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("warnings", sa.JSON(), nullable=True))
    # Documents stored before: the run that stored them says which version and which stages.
    bind = op.get_bind()
    runs = sa.table("runs", sa.column("id", sa.String), sa.column("version", sa.String),
                    sa.column("config", sa.JSON))
    docs = sa.table("documents", sa.column("run_id", sa.String),
                    sa.column("pipeline_version", sa.String), sa.column("extracted", sa.Boolean))
    for run_id, version, config in bind.execute(sa.select(runs.c.id, runs.c.version,
                                                          runs.c.config)).all():
        stages = [s.get("name") for s in (config or {}).get("stages", []) if isinstance(s, dict)]
        extracted = any(name != "clean" for name in stages)
        bind.execute(sa.update(docs).where(docs.c.run_id == run_id)
                     .values(pipeline_version=version, extracted=extracted))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("warnings")
        batch.drop_column("extracted")
        batch.drop_column("pipeline_version")
