"""What a learner touches in a notebook: ``start`` a module, then check, hint, solve.

    from crosstrain.notebook import start
    world, ex = start("00-orientation")
    ex.q1.check(n_leads)
    ex.q1.hint()

- ``session``: ``start``; ``widgets``: the interactive explorers lessons show.
- ``exercises``: one folder per module, with its ``formulas`` (what the lesson teaches), its
  ``lesson`` (what notebooks import)
  and its exercise ``table``; the registry ``exercises_of(module_id)``.
- ``exercise`` (the ``Exercise`` object; ``spec``, its learner-facing half in an assessment),
  ``answers`` (answer kinds shared by modules),
  ``capture`` (the graded-answer payload), ``friendly`` (error messages for new hires),
  ``placeholder`` (``____``, the blank a release's answer cell starts with), ``verdict``
  (how feedback looks), ``parts`` (which parts of a partly right answer are off),
  ``numbers`` (numbers shown as people read them), ``tables`` (``shown``: lesson tables with
  rates as percentages, money with commas, counts whole).

It never imports the grader, the verbs or the command line (``lint-imports`` checks).
"""

from crosstrain.notebook.placeholder import ____
from crosstrain.notebook.session import start

__all__ = ["____", "start"]
