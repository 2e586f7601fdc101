"""Vocabulary pools drawn once from Faker, then sampled with numpy.

Faker costs about 120 us a call here, so per-row calls cannot build a million
leads in seconds. Instead Faker supplies the vocabulary (its locale name lists,
company formats, catch phrases) and numpy draws from it: about 0.03 us a value.
The pools depend only on the pinned Faker version.
"""

from __future__ import annotations

import functools
import importlib

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "en_PK", "en_TH")
COMPANY_WORDS = (
    "Analytics", "Systems", "Labs", "Health", "Logistics", "Capital", "Networks", "Foods",
    "Energy", "Media", "Partners", "Works", "Solutions", "Bio", "Robotics", "Retail",
    "Cloud", "Security", "Learning", "Motors", "Financial", "Insights", "Digital", "Supply",
    "Studios", "Therapeutics", "Freight", "Software", "Ventures", "Instruments", "Brands",
    "Consulting", "Industries", "Data", "Mobility", "Payments", "Care", "Materials", "Foundry",
    "Outfitters",
)


USE_CASES = (
    "pipeline reporting", "lead routing", "marketing attribution", "forecast dashboards", "customer health scoring",
    "campaign analytics", "territory planning", "quota tracking", "churn prediction", "win-loss analysis",
    "board reporting", "revenue forecasting", "account scoring", "funnel analytics", "sales coaching insights",
    "renewal tracking", "ad spend reporting", "web analytics", "data cleanup", "CRM reporting",
)
THEMES = (
    "Pipeline Visibility", "Forecast Accuracy", "Revenue Operations 101", "The Data-Driven CFO", "Attribution Myths",
    "Benchmark Report", "Analytics Roadshow", "Customer Stories", "Product Launch", "Year-End Planning",
    "Sales and Marketing Alignment", "Dashboard Makeover", "Free Trial Push", "ROI Calculator", "Industry Summit",
    "Partner Spotlight", "Referral Rewards", "Spring Webinar Series", "Analyst Briefing", "Executive Dinner",
)


# Faker's locale data, imported with this module (not on the first generation).
PERSON_PROVIDERS = [importlib.import_module(f"faker.providers.person.{locale}").Provider for locale in NAME_LOCALES]
COMPANY_PROVIDER = importlib.import_module("faker.providers.company.en_US").Provider


def _names(attribute: str) -> list[str]:
    """Union of a person-provider list across English locales, in a stable order."""
    seen: dict[str, None] = {}
    for provider in PERSON_PROVIDERS:
        for name in getattr(provider, attribute, ()):
            if name.isalpha():
                seen.setdefault(name, None)
    return list(seen)


def _lower(values: np.ndarray) -> pa.Array:
    """Lower-cased copies, for email addresses (taken by index alongside the names)."""
    return pc.utf8_lower(pa.array(values, pa.string()))


def _slugs(values) -> np.ndarray:
    """Lower case, letters and digits only: how a company name becomes a web domain.

    Both steps work character by character, so a name's slug is the concatenation
    of its parts' slugs: company names get theirs without a string pass per world.
    """
    return pc.replace_substring_regex(_lower(np.asarray(values, dtype=object)), "[^a-z0-9]", "").to_numpy(zero_copy_only=False)


@functools.lru_cache(maxsize=1)
def pools() -> Pools:
    """The pools, built once per process (they depend only on the pinned Faker)."""
    return Pools()


class Pools:
    """Arrays of strings to index into (names, company words, phrases)."""

    def __init__(self):
        self.first_names = np.array(_names("first_names"), dtype=object)
        self.last_names = np.array(_names("last_names"), dtype=object)
        self.company_suffixes = np.array(COMPANY_PROVIDER.company_suffixes, dtype=object)
        self.company_words = np.array(COMPANY_WORDS, dtype=object)
        # What buyers use the product for, and campaign themes: written for this domain,
        # because Faker's own business phrases ("mesh proactive markets") read as nonsense.
        self.phrases = np.array(USE_CASES, dtype=object)
        self.themes = np.array(THEMES, dtype=object)
        # Derived once here rather than for each world's thousands of rows: Arrow copies
        # of the names, taken by index for whole columns, and lower-cased for emails.
        self.first_names_arrow = pa.array(self.first_names, pa.string())
        self.last_names_arrow = pa.array(self.last_names, pa.string())
        self.first_names_lower = _lower(self.first_names)
        self.last_names_lower = _lower(self.last_names)
        self.last_name_slugs = _slugs(self.last_names)
        self.company_suffix_slugs = _slugs(self.company_suffixes)
        self.company_word_slugs = _slugs(self.company_words)
        self.and_slug = _slugs(["and"])[0]
        self.last_name_slugs_arrow = pa.array(self.last_name_slugs, pa.string())
        self.company_suffixes_arrow = pa.array(self.company_suffixes, pa.string())
        self.company_suffix_slugs_arrow = pa.array(self.company_suffix_slugs, pa.string())
        self.company_words_arrow = pa.array(self.company_words, pa.string())
        self.company_word_slugs_arrow = pa.array(self.company_word_slugs, pa.string())

    def company_names(self, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """``n`` distinct company names in Faker's formats plus an industry word, and their
        slugs (see ``_slugs``): each batch is formatted in Arrow, the first ``n`` distinct
        names kept in the order drawn (a per-name Python loop took a second for ``large``)."""
        names = pa.array([], pa.string())
        slugs = pa.array([], pa.string())
        while len(names) < n:
            k = int((n - len(names)) * 1.3) + 16
            pick = rng.integers(0, len(self.last_names), (k, 3))
            fmt = rng.choice(4, size=k, p=[0.3, 0.3, 0.1, 0.3])
            suffix = rng.integers(0, len(self.company_suffixes), k)
            word = rng.integers(0, len(self.company_words), k)
            batch, batch_slugs = self._format_companies(pick, fmt, suffix, word)
            # The first of each distinct name wins, as the loop's dict.setdefault did.
            encoded = pc.dictionary_encode(pa.concat_arrays([names, batch]))
            _, first = np.unique(encoded.indices.to_numpy(), return_index=True)
            first = first[:n]
            names = encoded.dictionary[: len(first)]
            slugs = pc.take(pa.concat_arrays([slugs, batch_slugs]), first)
        return names.to_numpy(zero_copy_only=False), slugs.to_numpy(zero_copy_only=False)

    def _format_companies(self, pick, fmt, suffix, word) -> tuple[pa.Array, pa.Array]:
        """Company names and slugs in four formats, ``fmt`` picking one for each row:
        "Last Suffix", "Last-Last", "Last, Last and Last", "Last Word". Each format is
        joined for its own rows only, then the rows are put back in order."""
        def last(rows, i, slug=False):
            return pc.take(self.last_name_slugs_arrow if slug else self.last_names_arrow, pick[rows, i])

        def other(rows, values, slug_values, source):
            return pc.take(values, source[rows]), pc.take(slug_values, source[rows])

        join = pc.binary_join_element_wise
        names, slugs, placed = [], [], []
        for code in range(4):
            rows = np.flatnonzero(fmt == code)
            if code == 0:
                extra, extra_slug = other(rows, self.company_suffixes_arrow, self.company_suffix_slugs_arrow, suffix)
                name, slug = join(last(rows, 0), " ", extra, ""), join(last(rows, 0, True), extra_slug, "")
            elif code == 1:
                name, slug = join(last(rows, 0), "-", last(rows, 1), ""), join(last(rows, 0, True), last(rows, 1, True), "")
            elif code == 2:
                name = join(last(rows, 0), ", ", last(rows, 1), " and ", last(rows, 2), "")
                slug = join(last(rows, 0, True), last(rows, 1, True), self.and_slug, last(rows, 2, True), "")
            else:
                extra, extra_slug = other(rows, self.company_words_arrow, self.company_word_slugs_arrow, word)
                name, slug = join(last(rows, 0), " ", extra, ""), join(last(rows, 0, True), extra_slug, "")
            names.append(name)
            slugs.append(slug)
            placed.append(rows)
        back = np.empty(len(fmt), dtype=np.int64)
        back[np.concatenate(placed)] = np.arange(len(fmt))
        return pc.take(pa.concat_arrays(names), back), pc.take(pa.concat_arrays(slugs), back)

pools()  # built at import, like the Faker data it draws on, not during the first world
