"""What a learner runs outside the notebooks: their workspace, Lab, progress and hand-in.

- ``catalog``: modules by id or number, per learner path, and whether each is written yet.
- ``workspace``: copies the release notebooks of a learner's path into their folder,
  never over a notebook they have touched (a manifest remembers what was copied).
- ``lab``: starts JupyterLab on that workspace, or on ``course/`` for a trainer.
- ``progress``: which exercises are answered and self-checked, time left on the path.
- ``submit``: packs a module's notebook into a zip ``crosstrain grade --from`` reads.
"""
