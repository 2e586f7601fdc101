"""Module 00's answer key that is not computed from the data: who owns a lead at each stage.

It is 00 q5's graded answer, so it lives grader-side (never in a learner's install, nor in
a module a lesson imports); module 01's notebook writes the map out for its own lessons.
"""

from __future__ import annotations

STAGE_OWNER = {"lead": "marketing", "mql": "marketing", "sal": "sdr", "sql": "sdr", "opportunity": "ae", "customer": "csm"}
