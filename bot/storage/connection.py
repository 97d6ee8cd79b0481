"""The one aiosqlite connection the whole bot shares, safe to share between tasks.

SQLite has one transaction per connection. Every task of the bot uses the same
connection, so without care a plain statement of task B, issued while task A's
transaction is open, would become part of A's transaction and vanish with A's
rollback. Here every statement of another task waits until the open transaction ends;
the task that owns the transaction goes straight through.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiosqlite


class NestedTransaction(RuntimeError):
    """A task opened a transaction inside its own: SQLite cannot nest them."""


class SerialConnection(aiosqlite.Connection):
    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._serial = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None

    # Every statement, fetch and close of aiosqlite goes through _execute, so this one
    # override covers them all (pinned below 0.23 in pyproject.toml; test_storage checks it).
    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if self._owner is not None and self._owner is asyncio.current_task():
            return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
        async with self._serial:
            return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    @contextlib.asynccontextmanager
    async def exclusive(self) -> AsyncIterator[None]:
        """Keep every other task's statements out until the block ends."""
        task = asyncio.current_task()
        if task is not None and self._owner is task:
            raise NestedTransaction("a transaction is already open in this task")
        async with self._serial:
            self._owner = task
            try:
                yield
            finally:
                self._owner = None


async def open_serial(path: str) -> SerialConnection:
    def connector() -> sqlite3.Connection:
        # isolation_level=None: autocommit, transactions only where BEGIN says so.
        return sqlite3.connect(path, isolation_level=None)

    connection = SerialConnection(connector)
    await connection
    return connection
