"""Offices nearest to a point the resident shared."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.knowledge.model import KnowledgeBase, Office

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class NearbyOffice:
    office: Office
    distance_km: float


def nearest_offices(
    knowledge: KnowledgeBase, lat: float, lon: float, limit: int = 3
) -> list[NearbyOffice]:
    """Offices with a map point, nearest first."""
    found = [
        NearbyOffice(office, distance_km(lat, lon, office.lat, office.lon))
        for office in knowledge.offices.values()
        if office.lat is not None and office.lon is not None
    ]
    return sorted(found, key=lambda item: item.distance_km)[:limit]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): accurate to metres at city scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
