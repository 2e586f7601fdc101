"""The grader: from module sources to grades.

It builds on the course model (``crosstrain.course``: syllabus, sources, nbgrader config)
and the notebook library's exercise objects; nothing learner-facing imports it.

- ``nbgrader``: nbgrader's API on a course, its failures in one line.
- ``compile``: turns those cells into an nbgrader source notebook with full metadata.
- ``build``: world, then source notebooks, then nbgrader's generate_assignment.
- ``assessment`` (practice or assessment mode, the assessment notebook) and
  ``learner_lib`` (the learner's install without answers an assessment runs on).
- ``labkernel``: the sandboxed kernel command ``crosstrain lab`` gives an assessment notebook.
- ``validate``: proves every grader through nbgrader's real autograde path.
- ``graders``: the known-wrong answers and rubrics ``validate`` uses.
- ``proof``: the quick in-process proof of a module's exercises its tests share.
- the batch grader behind ``crosstrain grade``: ``grade`` drives collect, preflight,
  sandboxed runs, the out-of-kernel ``recheck``, feedback, export and the cohort report.
"""
