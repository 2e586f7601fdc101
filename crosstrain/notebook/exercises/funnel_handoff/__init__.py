"""Module 03, the funnel and the handoff.

- ``formulas``: what the lesson teaches, as the exercise table computes it (the notebook
  imports none of it: ``tests/grading/test_no_shortcuts.py``);
- ``table``: its exercises (``EXERCISES``).
"""
