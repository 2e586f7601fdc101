"""Module 07, attribution.

- ``formulas``: what the lesson teaches (a notebook may import them);
- ``table``: its exercises (``EXERCISES``).
"""
