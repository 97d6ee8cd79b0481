"""The conversation core: a resident's text or button in, replies as plain data out.

It knows nothing of Telegram or terminals; bot/handlers and bot/console render what it
returns. Every decision the resident sees is made here, so both front ends behave alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import aiosqlite

from bot.core import actions, city
from bot.core.actions import Action
from bot.core.article_view import article_text, section_text
from bot.core.library import LibraryHolder
from bot.core.recorded_handoff import RecordedHandoff
from bot.core.replies import Button, CommentOn, Reply
from bot.handoff.hours import WorkingHours
from bot.i18n.catalog import strings
from bot.knowledge.markup import escape
from bot.knowledge.model import LANGUAGES, Article
from bot.search.matcher import Action as Decided
from bot.search.matcher import Decision, Reason
from bot.storage.feedback import FeedbackLog
from bot.storage.handoff_requests import HandoffRequests
from bot.storage.queries import QueryLog
from bot.storage.reads import ArticleReads
from bot.storage.residents import Residents
from bot.storage.subscriptions import Subscriptions

LANGUAGE_NAMES = {"cs": "Čeština", "uk": "Українська", "en": "English"}
LANGUAGE_CACHE_SIZE = 50_000
# Articles each resident saw lately, kept in memory only, for the assistants' ticket card.
RECENT_ARTICLES = 5


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Handoff(Protocol):
    """Passes a question to a person. The terminal chat records it; Telegram opens a ticket."""

    async def open(self, resident_id: int, lang: str, question: str) -> list[Reply]: ...

    async def cancel(self, resident_id: int, lang: str) -> list[Reply]: ...

    async def rate(
        self, resident_id: int, lang: str, ticket_id: int, stars: int
    ) -> list[Reply]: ...

    async def rating_comment(
        self, resident_id: int, lang: str, ticket_id: int, text: str
    ) -> list[Reply]: ...

    async def forget(self, resident_id: int) -> None:
        """Called before the resident's data is deleted."""


@dataclass(frozen=True)
class Clock:
    """Now, in UTC and in the assistants' time zone; replaceable in tests."""

    timezone: dt.tzinfo
    now: Callable[[], dt.datetime] = utc_now

    def local(self) -> dt.datetime:
        return self.now().astimezone(self.timezone)


class Conversation:
    def __init__(
        self,
        library: LibraryHolder,
        db: aiosqlite.Connection,
        hours: WorkingHours,
        clock: Clock,
        handoff: Handoff | None = None,
    ) -> None:
        self.library = library
        self.hours = hours
        self.clock = clock
        self.residents = Residents(db)
        self.queries = QueryLog(db)
        self.feedback = FeedbackLog(db)
        self.reads = ArticleReads(db)
        self.subscriptions = Subscriptions(db)
        self.handoff: Handoff = handoff or RecordedHandoff(self, HandoffRequests(db))
        # Residents' languages, read once: a question then costs one database write
        # (the query log) instead of three round trips. Bounded; the database is the truth.
        self._languages: dict[int, str] = {}
        self._recent: dict[int, list[str]] = {}

    # -- language -------------------------------------------------------------------------

    async def language(self, resident_id: int, hint: str) -> str:
        """The resident's chosen language; first contact stores the hint."""
        cached = self._languages.get(resident_id)
        if cached is not None:
            return cached
        stored = await self.residents.language(resident_id)
        if stored not in LANGUAGES:
            await self.residents.ensure(resident_id, hint, self.clock.now())
            stored = hint
        self._remember(resident_id, stored)
        return stored

    def _remember(self, resident_id: int, lang: str) -> None:
        if len(self._languages) >= LANGUAGE_CACHE_SIZE:
            self._languages.pop(next(iter(self._languages)))
        self._languages[resident_id] = lang

    async def forget(self, resident_id: int) -> None:
        """Delete everything stored about the resident."""
        await self.handoff.forget(resident_id)
        self._languages.pop(resident_id, None)
        self._recent.pop(resident_id, None)
        await self.residents.forget(resident_id)

    def saw(self, resident_id: int, article_id: str) -> None:
        seen = [a for a in self._recent.pop(resident_id, []) if a != article_id]
        if len(self._recent) >= LANGUAGE_CACHE_SIZE:
            self._recent.pop(next(iter(self._recent)))
        self._recent[resident_id] = [article_id, *seen][:RECENT_ARTICLES]

    def recent_articles(self, resident_id: int) -> list[str]:
        """Newest first."""
        return list(self._recent.get(resident_id, ()))

    async def set_language(self, resident_id: int, lang: str) -> list[Reply]:
        await self.residents.set_language(resident_id, lang, self.clock.now())
        self._remember(resident_id, lang)
        return [
            Reply(strings(lang)._("Language set to English."), self.home_row(lang)),
            self.main_menu(lang),
        ]

    def language_menu(self, lang: str) -> Reply:
        row = tuple(
            Button(name, actions.encode(actions.ChooseLanguage(code)))
            for code, name in LANGUAGE_NAMES.items()
        )
        return Reply(strings(lang)._("Choose your language:"), (row,))

    # -- menus ----------------------------------------------------------------------------

    def start(self, lang: str, article_id: str | None = None) -> list[Reply]:
        """First screen: a deep-linked article if it exists, else the greeting and menu."""
        if article_id and article_id in self.library.current.knowledge.articles:
            return [self.article(lang, article_id)]
        return self.welcome(lang)

    async def request_person(self, resident_id: int, lang: str, question: str = "") -> list[Reply]:
        """/assistant: the question given, else the resident's last unanswered one."""
        await self.queries.settle_suggestion(resident_id, chosen=None)
        question = question.strip() or await self.queries.last_unanswered(resident_id) or ""
        return await self.handoff.open(resident_id, lang, question)

    def welcome(self, lang: str) -> list[Reply]:
        t = strings(lang)
        greeting = t._(
            "Hello! I answer questions of foreign residents of Plzeň: residence, work, "
            "city rules, social services and safety. Write your question in your own "
            "words, or choose a topic."
        )
        return [Reply(greeting), self.main_menu(lang)]

    def help(self, lang: str) -> Reply:
        t = strings(lang)
        return Reply(
            t._(
                "Write a question in Ukrainian, Czech, English or Russian, or browse the "
                "topics with /menu. /assistant passes your question to a person, "
                "/language changes the language, /forget deletes what is stored about you."
            ),
            self.home_row(lang),
        )

    def main_menu(self, lang: str) -> Reply:
        knowledge = self.library.current.knowledge
        rows = tuple(
            (
                Button(
                    f"{area.icon} {area.title[lang]}".strip(),
                    actions.encode(actions.OpenArea(area.id)),
                ),
            )
            for area in knowledge.areas
            if area.article_ids
        )
        person = (Button(strings(lang)._("💬 Ask a person"), actions.encode(actions.AskPerson())),)
        return Reply(strings(lang)._("Choose a topic:"), (*rows, person))

    def area_menu(self, lang: str, area_id: str) -> Reply:
        knowledge = self.library.current.knowledge
        area = knowledge.area(area_id)
        if area is None:
            return self.expired(lang)
        rows = tuple(
            (self.article_button(knowledge.articles[article_id], lang),)
            for article_id in area.article_ids
        )
        return Reply(
            f"{area.icon} **{escape(area.title[lang])}**", (*rows, self.home_row(lang)[0])
        )

    def home_row(self, lang: str) -> tuple[tuple[Button, ...], ...]:
        return ((Button(strings(lang)._("🏠 Menu"), actions.encode(actions.Home())),),)

    def article_button(self, article: Article, lang: str) -> Button:
        return Button(article.text(lang).title, actions.encode(actions.Read(article.id)))

    def expired(self, lang: str) -> Reply:
        t = strings(lang)
        return Reply(t._("This button has expired. Here is the menu again."), self.home_row(lang))

    # -- articles -------------------------------------------------------------------------

    def article(self, lang: str, article_id: str) -> Reply:
        knowledge = self.library.current.knowledge
        article = knowledge.articles.get(article_id)
        if article is None:
            return self.expired(lang)
        t = strings(lang)
        translation = article.text(lang)
        rows: list[tuple[Button, ...]] = [
            (Button(f"▸ {section.title}", actions.encode(actions.ReadSection(article.id, n))),)
            for n, section in enumerate(translation.sections)
        ]
        rows.extend(
            (self.article_button(knowledge.articles[related], lang),)
            for related in article.related
        )
        rows.extend(city.article_rows(self.library.current, article, lang))
        rows.append(
            (
                Button("👍", actions.encode(actions.Feedback(article.id, True))),
                Button("👎", actions.encode(actions.Feedback(article.id, False))),
            )
        )
        rows.append(
            (
                Button(t._("💬 Ask a person"), actions.encode(actions.AskPerson())),
                Button(t._("🏠 Menu"), actions.encode(actions.Home())),
            )
        )
        return Reply(article_text(article, lang, knowledge), tuple(rows), article=article.id)

    def section(self, lang: str, article_id: str, number: int) -> Reply:
        article = self.library.current.knowledge.articles[article_id]
        section = article.text(lang).sections[number]
        back = Button(f"◂ {article.text(lang).title}", actions.encode(actions.Read(article_id)))
        return Reply(section_text(article, section, lang), ((back,), *self.home_row(lang)))

    def emergency(self, lang: str) -> Reply:
        knowledge = self.library.current.knowledge
        article = knowledge.articles[knowledge.emergency_article]
        text = article.text(lang)
        return Reply(f"🚨 **{text.title}**\n\n{text.body}", article=article.id)

    # -- free text ------------------------------------------------------------------------

    async def on_text(self, resident_id: int, lang: str, text: str) -> list[Reply]:
        """A question in the resident's words, in any language; replies in lang."""
        decision = self.library.current.matcher.decide(text)
        await self.queries.record(
            resident_id=resident_id,
            language=lang,
            text=text,
            action=decision.action.value,
            article=decision.article,
            score=decision.score,
            urgent=decision.urgent,
            now=self.clock.now(),
            candidates=decision.candidates,
        )
        return await self.reply_to(decision, resident_id, lang, text)

    async def reply_to(
        self, decision: Decision, resident_id: int, lang: str, text: str
    ) -> list[Reply]:
        replies: list[Reply] = []
        emergency = self.library.current.knowledge.emergency_article
        if decision.urgent:
            replies.append(self.emergency(lang))
        if decision.action is Decided.ANSWER and decision.article:
            if not (decision.urgent and decision.article == emergency):
                replies.append(self.article(lang, decision.article))
                self.saw(resident_id, decision.article)
        elif decision.action is Decided.SUGGEST:
            replies.append(self.suggestions(lang, decision.candidates))
        elif decision.reason in (Reason.PERSON_REQUESTED, Reason.CASEWORK):
            replies.extend(await self.handoff.open(resident_id, lang, text))
        else:
            replies.append(self.offer_person(lang, decision.reason))
        return replies

    def suggestions(self, lang: str, candidates: tuple[str, ...]) -> Reply:
        t = strings(lang)
        knowledge = self.library.current.knowledge
        rows = [(self.article_button(knowledge.articles[c], lang),) for c in candidates]
        rows.append(
            (Button(t._("None of these: ask a person"), actions.encode(actions.AskPerson())),)
        )
        text = t.ngettext(
            "Did you mean this article?",
            "Did you mean one of these {count} articles?",
            len(candidates),
        ).format(count=len(candidates))
        return Reply(text, tuple(rows))

    def offer_person(self, lang: str, reason: Reason) -> Reply:
        t = strings(lang)
        text = (
            t._("Write your question in words, or choose a topic.")
            if reason is Reason.EMPTY
            else t._(
                "I have no answer to that in my articles. Shall I pass your question "
                "to a human assistant?"
            )
        )
        rows = (
            (Button(t._("💬 Yes, ask a person"), actions.encode(actions.AskPerson())),),
            *self.home_row(lang),
        )
        return Reply(text, rows)

    # -- buttons --------------------------------------------------------------------------

    async def on_action(self, resident_id: int, lang: str, data: str | None) -> list[Reply]:
        action = actions.parse(data, self.library.current.knowledge)
        if action is None:
            return [self.expired(lang)]
        return await self.perform(resident_id, lang, action)

    async def perform(self, resident_id: int, lang: str, action: Action) -> list[Reply]:
        match action:
            case actions.Home():
                return [self.main_menu(lang)]
            case actions.OpenArea(area):
                return [self.area_menu(lang, area)]
            case actions.Read(article):
                self.saw(resident_id, article)
                await self.queries.settle_suggestion(resident_id, chosen=article)
                await self.reads.record(article, lang, self.clock.now())
                return [self.article(lang, article)]
            case actions.ReadSection(article, number):
                return [self.section(lang, article, number)]
            case actions.ChooseLanguage(code):
                return await self.set_language(resident_id, code)
            case actions.Feedback(article, helpful):
                entry = await self.feedback.record(
                    resident_id, article, lang, helpful, self.clock.now()
                )
                t = strings(lang)
                if helpful:
                    return [Reply(t._("Thank you!"))]
                return [
                    Reply(
                        t._(
                            "Thank you. What was missing? Reply to this message if you want "
                            "to tell us (optional); /assistant passes your question to a person."
                        ),
                        comment_for=CommentOn("feedback", entry),
                    )
                ]
            case actions.Forget():
                await self.forget(resident_id)
                return [Reply(strings(lang)._("Everything stored about you has been deleted."))]
            case actions.AskPerson():
                return await self.request_person(resident_id, lang)
            case actions.Rate(ticket, stars):
                return await self.handoff.rate(resident_id, lang, ticket, stars)
            case _ if isinstance(action, actions.CITY_ACTIONS):
                return await city.perform(self, resident_id, lang, action)
        raise AssertionError(f"unhandled action {action}")


# -- other front-end events, kept here so every front end answers the same ---------------


async def comment(
    conversation: Conversation, resident_id: int, lang: str, target: CommentOn, text: str
) -> list[Reply]:
    """The resident's optional comment: "what was missing" after 👎, or on a rated ticket."""
    if target.kind == "ticket":
        return await conversation.handoff.rating_comment(resident_id, lang, target.id, text)
    await conversation.feedback.add_comment(target.id, resident_id, text[:2000])
    return [
        Reply(strings(lang)._("Thank you, the editors will read it."), conversation.home_row(lang))
    ]
