"""Module 08, the alignment capstone.

- ``formulas``: what the lesson teaches (a notebook may import them);
- ``kinds``: answer kinds only this module needs;
- ``table``: its exercises (``EXERCISES``).
"""
