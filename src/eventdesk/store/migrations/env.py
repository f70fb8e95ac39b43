"""Alembic environment: eventdesk passes the connection in `config.attributes`
(eventdesk.store.migrate); no alembic.ini and no URL on a command line, so a password never
appears in a process list."""

from alembic import context

from eventdesk.store.migrate import include_name
from eventdesk.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, include_name=include_name,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
