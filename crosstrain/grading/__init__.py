"""From module sources to grades.

- ``config``: the one nbgrader configuration (``course/nbgrader_config.py`` calls it too).
- ``syllabus``: the course's modules, objectives, minutes, points and learner paths.
- ``sources``: reads a module's jupytext source and its compact cell markers.
- ``compile``: turns those cells into an nbgrader source notebook with full metadata.
- ``build``: world, then source notebooks, then nbgrader's generate_assignment.
- ``validate``: proves every grader through nbgrader's real autograde path.
- ``graders``: the known-wrong answers and rubrics ``validate`` uses.
- the batch grader behind ``crosstrain grade``: ``grade`` drives collect, preflight,
  sandboxed runs, the out-of-kernel ``recheck``, feedback, export and the cohort report.
"""
