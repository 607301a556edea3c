from __future__ import annotations

from alembic import context
from sqlalchemy import pool

import lantern.directory  # noqa: F401  (declares the services table on Base.metadata)
from gateway.storage import Base, engine_for
from lantern.settings import get_settings

config = context.config
url = config.get_main_option("sqlalchemy.url") or get_settings().sqlalchemy_url


def run() -> None:
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_for(url) if url.startswith("sqlite") else None
    from sqlalchemy import create_engine

    connectable = engine or create_engine(url, poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
