"""Module 01, two teams.

- ``formulas``: what the lesson teaches (a notebook may import them);
- ``table``: its exercises (``EXERCISES``).
"""
