"""Module 02, measuring what matters.

- ``formulas``: what the lesson teaches (a notebook may import them);
- ``table``: its exercises (``EXERCISES``).
"""
