"""Offices nearest to a point the resident shared."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.geo import distance_km
from bot.knowledge.model import KnowledgeBase, Office


@dataclass(frozen=True)
class NearbyOffice:
    office: Office
    distance_km: float


def nearest_offices(
    knowledge: KnowledgeBase, lat: float, lon: float, limit: int = 3, kind: str | None = None
) -> list[NearbyOffice]:
    """Offices with a map point (of one kind, if given), nearest first."""
    found = [
        NearbyOffice(office, distance_km(lat, lon, office.lat, office.lon))
        for office in knowledge.offices.values()
        if office.lat is not None
        and office.lon is not None
        and (kind is None or office.kind == kind)
    ]
    return sorted(found, key=lambda item: (item.distance_km, item.office.id))[:limit]


def nearest_of_each_kind(
    knowledge: KnowledgeBase, lat: float, lon: float, limit: int = 5
) -> list[NearbyOffice]:
    """The nearest office of every kind, nearest first: one police station, one labour
    office, ... rather than three desks of the same building."""
    best: dict[str, NearbyOffice] = {}
    for item in nearest_offices(knowledge, lat, lon, limit=len(knowledge.offices)):
        best.setdefault(item.office.kind, item)
    return sorted(best.values(), key=lambda item: item.distance_km)[:limit]
