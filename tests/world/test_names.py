"""Names that fit the place (issue 12: a Japanese account's contact was "Terrance Lahiffe")."""

from __future__ import annotations

import pytest

from crosstrain.world.generate import build_world
from crosstrain.world.names import COUNTRIES, LOCALE, ROMANISED, ascii_slug, name_pools


def _pool(country: str, part: str) -> set[str]:
    pools = name_pools()
    i = COUNTRIES.index(country)
    start, size = int(pools.start[part][i]), int(pools.size[part][i])
    return set(pools.text[part][start:start + size].to_pylist())


@pytest.fixture(scope="module")
def contacts(default_world):
    return default_world.contacts.merge(default_world.accounts[["account_id", "country"]], on="account_id")


def test_contacts_are_named_from_their_countrys_locale(contacts):
    for country, people in contacts.groupby("country"):
        assert people["first_name"].isin(_pool(country, "first")).all(), country
        assert people["last_name"].isin(_pool(country, "last")).all(), country


def test_a_japanese_contact_has_a_japanese_name_and_its_native_form(contacts):
    japanese = contacts[contacts["country"] == "Japan"]
    english = _pool("United States", "first")
    assert len(japanese) > 50
    assert not japanese["first_name"].isin(english).any()  # the defect: "Terrance Lahiffe"
    assert japanese["local_name"].notna().all()
    assert japanese["local_name"].str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]").all()
    latin = contacts[~contacts["country"].map(LOCALE).isin(ROMANISED)]
    assert latin["local_name"].isna().all()


def test_names_mix_origins_no_more(contacts):
    """Each country's names are mostly its own: few first names of one country's contacts
    appear in an unrelated locale's pool (some names are shared, e.g. Maria)."""
    german = contacts[contacts["country"] == "Germany"]
    assert german["first_name"].isin(_pool("Japan", "first")).mean() == 0
    assert german["last_name"].isin(_pool("United States", "last")).mean() < 0.2


def test_emails_are_plain_ascii(default_world):
    for table in (default_world.contacts, default_world.users):
        assert table["email"].str.fullmatch(r"[a-z0-9.]+@[a-z0-9.]+").all()
    assert ascii_slug("Müller-Lüdenscheidt") == "mullerludenscheidt"


def test_users_are_named_from_the_country_they_work_in(default_world):
    users = default_world.users
    assert users["country"].isin(COUNTRIES).all()
    for country, people in users.groupby("country"):
        first, last = people["name"].str.split(" ", n=1).str[0], people["name"].str.split(" ", n=1).str[1]
        assert first.isin(_pool(country, "first")).all() and last.isin(_pool(country, "last")).all(), country


def test_names_are_deterministic_per_seed():
    a, b = build_world("tiny", seed=3), build_world("tiny", seed=3)
    assert a.contacts[["first_name", "last_name", "local_name"]].equals(b.contacts[["first_name", "last_name", "local_name"]])
    assert a.users["name"].equals(b.users["name"])
