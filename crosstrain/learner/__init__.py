"""What a learner runs outside the notebooks: their workspace, Lab, progress and hand-in.

- ``seat``: a learner's place in a workshop that gives each team or learner its own world.
- ``workspace``: copies the release notebooks of a learner's path into their folder,
  never over a notebook they have touched (a manifest remembers what was copied).
- ``lab``: starts JupyterLab on that workspace, or on ``course/`` for a trainer.
- ``assessment``: an assessment module's notebook names a kernel without the answers.
- ``progress``: which exercises are answered and self-checked, time left on the path.
- ``submit``: packs a module's notebook into a zip ``crosstrain grade --from`` reads.

Learner verbs never import the grader: the course model (``crosstrain.course``) gives
them the syllabus, the catalog of modules and the course folder; the command line hands
``workspace.prepare`` the grader's ``build`` when a release is missing.
"""
