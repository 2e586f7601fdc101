"""crosstrain: a Jupyter course that cross-trains marketing and sales people.

The package has one subpackage per concept:

- ``crosstrain.world``: the synthetic CRM (recipe, generator, loader).
- ``crosstrain.course``: module sources to nbgrader, validation, batch grading.
- ``crosstrain.learn``: what a learner touches in a notebook (checks, hints, widgets).
- ``crosstrain.cli``: the ``crosstrain`` command, a thin layer over the above.
"""

from crosstrain.errors import CrosstrainError
from crosstrain.world.load import World, load_world

__all__ = ["CrosstrainError", "World", "load_world"]
__version__ = "0.1.0"
