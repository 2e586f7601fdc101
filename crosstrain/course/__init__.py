"""The course model: what the course is, below everything that teaches or grades it.

- ``syllabus``: the modules, their paths and points (``course/syllabus.yml``);
- ``sources``: where each module's text source lives in ``modules/``;
- ``catalog``: which modules a learner or facilitator can name, by id or number;
- ``config``: the course folder and its nbgrader settings (one source of truth);
- ``variants``: which world each team or learner works on, and a learner's seat;
- ``learners``: what a learner id may look like;
- ``atomic``: writes that never leave a half-written file.

It imports only the world, ``crosstrain.errors`` and ``crosstrain.paths``; the notebook
library, the grader and the verbs all build on it.
"""
