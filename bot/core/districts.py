"""Police district lookup: a street (with or without house number) or a map point in,
the municipal police district, its station and officer out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core import actions
from bot.core.article_view import host_of, office_text
from bot.core.replies import EXPECTS_STREET, Button, Reply
from bot.i18n.catalog import strings
from bot.knowledge.geo import inside
from bot.knowledge.markup import escape
from bot.knowledge.model import KnowledgeBase, PoliceDistrict, StreetRule
from bot.search.streets import StreetIndex, parse_address, street_key

if TYPE_CHECKING:
    from bot.core.conversation import Conversation

# The article that explains districts and links the city's own search.
DISTRICT_ARTICLE = "police-district-lookup"


@dataclass(frozen=True)
class Placement:
    """Part of a street and the district it belongs to."""

    rule: StreetRule
    district: PoliceDistrict


@dataclass(frozen=True)
class StreetFound:
    name: str
    number: int | None
    # Placements that cover the number (all of the street's, if none does or no number).
    placements: tuple[Placement, ...]
    number_matched: bool


@dataclass(frozen=True)
class StreetCandidates:
    streets: tuple[tuple[str, str], ...]  # (key, name), best first


class DistrictDirectory:
    """Every street of the district list by its key, and the districts' map areas."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.districts = knowledge.districts
        self.placements: dict[str, list[Placement]] = {}
        self.names: dict[str, str] = {}
        for district in knowledge.districts.values():
            for rule in district.streets:
                key = street_key(rule.street)
                self.placements.setdefault(key, []).append(Placement(rule, district))
                self.names.setdefault(key, rule.street)
        self.index = StreetIndex(list(self.placements))

    @property
    def has_streets(self) -> bool:
        return bool(self.placements)

    def street(self, text: str) -> StreetFound | StreetCandidates:
        """The street typed (fuzzily), or the candidates if it is not clear which."""
        address = parse_address(text)
        hits = self.index.find(address.street)
        if len(hits) == 1:
            return self.placed(hits[0].key, address.number)
        return StreetCandidates(tuple((hit.key, self.names[hit.key]) for hit in hits))

    def placed(self, key: str, number: int | None) -> StreetFound:
        every = tuple(self.placements[key])
        covering = tuple(p for p in every if p.rule.covers(number))
        return StreetFound(self.names[key], number, covering or every, bool(covering))

    def at(self, lat: float, lon: float) -> PoliceDistrict | None:
        return next(
            (d for d in self.districts.values() if d.area and inside(lat, lon, d.area)), None
        )


# -- replies ------------------------------------------------------------------------------


def prompt(conversation: Conversation, lang: str) -> Reply:
    """Ask for the street; without a district list, say where to look instead."""
    t = strings(lang)
    if not conversation.library.current.districts.districts:
        return no_data(conversation, lang)
    return Reply(
        t._(
            "Write the street and house number (for example: Klatovská 12), or share your "
            "location (📎 → Location). I will tell you your police district and station."
        ),
        expects=EXPECTS_STREET,
    )


def answer_street(conversation: Conversation, lang: str, text: str) -> Reply:
    directory = conversation.library.current.districts
    if not directory.has_streets:
        return no_data(conversation, lang)
    found = directory.street(text)
    if isinstance(found, StreetFound):
        return street_reply(conversation, lang, found)
    t = strings(lang)
    rows = [
        (Button(name, actions.encode(actions.StreetDistrict(key))),)
        for key, name in found.streets
        if len(f"street:{key}".encode()) <= actions.MAX_DATA_BYTES
    ]
    if rows:
        return Reply(t._("Which street do you mean?"), (*rows, *conversation.home_row(lang)))
    return Reply(
        t._(
            "I do not know the street “{street}”. Check the spelling and write it again, "
            "or share your location."
        ).format(street=escape(parse_address(text).street)),
        conversation.home_row(lang),
        expects=EXPECTS_STREET,
    )


def answer_key(conversation: Conversation, lang: str, key: str) -> Reply:
    """A street chosen from the candidates (its key came back in a button)."""
    directory = conversation.library.current.districts
    if key not in directory.index:
        return conversation.expired(lang)
    return street_reply(conversation, lang, directory.placed(key, None))


def street_reply(conversation: Conversation, lang: str, found: StreetFound) -> Reply:
    t = strings(lang)
    districts = _unique(p.district for p in found.placements)
    street = escape(found.name) + (f" {found.number}" if found.number is not None else "")
    if len(districts) == 1:
        head = t._("**{street}** belongs to the police district **{district}**.").format(
            street=street, district=escape(districts[0].name[lang])
        )
        return district_reply(conversation, lang, districts[0], head)
    lines = [
        t._("**{street}** is split between police districts:").format(street=street),
        *(f"- {_part(p.rule, lang)}: {escape(p.district.name[lang])}" for p in found.placements),
    ]
    if found.number is not None and not found.number_matched:
        lines.append(t._("The number {number} is not in the list.").format(number=found.number))
    lines.append(t._("Write the street with your house number to see your district."))
    return Reply("\n".join(lines), conversation.home_row(lang), expects=EXPECTS_STREET)


def district_reply(
    conversation: Conversation, lang: str, district: PoliceDistrict, head: str
) -> Reply:
    """The district, its officer, the station responsible and where the list comes from."""
    t = strings(lang)
    knowledge = conversation.library.current.knowledge
    parts = [head]
    officer = district.officer
    if officer is not None:
        lines = [t._("District officer:") + (f" {escape(officer.name)}" if officer.name else "")]
        lines.extend(f"☎ [{escape(p)}](tel:{p.replace(' ', '')})" for p in officer.phones)
        lines.extend(f"✉ [{escape(e)}](mailto:{e})" for e in officer.emails)
        parts.append("\n".join(lines))
    station = knowledge.offices[district.station]
    parts.append(t._("Station responsible:") + "\n" + office_text(station, lang))
    sources = ", ".join(f"[{escape(host_of(url))}]({url})" for url in district.sources)
    parts.append(t._("Source of the district list: {sources}").format(sources=sources))
    rows = ((Button(f"📍 {station.name[lang]}", actions.encode(actions.ShowOffice(station.id))),),)
    return Reply("\n\n".join(parts), (*rows, *conversation.home_row(lang)))


def located_district(conversation: Conversation, lang: str, lat: float, lon: float) -> str | None:
    """A line for the location answer: the district the point lies in, if the list has areas."""
    district = conversation.library.current.districts.at(lat, lon)
    if district is None:
        return None
    return (
        strings(lang)
        ._("You are in the police district **{district}**.")
        .format(district=escape(district.name[lang]))
    )


def no_data(conversation: Conversation, lang: str) -> Reply:
    t = strings(lang)
    knowledge = conversation.library.current.knowledge
    rows: list[tuple[Button, ...]] = []
    if DISTRICT_ARTICLE in knowledge.articles:
        rows.append((conversation.article_button(knowledge.articles[DISTRICT_ARTICLE], lang),))
    return Reply(
        t._(
            "I do not have the list of police districts yet. Find your district by street "
            "on [bezpecnaplzen.eu](https://www.bezpecnaplzen.eu/) (“Vyhledání policejního "
            "okrsku”); in an emergency call 156 or 112."
        ),
        (*rows, *conversation.home_row(lang)),
    )


def _part(rule: StreetRule, lang: str) -> str:
    t = strings(lang)
    if rule.numbers is None:
        return t._("the whole street")
    low, high = rule.numbers
    span = str(low) if low == high else f"{low}–{high}"
    if rule.side == "odd":
        return t._("numbers {numbers}, odd").format(numbers=span)
    if rule.side == "even":
        return t._("numbers {numbers}, even").format(numbers=span)
    return t._("numbers {numbers}").format(numbers=span)


def _unique(districts: Iterable[PoliceDistrict]) -> list[PoliceDistrict]:
    seen: dict[str, PoliceDistrict] = {}
    for district in districts:
        seen.setdefault(district.id, district)
    return list(seen.values())
