"""Alembic environment: runs on the connection handed in by dj_desktop.core.db."""

from alembic import context

from dj_desktop.core.books import load_books
from dj_desktop.core.models import Base

load_books()  # every record book's table is on the metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
