"""The project's two install paths and its CI must not drift apart.

pip users install from ``pyproject.toml`` (``make demo``), conda users from
``environment.yml``; both must get the same pinned versions, or the synthetic world
is no longer byte-identical between them. ``.ci/run`` must run the README's two commands
and nothing else, so "CI is green" means "the commands a contributor runs are green".

``packaging`` is a dependency of pytest, so it is always there when tests run.
"""

from __future__ import annotations

import os
import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
ENVIRONMENT = ROOT / "environment.yml"
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"

# PyPI names whose conda-forge package is called differently. Case and -/_/. are
# normalised anyway; add an entry only for a genuinely different name.
CONDA_NAME_FOR = {"torch": "pytorch", "tables": "pytables"}
# What environment.yml may list that pyproject.toml does not: the interpreter and pip itself.
CONDA_ONLY = {"python", "pip"}


# -- reading the files --------------------------------------------------------
def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def pip_requirements() -> list[Requirement]:
    """[project.dependencies] plus the `test` extra, as parsed requirements."""
    project = pyproject()["project"]
    lines = project["dependencies"] + project.get("optional-dependencies", {}).get("test", [])
    return [Requirement(line) for line in lines]


def environment() -> dict:
    return yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8"))


def conda_entries() -> tuple[list[str], list[str]]:
    """(conda package specs, pip lines) of environment.yml's dependencies."""
    conda, pip = [], []
    for entry in environment().get("dependencies") or []:
        if isinstance(entry, dict):
            pip.extend(str(line) for line in entry.get("pip") or [])
        else:
            conda.append(str(entry))
    return conda, pip


CONDA_NAME = re.compile(r"^\s*(?:[\w.-]+::)?([A-Za-z0-9_.\-]+)(.*)$")  # optional `channel::` prefix
CONDA_EXACT = re.compile(r"^\s*==?\s*([0-9][^\s=<>!,|*]*)\s*$")  # `=1.2.3` or `==1.2.3`


def conda_pins() -> dict[str, str | None]:
    """Normalised name -> exact version (None when unpinned or not an exact pin).

    Conda's ``name=1.2.3`` and ``name==1.2.3`` both count as exact; ranges, wildcards
    and build strings do not, so a test comparing versions fails on them. Exact pins
    in the pip section count too.
    """
    conda, pip = conda_entries()
    pins: dict[str, str | None] = {}
    for spec in conda:
        name, rest = CONDA_NAME.match(spec).groups()
        exact = CONDA_EXACT.match(rest)
        pins[canonicalize_name(name)] = exact.group(1) if exact else None
    for line in pip:
        if line.startswith("-"):
            continue
        requirement = Requirement(line)
        exact = [s.version for s in requirement.specifier if s.operator == "=="]
        pins[canonicalize_name(requirement.name)] = exact[0] if len(exact) == 1 else None
    return pins


def conda_name(requirement: Requirement) -> str:
    name = canonicalize_name(requirement.name)
    return canonicalize_name(CONDA_NAME_FOR.get(name, name))


# -- pyproject.toml <-> environment.yml ---------------------------------------
def test_the_parsers_see_the_dependencies():
    # Guards the tests below against passing vacuously on a file they failed to read.
    assert len(pip_requirements()) >= 5
    assert len(conda_pins()) >= 5
    assert environment().get("channels") == ["conda-forge"]


def test_every_pyproject_dependency_is_pinned_exactly():
    loose = [str(r) for r in pip_requirements() if len(r.specifier) != 1 or next(iter(r.specifier)).operator != "=="]
    assert not loose, f"pin these exactly (name==version) in pyproject.toml: the world's bytes depend on versions: {loose}"


@pytest.mark.parametrize("requirement", pip_requirements(), ids=lambda r: r.name)
def test_environment_yml_has_the_same_version(requirement):
    pins = conda_pins()
    name = conda_name(requirement)
    assert name in pins, f"{requirement.name} is in pyproject.toml but not in environment.yml: add `- {name}={next(iter(requirement.specifier)).version}`"
    wanted = next(iter(requirement.specifier)).version
    assert pins[name] is not None, f"{name} in environment.yml is not pinned exactly: write `- {name}={wanted}`"
    assert Version(pins[name]) == Version(wanted), f"{name} is {wanted} in pyproject.toml but {pins[name]} in environment.yml"


def test_environment_yml_lists_nothing_pyproject_does_not():
    # A package left behind in environment.yml after leaving pyproject.toml means conda
    # users run code against something pip users do not have.
    declared = {conda_name(r) for r in pip_requirements()}
    extra = sorted(set(conda_pins()) - declared - CONDA_ONLY)
    assert not extra, f"environment.yml lists packages pyproject.toml does not declare: {extra}"


def test_python_matches_requires_python_lower_bound():
    specifier = SpecifierSet(pyproject()["project"]["requires-python"])
    lower = [s.version for s in specifier if s.operator == ">="]
    assert len(lower) == 1, f"requires-python should have one lower bound (>=X.Y), got '{specifier}'"
    pins = conda_pins()
    assert pins.get("python"), "environment.yml must pin python, e.g. `- python=3.11`"
    assert Version(pins["python"]) == Version(lower[0]), (
        f"environment.yml installs python {pins['python']} but requires-python's lower bound is {lower[0]}"
    )


def test_environment_yml_installs_the_project_itself():
    _, pip = conda_entries()
    assert "pip" in conda_pins(), "environment.yml needs `- pip` to run its pip section"
    assert "-e ." in [line.strip() for line in pip], "environment.yml must install the project: add `- -e .` under `pip:`"


# -- README quick start <-> .ci/run -------------------------------------------
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
QUICK_START = re.compile(r"^#+\s*quick\s*start\b.*$", re.IGNORECASE | re.MULTILINE)


def commands_in(text: str) -> list[str]:
    """The shell commands of a script or code block: no blank lines, comments or `$ ` prompts."""
    lines = (re.sub(r"^\$\s+|(^|\s+)#.*$", "", line.strip()) for line in text.splitlines())
    return [line for line in lines if line]


def quick_start_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    heading = QUICK_START.search(text)
    assert heading, "README.md needs a '## Quick start' section"
    block = FENCE.search(text, heading.end())
    assert block, "the README's quick start needs a fenced code block with its commands"
    return commands_in(block.group(1))


def ci_script_lines() -> list[str]:
    return commands_in(CI_RUN.read_text(encoding="utf-8"))


def test_quick_start_is_two_commands_setup_then_tests():
    commands = quick_start_commands()
    assert len(commands) == 2, f"the quick start must be exactly two commands (run, then test), got {commands}"
    assert commands[0] != commands[1]
    assert "test" in commands[1], f"the quick start's second command should run the tests, got '{commands[1]}'"


def test_ci_runs_the_readme_commands_in_order():
    """CI runs the quick start as written: the demo (so tests prove they pass whatever was
    built in the checkout), then exactly the test command, which installs what it needs."""
    commands = [line for line in ci_script_lines() if not re.match(r"^(set|cd)\s", line)]
    assert commands == quick_start_commands(), (
        f".ci/run must run exactly the README's quick start {quick_start_commands()}, got {commands}"
    )


def test_ci_fails_when_the_tests_fail():
    assert os.access(CI_RUN, os.X_OK), ".ci/run must be executable"
    assert re.match(r"^#!.*\bbash\b", CI_RUN.read_text(encoding="utf-8")), ".ci/run must start with a bash shebang"
    options = set()  # in effect at the end: `set -euo pipefail` -> {e, u, o, pipefail}; `set +e` removes e
    for line in ci_script_lines():
        words = shlex.split(line)
        if words[0] == "set":
            for previous, word in zip(words[:-1], words[1:]):
                if word[0] in "-+":
                    flags = set(word[1:])
                    options = options | flags if word[0] == "-" else options - flags
                elif previous[0] in "-+" and previous.endswith("o"):
                    options = options | {word} if previous[0] == "-" else options - {word}
    assert "e" in options, ".ci/run must `set -e` so a failing command fails the run"
    assert "pipefail" in options, ".ci/run must `set -o pipefail` so a failing test piped into another command still fails"
    masking = [line for line in ci_script_lines() if re.search(r"\|\|\s*(true|:)|;\s*(true|exit 0)\s*$", line)]
    assert not masking, f".ci/run swallows a failure here: {masking}"
