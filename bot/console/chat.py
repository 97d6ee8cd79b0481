"""`python -m bot chat`: talk to the bot in a terminal, on the bundled content."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.config import Settings
from bot.console.render import render
from bot.core import districts, subscriptions
from bot.core.conversation import LANGUAGE_NAMES, Clock, Conversation
from bot.core.library import Library, LibraryHolder
from bot.core.offices import nearby_reply
from bot.core.replies import EXPECTS_STREET, Button, Reply
from bot.i18n.catalog import strings
from bot.knowledge.model import LANGUAGES
from bot.knowledge.problems import ContentError
from bot.storage.database import connect

# The terminal is one resident; Telegram user ids are positive, so 0 never collides.
CONSOLE_RESIDENT = 0


def run(settings: Settings, lang: str | None = None) -> int:
    try:
        library = Library.load(settings.content_dir)
    except ContentError as exc:
        print(
            "The content has errors; fix them first (python -m bot content check):",
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return asyncio.run(_session(settings, library, lang, sys.stdin, sys.stdout))


async def _session(
    settings: Settings, library: Library, lang: str | None, stdin: TextIO, out: TextIO
) -> int:
    db = await connect(settings.database_path)
    try:
        chat = ConsoleChat(
            Conversation(
                LibraryHolder(library), db, settings.assistant_hours, Clock(settings.timezone)
            ),
            stdin,
            out,
        )
        await chat.run(lang)
    finally:
        await db.close()
    return 0


class ConsoleChat:
    def __init__(self, conversation: Conversation, stdin: TextIO, out: TextIO) -> None:
        self.conversation = conversation
        self.stdin = stdin
        self.out = out
        self.buttons: list[Button] = []
        # What the next typed line answers (Reply.expects), e.g. a street after /district.
        self.expecting: str | None = None

    def read(self, prompt: str = "> ") -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self.out.write("\n")
            return None
        return line.strip()

    def show(self, replies: list[Reply]) -> None:
        self.buttons = []
        self.expecting = replies[-1].expects if replies else None
        for reply in replies:
            text, buttons = render(reply, first_number=len(self.buttons) + 1)
            self.buttons.extend(buttons)
            self.out.write(text + "\n\n")
        self.out.flush()

    async def choose_language(self) -> str | None:
        options = list(LANGUAGES)
        self.out.write("Jazyk / Мова / Language:\n")
        for number, code in enumerate(options, start=1):
            self.out.write(f"  [{number}] {LANGUAGE_NAMES[code]}\n")
        while True:
            answer = self.read()
            if answer is None or answer == "/quit":
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return options[int(answer) - 1]
            if answer in options:
                return answer
            self.out.write("1, 2, 3?\n")

    async def run(self, lang: str | None) -> None:
        lang = lang or await self.choose_language()
        if lang is None:
            return
        conversation = self.conversation
        await conversation.set_language(CONSOLE_RESIDENT, lang)
        t = strings(lang)
        self.out.write(
            t._("Type a number to press a button, /menu for topics, /quit to leave.") + "\n\n"
        )
        self.show(conversation.welcome(lang))
        while (line := self.read()) is not None:
            if not line:
                continue
            if line in ("/quit", "/exit"):
                break
            self.show(await self.handle(lang, line))
            # A language button may have changed it.
            lang = await conversation.language(CONSOLE_RESIDENT, lang)

    async def handle(self, lang: str, line: str) -> list[Reply]:
        conversation = self.conversation
        if self.expecting == EXPECTS_STREET and not line.isdigit() and not line.startswith("/"):
            return [districts.answer_street(conversation, lang, line)]
        if line.isdigit():
            number = int(line)
            if 1 <= number <= len(self.buttons):
                return await conversation.on_action(
                    CONSOLE_RESIDENT, lang, self.buttons[number - 1].action
                )
            return [conversation.expired(lang)]
        command = line.split()[0].lower()
        if command in ("/menu", "/start"):
            return [conversation.main_menu(lang)]
        if command == "/help":
            return [conversation.help(lang)]
        if command == "/language":
            return [conversation.language_menu(lang)]
        if command in ("/district", "/subscribe", "/unsubscribe", "/location"):
            return await self.city_command(lang, command, line.partition(" ")[2].strip())
        if command == "/assistant":
            return await conversation.request_person(
                CONSOLE_RESIDENT, lang, line.partition(" ")[2]
            )
        return await conversation.on_text(CONSOLE_RESIDENT, lang, line)

    async def city_command(self, lang: str, command: str, rest: str) -> list[Reply]:
        """/district [street], /subscribe, /unsubscribe, /location LAT LON (a shared point)."""
        conversation = self.conversation
        if command == "/district":
            if rest:
                return [districts.answer_street(conversation, lang, rest)]
            return [districts.prompt(conversation, lang)]
        if command == "/subscribe":
            return [await subscriptions.menu(conversation, CONSOLE_RESIDENT, lang)]
        if command == "/unsubscribe":
            return [await subscriptions.unsubscribe_all(conversation, CONSOLE_RESIDENT, lang)]
        try:
            lat, lon = (float(part) for part in rest.replace(",", " ").split())
        except ValueError:
            return [Reply("/location 49.7475 13.3776")]
        return [nearby_reply(conversation, lang, lat, lon)]
