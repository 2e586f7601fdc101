"""The README's course map lists every module of the syllabus with its minutes and points."""

from __future__ import annotations

import re

import yaml

from crosstrain.paths import COURSE_DIR, PROJECT_ROOT


def _course_map() -> dict[str, list[str]]:
    text = (PROJECT_ROOT / "README.md").read_text()
    section = text.split("## Course map", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if re.match(r"\|\s*\d\d-", line)]
    return {cells[0].strip(): [c.strip() for c in cells] for cells in rows}


def test_every_module_is_on_the_course_map_with_its_minutes_and_points():
    syllabus = yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text())
    course_map = _course_map()
    assert list(course_map) == [m["id"] for m in syllabus["modules"]]
    for module in syllabus["modules"]:
        row = course_map[module["id"]]
        assert row[2] == f"{module['minutes']['self_study']} / {module['minutes']['workshop']}", module["id"]
        assert row[3] == f"{module['points']:g}", module["id"]
