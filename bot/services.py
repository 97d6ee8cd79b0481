"""What the running bot shares between updates: settings, database, content, the core."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import aiosqlite

from bot.announcements.delivery import Broadcaster
from bot.config import Settings
from bot.core.content_reload import ContentReloader, content_fingerprint
from bot.core.conversation import Clock, Conversation
from bot.core.library import Library, LibraryHolder
from bot.handoff.desk import HelpDesk
from bot.storage.broadcasts import Broadcasts
from bot.storage.database import connect

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    db: aiosqlite.Connection
    library: LibraryHolder
    conversation: Conversation
    reloader: ContentReloader
    broadcasts: Broadcasts
    # The help desk exists once the Telegram bot connects to a staff chat.
    desk: HelpDesk | None = None
    # Started by the Telegram front end (it needs a bot to send with).
    broadcaster: Broadcaster | None = None

    @classmethod
    async def open(cls, settings: Settings) -> Services:
        """Load and check the content, open the database. Raises ContentError on bad content."""
        loaded = content_fingerprint(settings.content_dir)  # before reading: no change missed
        library = LibraryHolder(Library.load(settings.content_dir))
        db = await connect(settings.database_path)
        conversation = Conversation(
            library, db, settings.assistant_hours, Clock(settings.timezone)
        )
        if settings.staff_chat_id is None:
            log.warning("STAFF_CHAT_ID is not set: requests for a person are only recorded")
        reloader = ContentReloader(library, settings.content_dir, loaded)
        return cls(settings, db, library, conversation, reloader, Broadcasts(db))

    async def close(self) -> None:
        if self.broadcaster is not None:
            await self.broadcaster.stop()  # lets messages in flight be recorded first
            self.broadcaster = None
        await self.db.close()
