"""Module 06, pipeline and forecasting.

- ``formulas``: what the lesson teaches, as the exercise table computes it (graded answers:
  the notebook does not import them);
- ``lesson``: what the notebook imports (constants, helpers that return no graded answer);
- ``kinds``: answer kinds only this module needs;
- ``table``: its exercises (``EXERCISES``).
"""
