"""People's names that fit their country: per-locale pools from Faker, drawn with numpy.

A Japanese account's contact was "Terrance Lahiffe": every name came from one English pool.
Each country now names its people from its own Faker locale. The CRM stores names in Latin
script (what a rep types and an address is made of); where the locale writes in another
script, the romanised form is the name and ``local_name`` keeps the native one. As with
``pools.py``, Faker is read once per process and only numpy draws per row.
"""

from __future__ import annotations

import functools
import importlib
import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world.columns import MEMORY_POOL

# The Faker locale of each country's names; Faker has no person provider for Canada or
# Australia (their English pools stand in) nor for Singapore (romanised Chinese names).
LOCALE = {
    "United States": "en_US", "Canada": "en_US", "United Kingdom": "en_GB", "Germany": "de_DE",
    "France": "fr_FR", "Netherlands": "nl_NL", "Sweden": "sv_SE", "Spain": "es_ES", "Ireland": "en_IE",
    "Australia": "en_GB", "Singapore": "zh_CN", "Japan": "ja_JP", "India": "en_IN", "New Zealand": "en_NZ",
    "Brazil": "pt_BR", "Mexico": "es_MX", "Chile": "es_CL", "Colombia": "es_CO",
}
COUNTRIES = tuple(LOCALE)
# Locales whose script is not Latin: their romanised lists are the names.
ROMANISED = {"ja_JP", "zh_CN"}


def ascii_slug(name: str) -> str:
    """Lower-case ASCII letters only ("Müller" -> "muller"): the part of an e-mail address a name gives."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain.lower() if "a" <= ch <= "z")


def _provider(locale: str):
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def _listed(provider, *attributes) -> list:
    """The first of ``attributes`` that the provider holds as a list (es_CL builds
    ``first_names`` as a property; its male and female lists are plain)."""
    values = []
    for attribute in attributes:
        found = provider.__dict__.get(attribute) if attribute in provider.__dict__ else getattr(provider, attribute, None)
        if isinstance(found, (list, tuple, dict)):
            values += list(found)
    return values


def _locale_names(locale: str) -> tuple[list, list, list, list]:
    """(first, last, first in native script, last in native script) of one locale; the native
    lists are empty where the names are Latin already."""
    provider = _provider(locale)
    if locale == "ja_JP":  # (kanji, kana, romaji) pairs keep each name with its romanised form
        first = [(pair[2], pair[0]) for pair in provider.first_name_pairs]
        last = [(pair[2], pair[0]) for pair in provider.last_name_pairs]
        return [r for r, _ in first], [r for r, _ in last], [k for _, k in first], [k for _, k in last]
    if locale in ROMANISED:
        return list(provider.first_romanized_names), list(provider.last_romanized_names), [], []
    first = _listed(provider, "first_names") or _listed(provider, "first_names_male", "first_names_female")
    last = _listed(provider, "last_names")
    keep = lambda names: list(dict.fromkeys(name for name in names if isinstance(name, str) and name.isalpha() and ascii_slug(name)))
    return keep(first), keep(last), [], []


@functools.lru_cache(maxsize=1)
def name_pools() -> NamePools:
    """The pools, built once per process (they depend only on the pinned Faker)."""
    return NamePools()


class NamePools:
    """Every locale's names in one array per part, and where each country's run starts."""

    def __init__(self):
        parts = {"first": [], "last": [], "first_local": [], "last_local": []}
        self.start = {"first": [], "last": []}
        self.size = {"first": [], "last": []}
        by_locale = {locale: _locale_names(locale) for locale in dict.fromkeys(LOCALE.values())}
        for country in COUNTRIES:
            first, last, first_local, last_local = by_locale[LOCALE[country]]
            for part, names, local in (("first", first, first_local), ("last", last, last_local)):
                self.start[part].append(len(parts[part]))
                self.size[part].append(len(names))
                parts[part] += names
                parts[part + "_local"] += local or [None] * len(names)
        self.start = {part: np.array(v) for part, v in self.start.items()}
        self.size = {part: np.array(v) for part, v in self.size.items()}
        self.text = {part: pa.array(values, pa.string()) for part, values in parts.items()}
        self.slug = {part: pa.array([ascii_slug(name) for name in parts[part]], pa.string()) for part in ("first", "last")}

    def draw(self, country: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """Indices (first, last) of a name for each country code (an index into ``COUNTRIES``)."""
        u_first = rng.random(len(country))
        return self.pick(country, u_first, rng.random(len(country)))

    def pick(self, country: np.ndarray, u_first: np.ndarray, u_last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Indices (first, last) of the names at quantiles ``u_first``, ``u_last`` (in [0, 1)) of each country's pools."""
        return tuple(self.start[part][country] + (u * self.size[part][country]).astype(np.int64)
                     for part, u in (("first", u_first), ("last", u_last)))

    def take(self, part: str, index: np.ndarray, kind: str = "text") -> pa.Array:
        source = self.text if kind == "text" else self.slug
        return pc.take(source[part], index, memory_pool=MEMORY_POOL)

    def local_names(self, first: np.ndarray, last: np.ndarray) -> pa.Array:
        """The native-script full name ("family given" order, as Japanese writes it), null for Latin-script names."""
        family, given = self.take("last_local", last), self.take("first_local", first)
        return pc.binary_join_element_wise(family, given, " ", memory_pool=MEMORY_POOL)


def country_codes(country: np.ndarray) -> np.ndarray:
    """Codes into ``COUNTRIES`` for an array of country names (hash-encoded in Arrow: one Python
    lookup per distinct country, not per row)."""
    encoded = pc.dictionary_encode(pa.array(np.asarray(country, dtype=object), pa.string()))
    table = np.array([COUNTRIES.index(name) for name in encoded.dictionary.to_pylist()], dtype=np.int64)
    return table[encoded.indices.to_numpy()] if len(table) else np.zeros(len(country), dtype=np.int64)


name_pools()  # built at import, like the Faker data it draws on, not during the first world
