"""Distances and areas on the map, at city scale."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0
# Plzeň, náměstí Republiky: the reference point for "is this map point in the city at all".
PLZEN_CENTRE = (49.7475, 13.3776)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): accurate to metres at city scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def inside(lat: float, lon: float, polygon: tuple[tuple[float, float], ...]) -> bool:
    """Ray casting: whether the point lies inside the polygon of (lat, lon) corners.

    A city district is small enough that treating degrees as a flat plane is exact
    to well under a metre.
    """
    crossings = 0
    count = len(polygon)
    for index in range(count):
        (lat_a, lon_a), (lat_b, lon_b) = polygon[index], polygon[(index + 1) % count]
        if (lon_a > lon) != (lon_b > lon):
            crossing_lat = lat_a + (lon - lon_a) * (lat_b - lat_a) / (lon_b - lon_a)
            if lat < crossing_lat:
                crossings += 1
    return crossings % 2 == 1
