"""What a hub's Lab shows each role, at the config level: the folders the hub and a learner
image put on ``JUPYTER_CONFIG_PATH`` carry the same page config ``crosstrain lab`` writes.

Before, only the formgrader's server extension was off for hub learners: their Nbgrader
menu still offered Formgrader and Create Assignment, and the news pop-up appeared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crosstrain.learner import labconfig
from crosstrain.learner.labconfig import LEARNER, TRAINER
from crosstrain.paths import COURSE_DIR

HUB_DIR = COURSE_DIR / "hub"
REGENERATE = ("python -c \"import json; from crosstrain.learner.labconfig import hub_page_config; "
              "print(json.dumps(hub_page_config('ROLE'), indent=1))\" > course/hub/ROLE/labconfig/page_config.json")


def written(role: str) -> dict:
    return json.loads((HUB_DIR / role / "labconfig" / "page_config.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("role", [LEARNER, TRAINER])
def test_the_hub_folders_hold_the_page_config_crosstrain_lab_writes(role):
    assert written(role) == labconfig.hub_page_config(role), f"stale: regenerate with {REGENERATE.replace('ROLE', role)}"


def test_a_hub_learners_lab_leaves_out_the_trainer_tools_and_the_news():
    off = {name for name, disabled in written(LEARNER)["disabledExtensions"].items() if disabled}
    assert off == {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:course-list", labconfig.NEWS}
    # the hub has an exchange: the assignment list, the validate button and the menu holding them stay
    assert not off & {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment", "@jupyter/nbgrader:menu"}


def test_a_hub_trainer_keeps_every_nbgrader_tool():
    assert set(written(TRAINER)["disabledExtensions"]) == {labconfig.NEWS}


def test_the_learner_servers_extensions_match_the_hidden_plugins():
    """The server side stays in step: each hidden plugin's server extension is off, the rest on."""
    expected = labconfig.server_extensions(labconfig.LabSetup(LEARNER, HUB_DIR, COURSE_DIR, exchange=HUB_DIR))
    extensions = json.loads((HUB_DIR / LEARNER / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert {name: on for name, on in extensions.items() if not on} == expected["ServerApp"]["jpserver_extensions"]


def test_jupyterlab_reads_it_from_the_learner_folder_the_hub_names(tmp_path):
    """JupyterLab's own page-config loader, given the JUPYTER_CONFIG_PATH the hub sets for a learner."""
    code = ("from jupyterlab_server.config import get_page_config; from jupyter_core.paths import jupyter_config_path; "
            "import json; print(json.dumps(get_page_config([p + '/labconfig' for p in jupyter_config_path()])))")
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(HUB_DIR / LEARNER), "JUPYTER_CONFIG_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    disabled = set(json.loads(out)["disabledExtensions"])  # the loader lists the names switched off
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= disabled
