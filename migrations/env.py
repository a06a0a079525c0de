"""Alembic environment: batch mode for SQLite, the models' metadata, a shared engine."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine, create_engine

from complaintdesk.storage.models import Base
from complaintdesk.storage.search_index import is_index_object

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the search index to its own migrations: it is derived data, not a model."""
    return not (type_ == "table" and is_index_object(name))


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine  # type: ignore[no-any-return]
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("Set sqlalchemy.url or run migrations through `complaintdesk db`.")
    return create_engine(url)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # A connection handed over by `complaintdesk db upgrade` already holds the lock on every
    # table (storage/schema.py): the migrations run in its transaction.
    given = config.attributes.get("connection")
    if given is not None:
        _run_on(given)
        return
    with _engine().connect() as connection:
        _run_on(connection)


def _run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    # SQLite cannot drop a column a foreign key points through without rebuilding the
    # table (batch mode); the rebuild drops the old table, which foreign keys refuse.
    # The pragma only takes effect outside a transaction, so it goes to the driver.
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _foreign_keys(connection, on=False)
    try:
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if sqlite:
            _foreign_keys(connection, on=True)


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    finally:
        cursor.close()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
