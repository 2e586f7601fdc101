"""Module 03, the funnel and the handoff.

- ``formulas``: what the lesson teaches (a notebook may import them);
- ``table``: its exercises (``EXERCISES``).
"""
