"""Module 09, after the close: retention, expansion and shared messaging.

- ``formulas``: what the lesson teaches, as the exercise table computes it (graded answers:
  the notebook does not import them);
- ``lesson``: what the notebook imports (constants, helpers that return no graded answer);
- ``table``: its exercises (``EXERCISES``).
"""
