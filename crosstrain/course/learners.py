"""Learner ids: what a learner may be called anywhere in the course.

The grader files hand-ins under ``submitted/<learner>/``, a workshop roster lists them and
a learner's seat names them, so one pattern decides: letters, digits and ``_.@-``, starting
with a letter or digit, at most 100 characters (nothing that could climb out of a folder).
"""

from __future__ import annotations

import re

LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")
