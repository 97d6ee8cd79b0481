"""Offices as residents use them: a map pin with today's hours, and the nearest ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core import actions
from bot.core.article_view import office_text
from bot.core.districts import located_district
from bot.core.nearby import NearbyOffice, nearest_of_each_kind, nearest_offices
from bot.core.opening import status, status_text, today_hours
from bot.core.replies import Button, Reply, Venue
from bot.i18n.catalog import Strings, strings
from bot.i18n.formatting import distance
from bot.knowledge.markup import escape
from bot.knowledge.model import Article, KnowledgeBase, Office

if TYPE_CHECKING:
    from bot.core.conversation import Conversation

KIND_ICONS = {
    "ministry": "🏛",
    "labour-office": "💼",
    "police": "👮",
    "municipal-police": "🛡",
    "city": "🏢",
    "integration": "🤝",
    "ngo": "🤲",
    "health": "🏥",
    "other": "📌",
}
NEARBY_OF_KIND = 3


def kind_label(kind: str, lang: str) -> str:
    t = strings(lang)
    labels = _kind_labels(t)
    return f"{KIND_ICONS.get(kind, '📌')} {labels.get(kind, labels['other'])}"


def _kind_labels(t: Strings) -> dict[str, str]:
    return {
        "ministry": t._("Ministry office"),
        "labour-office": t._("Labour Office"),
        "police": t._("Police of the Czech Republic"),
        "municipal-police": t._("Municipal police"),
        "city": t._("City Hall"),
        "integration": t._("Integration centre"),
        "ngo": t._("Non-profit organisation"),
        "health": t._("Health care"),
        "other": t._("Other office"),
    }


def office_rows(article: Article, knowledge: KnowledgeBase, lang: str) -> list[tuple[Button, ...]]:
    """ "📍 <office>" under an article for each office with a map pin or opening hours."""
    rows: list[tuple[Button, ...]] = []
    for office_id in article.offices:
        office = knowledge.offices[office_id]
        if office.has_map_point or office.hours:
            icon = "📍" if office.has_map_point else "🕘"
            action = actions.encode(actions.ShowOffice(office.id))
            rows.append((Button(f"{icon} {office.name[lang]}", action),))
    return rows


def office_reply(conversation: Conversation, lang: str, office_id: str) -> Reply:
    """The office card, today's hours and whether it is open now, and its map pin."""
    office = conversation.library.current.knowledge.offices[office_id]
    now = conversation.clock.local()
    holidays = conversation.hours.holidays
    parts = [office_text(office, lang)]
    today = today_hours(office, now, lang, holidays)
    state = status(office, now, holidays)
    if today is not None and state is not None:
        parts.append(f"{today}\n**{status_text(state, now, lang)}**")
    return Reply("\n\n".join(parts), conversation.home_row(lang), venue=venue_of(office, lang))


def venue_of(office: Office, lang: str) -> Venue | None:
    if not office.has_map_point:
        return None
    assert office.lat is not None  # has_map_point
    assert office.lon is not None
    return Venue(office.lat, office.lon, office.name[lang], office.address or "")


def nearby_reply(conversation: Conversation, lang: str, lat: float, lon: float) -> Reply:
    """A shared location: the police district there, and the nearest office of each kind."""
    t = strings(lang)
    knowledge = conversation.library.current.knowledge
    parts: list[str] = []
    district = located_district(conversation, lang, lat, lon)
    if district is not None:
        parts.append(district)
    found = nearest_of_each_kind(knowledge, lat, lon)
    if not found:
        parts.append(
            t._("I do not have map points of offices yet. Write what you are looking for.")
        )
        return Reply("\n\n".join(parts), conversation.home_row(lang))
    parts.append(t._("Nearest offices:"))
    parts.extend(_listed(item, lang, with_kind=True) for item in found)
    rows = [_pin_row(item.office, lang) for item in found]
    counts: dict[str, int] = {}
    for office in knowledge.offices.values():
        if office.lat is not None:
            counts[office.kind] = counts.get(office.kind, 0) + 1
    rows.extend(
        (
            Button(
                t._("More: {kind}").format(kind=kind_label(item.office.kind, lang)),
                actions.encode(actions.NearbyKind(item.office.kind, lat, lon)),
            ),
        )
        for item in found
        if counts[item.office.kind] > 1
    )
    return Reply("\n\n".join(parts), (*rows, *conversation.home_row(lang)))


def nearby_kind_reply(
    conversation: Conversation, lang: str, kind: str, lat: float, lon: float
) -> Reply:
    """The offices of one kind nearest to the shared point."""
    knowledge = conversation.library.current.knowledge
    found = nearest_offices(knowledge, lat, lon, limit=NEARBY_OF_KIND, kind=kind)
    parts = [f"**{escape(kind_label(kind, lang))}**"]
    parts.extend(_listed(item, lang, with_kind=False) for item in found)
    rows = [_pin_row(item.office, lang) for item in found]
    return Reply("\n\n".join(parts), (*rows, *conversation.home_row(lang)))


def _listed(item: NearbyOffice, lang: str, *, with_kind: bool) -> str:
    office = item.office
    head = f"{kind_label(office.kind, lang)}: " if with_kind else ""
    lines = [f"{escape(head)}**{escape(office.name[lang])}** – {distance(item.distance_km, lang)}"]
    if office.address:
        lines.append(escape(office.address))
    return "\n".join(lines)


def _pin_row(office: Office, lang: str) -> tuple[Button, ...]:
    return (Button(f"📍 {office.name[lang]}", actions.encode(actions.ShowOffice(office.id))),)
