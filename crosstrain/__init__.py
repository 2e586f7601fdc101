"""crosstrain: a Jupyter course that cross-trains marketing and sales people.

The package has one subpackage per concept, in layers (an import only points down; the
contracts in ``pyproject.toml`` are checked by ``lint-imports``):

- ``crosstrain.cli``: the ``crosstrain`` command, parses arguments and calls the layers below;
  ``crosstrain.demo`` the one-command tour.
- ``crosstrain.learner`` (a learner's verbs: workspace, Lab, progress, hand-in) and
  ``crosstrain.workshop`` (a facilitator's: plan, cards, leaderboard, data variants).
- ``crosstrain.grading``: the grader (build, validate, batch grade, report).
- ``crosstrain.notebook``: what a notebook imports: ``start``, each module's exercises and
  formulas (``notebook.exercises.<module>``), answer kinds, widgets. Never the grader.
- ``crosstrain.course``: the course model (syllabus, module sources, course config, data
  variants, learner ids, atomic writes).
- ``crosstrain.world``: the synthetic CRM (recipe, generator, loader); ``errors`` and ``paths``.
"""

from crosstrain.errors import CrosstrainError
from crosstrain.world.load import World, load_world

__all__ = ["CrosstrainError", "World", "load_world"]
__version__ = "0.1.0"
