"""Reading a notebook stays cheap in every process: nbformat must not pull in jsonschema's
IRI-format checker (rfc3987-syntax builds ~30 Earley parsers on import: 1.7 s of CPU per
CLI call, server and nbgrader process). `make setup` removes it; see the Makefile."""

from __future__ import annotations

import subprocess
import sys


def test_importing_nbformat_builds_no_iri_parsers():
    code = "import sys, nbformat, jsonschema; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False", "rfc3987-syntax is installed: run make setup (it removes it)"
