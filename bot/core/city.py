"""The city's services around the articles: offices on the map, police districts and
announcement subscriptions. The conversation hands their buttons over to this module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core import actions, districts, offices, subscriptions
from bot.core.replies import Button, Reply
from bot.i18n.catalog import strings
from bot.knowledge.model import Article

if TYPE_CHECKING:
    from bot.core.conversation import Conversation
    from bot.core.library import Library


async def perform(
    conversation: Conversation, resident_id: int, lang: str, action: actions.CityAction
) -> list[Reply]:
    match action:
        case actions.ShowOffice(office):
            return [offices.office_reply(conversation, lang, office)]
        case actions.NearbyKind(kind, lat, lon):
            return [offices.nearby_kind_reply(conversation, lang, kind, lat, lon)]
        case actions.FindDistrict():
            return [districts.prompt(conversation, lang)]
        case actions.StreetDistrict(street):
            return [districts.answer_key(conversation, lang, street)]
        case actions.Subscriptions():
            return [await subscriptions.menu(conversation, resident_id, lang)]
        case actions.ToggleSubscription(area):
            return [await subscriptions.toggle(conversation, resident_id, lang, area)]
    raise AssertionError(f"unhandled city action {action}")


def article_rows(library: Library, article: Article, lang: str) -> list[tuple[Button, ...]]:
    """Buttons under an article: its offices' map pins, and the district search."""
    rows = offices.office_rows(article, library.knowledge, lang)
    if article.id == districts.DISTRICT_ARTICLE and library.districts.districts:
        label = strings(lang)._("🔎 Find my police district")
        rows.append((Button(label, actions.encode(actions.FindDistrict())),))
    return rows
